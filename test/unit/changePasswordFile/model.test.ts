import * as assert from 'node:assert/strict';
import { offsetToPosition } from '../../../src/core/changePasswordFile/model';

describe('offsetToPosition', () => {
  it('gives 1-based lines and columns for \\n, \\r\\n and \\r line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const expected: [number, number, number][] = [
      [0, 1, 1],
      [2, 1, 3],
      [3, 2, 1],
      [5, 2, 3],
      [6, 2, 4],
      [7, 3, 1],
      [10, 4, 1],
      [12, 4, 3],
    ];
    for (const [offset, line, column] of expected) {
      assert.deepEqual(offsetToPosition(text, offset), { line, column }, `offset ${offset}`);
    }
  });

  it('clamps offsets outside the text', () => {
    assert.deepEqual(offsetToPosition('ab\ncd', 99), { line: 2, column: 3 });
    assert.deepEqual(offsetToPosition('ab', -5), { line: 1, column: 1 });
  });
});
