import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { commentShare, countCommentLines } from '../../scripts/commentShare';

describe('comments in src/', () => {
  it('counts a line that holds a comment, alone or after code, once', () => {
    const text = ['/**', ' * Why.', ' */', 'const a = 1; // why', '', "const url = 'http://x'; /* a */ /* b */", 'const b = 2;'].join('\n');
    assert.deepEqual(countCommentLines(text), { commentLines: 5, nonBlankLines: 6 });
  });

  it('are at most 10% of its non-blank lines (npm run comments lists them by file)', () => {
    const { commentLines, nonBlankLines } = commentShare(path.resolve(__dirname, '../../../src'));
    const percent = (100 * commentLines) / nonBlankLines;
    console.log(`      src/: ${commentLines} comment lines of ${nonBlankLines} non-blank lines (${percent.toFixed(1)}%)`);
    assert.ok(percent <= 10, `${percent.toFixed(1)}% of src/'s non-blank lines hold a comment`);
  });
});
