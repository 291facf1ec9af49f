// What `vsce ls` puts in the .vsix: only what runs or is shown, and everything that is shown.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

interface Manifest {
  icon: string;
  /** The folder of the code's string bundles (vscode.l10n). */
  l10n?: string;
  contributes: {
    jsonValidation?: { url: string }[];
    yamlValidation?: { url: string }[];
    walkthroughs?: { steps: { media: { markdown?: string; image?: string | Record<string, string> } }[] }[];
  };
}

/** Files the extension itself uses, relative to the repo root. */
function usedByManifest(manifest: Manifest): string[] {
  const media = (manifest.contributes.walkthroughs ?? []).flatMap((walkthrough) =>
    walkthrough.steps.flatMap(({ media: { markdown, image } }) => [
      ...(markdown ? [markdown] : []),
      ...(typeof image === 'string' ? [image] : Object.values(image ?? {})),
    ]),
  );
  const schemas = [...(manifest.contributes.jsonValidation ?? []), ...(manifest.contributes.yamlValidation ?? [])].map(({ url }) => url);
  const bundles = manifest.l10n ? fs.readdirSync(path.join(repoRoot, manifest.l10n)).map((file) => path.posix.join(manifest.l10n as string, file)) : [];
  return [manifest.icon, ...schemas, ...media, ...bundles].map((file) => path.posix.normalize(file));
}

/** The relative images README.md shows. */
function readmeImages(): string[] {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((url) => !/^[a-z]+:/.test(url));
}

describe('the .vsix contents (vsce ls)', function () {
  this.timeout(60_000);
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  let listed: string[] = [];

  before(() => {
    const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
    listed = out
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  });

  it("holds the manifest, its strings, the code's strings, the icon, the schema, the walkthrough pages and the README images", () => {
    const needed = ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', ...usedByManifest(manifest), ...readmeImages()];
    assert.equal(manifest.l10n, './l10n', 'package.json names the l10n/ folder, where VS Code looks for bundle.l10n.<language>.json');
    assert.ok(needed.includes('l10n/bundle.l10n.json'), 'the exported English bundle is among the files the .vsix needs');
    for (const file of needed) {
      assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} exists`);
    }
    assert.deepEqual(
      needed.filter((file) => !listed.includes(file)),
      [],
      'needed files left out of the .vsix',
    );
  });

  it('holds every bundle the build made, the lazily required ones too', () => {
    const built = fs
      .readdirSync(path.join(repoRoot, 'dist'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => `dist/${file}`);
    assert.ok(built.includes('dist/passwordStrength.js'), `dist/ holds ${built.join(', ')}: run npm run build first`);
    assert.deepEqual(
      built.filter((file) => !listed.includes(file)),
      [],
      'bundles left out of the .vsix',
    );
  });

  it('holds nothing else but the bundles', () => {
    const shown = new Set(['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', ...usedByManifest(manifest), ...readmeImages()]);
    const extra = listed.filter((file) => !shown.has(file) && !/^dist\/[\w-]+\.js$/.test(file));
    assert.deepEqual(extra, [], 'files in the .vsix that nothing uses');
  });
});
