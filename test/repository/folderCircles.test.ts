// npm run lint:deps on a throwaway src/ of two folders: it fails when each imports the other, and passes when one does.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const depcruise = path.join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs the project's dependency-cruiser command on a src/ made of `files`, with the project's config. */
function lintDeps(files: Record<string, string>): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iampw-depcruise-'));
  try {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'Node16', strict: true }, include: ['src'] }));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const run = spawnSync(process.execPath, [depcruise, 'src', '--config', path.join(repoRoot, '.dependency-cruiser.cjs')], { cwd: dir, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm run lint:deps (dependency-cruiser)', function () {
  this.timeout(60_000);

  it('fails when a folder imports a folder that imports it back, though no module does', () => {
    const { status, output } = lintDeps({
      'src/alpha/first.ts': "import { second } from '../beta/second';\nexport const first = (): string => second;\n",
      'src/alpha/third.ts': "export const third = 'third';\n",
      'src/beta/second.ts': "import { third } from '../alpha/third';\nexport const second = third;\n",
    });
    assert.notEqual(status, 0, output);
    assert.match(output, /no-circular-folders/);
    assert.doesNotMatch(output, /error no-circular:/);
  });

  it('passes when the folders depend one way', () => {
    const { status, output } = lintDeps({
      'src/alpha/first.ts': "import { second } from '../beta/second';\nexport const first = (): string => second;\n",
      'src/beta/second.ts': "export const second = 'second';\n",
    });
    assert.equal(status, 0, output);
  });
});
