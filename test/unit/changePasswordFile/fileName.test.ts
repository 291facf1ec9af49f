import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChangePasswordFileFormat, formatForFileName, isChangePasswordFile, skeletonFileName } from '../../../src/changePasswordFile/fileName';

describe('formatForFileName', () => {
  it('matches the names the when-clauses match, case-sensitively', () => {
    const expected: [string, ChangePasswordFileFormat | undefined][] = [
      ['change-password.json', 'json'],
      ['change-password.yaml', 'yaml'],
      ['change-password.yml', 'yaml'],
      ['prod.change-password.json', 'json'],
      ['a.b.change-password.yml', 'yaml'],
      ['/home/me/work/prod.change-password.yaml', 'yaml'],
      ['C:\\work\\change-password.json', 'json'],
      ['Change-Password.json', undefined],
      ['change-password.JSON', undefined],
      ['.change-password.json', undefined],
      ['my-change-password.json', undefined],
      ['change-password.json.bak', undefined],
      ['change-password.jsonc', undefined],
      ['change-password', undefined],
      ['', undefined],
    ];
    for (const [name, format] of expected) {
      assert.equal(formatForFileName(name), format, name);
    }
  });
});

describe('skeletonFileName', () => {
  it('numbers the names a new skeleton may take, each one a change-password file of its format', () => {
    assert.deepEqual(
      [1, 2, 3, 10].map((n) => skeletonFileName('json', n)),
      ['change-password.json', '2.change-password.json', '3.change-password.json', '10.change-password.json'],
    );
    assert.equal(skeletonFileName('yaml'), 'change-password.yaml');
    for (const format of ['json', 'yaml'] as const) {
      for (let n = 1; n <= 20; n++) {
        assert.equal(formatForFileName(skeletonFileName(format, n)), format, skeletonFileName(format, n));
      }
    }
  });
});

describe("package.json's file-name patterns", () => {
  interface MenuItem {
    command: string;
    when?: string;
  }
  interface Manifest {
    contributes: {
      menus: Record<string, MenuItem[]>;
      jsonValidation: { fileMatch: string[] }[];
      yamlValidation: { fileMatch: string[] }[];
    };
  }
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as Manifest;

  const SHOULD_MATCH = [
    'change-password.json',
    'change-password.yaml',
    'change-password.yml',
    'prod.change-password.json',
    'prod.change-password.yaml',
    'a.b.change-password.yml',
    '2.change-password.json',
    '12.change-password.yaml',
    'my account.change-password.json',
  ];
  const SHOULD_NOT_MATCH = [
    'Change-Password.json',
    'change-password.JSON',
    'change-password.YAML',
    '.change-password.json',
    '.change-password.yaml',
    'my-change-password.json',
    'prod_change-password.yml',
    'change-password-2.json',
    'change-password.json.bak',
    'change-password.jsonc',
    'change-password.yaml.txt',
    'change-password',
    'changepassword.json',
    'change-password.json5',
    'lens-other.json',
  ];
  const NAMES = [...SHOULD_MATCH, ...SHOULD_NOT_MATCH];

  it('the code matches the names it should and no others', () => {
    for (const name of SHOULD_MATCH) {
      assert.notEqual(formatForFileName(name), undefined, name);
      assert.equal(isChangePasswordFile({ path: `/work/${name}` }), true, name);
    }
    for (const name of SHOULD_NOT_MATCH) {
      assert.equal(formatForFileName(name), undefined, name);
      assert.equal(isChangePasswordFile({ path: `/work/${name}` }), false, name);
    }
  });

  it('every menu of Change Password Using This File shows for exactly the names the code matches', () => {
    const menus = ['commandPalette', 'explorer/context', 'editor/title', 'editor/context'];
    for (const menu of menus) {
      const items = manifest.contributes.menus[menu].filter((item) => item.command === 'iamPassword.changePasswordFromFile');
      assert.equal(items.length, 1, menu);
      const clause = /resourceFilename =~ \/(.+)\/([a-z]*)(?: |$)/.exec(items[0].when ?? '');
      assert.ok(clause, `${menu}: no resourceFilename =~ /.../ in ${items[0].when}`);
      const pattern = new RegExp(clause[1], clause[2]);
      for (const name of NAMES) {
        assert.equal(pattern.test(name), formatForFileName(name) !== undefined, `${menu}: ${name}`);
      }
    }
  });

  it('jsonValidation and yamlValidation apply the schema to exactly the JSON and YAML names the code matches', () => {
    const cases = [
      ['jsonValidation', 'json'],
      ['yamlValidation', 'yaml'],
    ] as const;
    for (const [contribution, format] of cases) {
      const patterns = manifest.contributes[contribution].flatMap((c) => c.fileMatch);
      for (const name of NAMES) {
        for (const uri of [`file:///home/me/work/${name}`, `untitled:/home/me/work/${name}`]) {
          assert.equal(fileMatches(patterns, uri), formatForFileName(name) === format, `${contribution}: ${uri}`);
        }
      }
    }
  });
});

/**
 * Whether a document URI matches a contribution's fileMatch as VS Code's JSON language service reads it
 * (Red Hat's YAML server uses the same service): a pattern without a scheme or a leading / applies in any
 * folder, `*` stays within a path segment, `?` is any one character, `{a,b}` is either, `[...]` a class,
 * and a later `!pattern` excludes what earlier ones matched.
 */
function fileMatches(patterns: string[], uri: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const exclude = pattern.startsWith('!');
    const glob = `**/${pattern.slice(exclude ? 1 : 0).replace(/^\//, '')}`;
    let source = '';
    for (let i = 0; i < glob.length; i++) {
      const c = glob[i];
      if (glob.startsWith('**/', i)) {
        source += '(?:[^/]*/)*';
        i += 2;
      } else if (c === '*') {
        source += '[^/]*';
      } else if (c === '?') {
        source += '.';
      } else if (c === '{' || c === '}') {
        source += c === '{' ? '(?:' : ')';
      } else if (c === ',') {
        source += '|';
      } else if (c === '[' || c === ']') {
        source += c;
      } else {
        source += c.replace(/[.+^$()|\\/]/g, '\\$&');
      }
    }
    if (new RegExp(`^${source}$`).test(uri)) {
      matched = !exclude;
    }
  }
  return matched;
}
