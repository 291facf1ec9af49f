// docs/SECURITY.md names, for each threat, the test that proves what stops it. A renamed or
// deleted test would leave a row that proves nothing, so every `file` › "title" must exist.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'SECURITY.md'), 'utf8');

/** Each `file` › "title" › "title" ... citation in a table row. */
function citations(): { file: string; title: string }[] {
  const found: { file: string; title: string }[] = [];
  for (const match of doc.matchAll(/`(test\/[^`]+\.ts)`((?:\s*›\s*"(?:[^"\\]|\\.)*")+)/g)) {
    for (const title of match[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
      found.push({ file: match[1], title: title[1].replace(/\\"/g, '"') });
    }
  }
  return found;
}

/** The titles of the it() calls in a test file, as written (single, double or back quotes). */
function testTitles(file: string): string[] {
  const source = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  return Array.from(source.matchAll(/\bit\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g), (m) => m[2].replace(/\\(.)/g, '$1'));
}

describe('docs/SECURITY.md', () => {
  it('cites tests, and every cited test exists with that title', () => {
    const cited = citations();
    assert.ok(cited.length >= 20, `only ${cited.length} citations found: is the table still in the \`file\` › "title" form?`);
    const missing = cited.filter(({ file, title }) => !fs.existsSync(path.join(repoRoot, file)) || !testTitles(file).includes(title));
    assert.deepEqual(missing, []);
  });

  it('names a test or PENDING(helper) in every row of its tables', () => {
    const rows = doc.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    assert.ok(rows.length > 0);
    const bare = rows.filter((row) => !/`test\/|PENDING\(/.test(row.slice(row.lastIndexOf('|', row.length - 2))));
    assert.deepEqual(bare, []);
  });
});
