// package.json's user-facing strings are %key% placeholders; package.nls.json holds their English.
// VS Code shows a missing key as the raw "%key%", so every placeholder needs its entry, and an
// entry nothing uses is a string translators would work on for nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
}

const PLACEHOLDER = /^%([^%]+)%$/;

/** Fields of a contribution that VS Code shows to the user. */
const USER_FACING = new Set([
  'title',
  'shortTitle',
  'category',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'altText',
  'label',
]);

/** Every string in `value` with its JSON path. */
function strings(value: unknown, at: string): { at: string; key: string; text: string }[] {
  if (typeof value === 'string') {
    return [{ at, key: at.slice(at.lastIndexOf('.') + 1).replace(/\[\d+\]$/, ''), text: value }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => strings(item, `${at}[${index}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, item]) => strings(item, `${at}.${name}`));
  }
  return [];
}

describe('package.nls.json', () => {
  const manifest = readJson('package.json') as Record<string, unknown> & { contributes: { commands: { command: string }[] } };
  const nls = readJson('package.nls.json') as Record<string, unknown>;
  const all = strings(manifest, 'package.json');
  const placeholders = all.flatMap(({ at, text }) => {
    const match = PLACEHOLDER.exec(text);
    return match ? [{ at, name: match[1] }] : [];
  });

  it('has an entry for every %key% in package.json', () => {
    assert.ok(placeholders.length > 0, 'package.json uses no %key% placeholders');
    const missing = placeholders.filter(({ name }) => !Object.hasOwn(nls, name)).map(({ at, name }) => `${at}: %${name}%`);
    assert.deepEqual(missing, [], 'placeholders without an English string in package.nls.json');
  });

  it('has no entry that package.json does not use', () => {
    const used = new Set(placeholders.map(({ name }) => name));
    assert.deepEqual(
      Object.keys(nls).filter((name) => !used.has(name)),
      [],
      'unused keys in package.nls.json',
    );
  });

  it('holds a non-empty string for each key', () => {
    for (const [name, text] of Object.entries(nls)) {
      assert.equal(typeof text, 'string', name);
      assert.ok((text as string).trim().length > 0, `${name} is empty`);
    }
  });

  it('leaves no user-facing string of package.json in plain English', () => {
    const shown = [
      ...strings(manifest.displayName, 'package.json.displayName').map((entry) => ({ ...entry, key: 'displayName' })),
      ...strings(manifest.description, 'package.json.description').map((entry) => ({ ...entry, key: 'description' })),
      ...strings(manifest.contributes, 'package.json.contributes'),
      ...strings(manifest.capabilities, 'package.json.capabilities'),
    ].filter(({ key }) => USER_FACING.has(key) || key === 'displayName');
    assert.ok(shown.length > 0);
    const plain = shown.filter(({ text }) => !PLACEHOLDER.test(text)).map(({ at, text }) => `${at}: ${JSON.stringify(text)}`);
    assert.deepEqual(plain, [], 'user-facing strings that are not %key% placeholders');
  });

  it('links only to commands the extension contributes', () => {
    const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
    const links = Object.values(nls).flatMap((text) => [...String(text).matchAll(/\]\(command:([\w.]+)/g)].map((match) => match[1]));
    assert.deepEqual(
      links.filter((command) => !contributed.has(command)),
      [],
      'command links to commands package.json does not contribute',
    );
  });
});
