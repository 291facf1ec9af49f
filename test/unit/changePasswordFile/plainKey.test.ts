import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { plainKeyEnd } from '../../../src/changePasswordFile/flatYamlReader';

/** The pattern plainKeyEnd replaced, kept here as its specification (quadratic on long blank runs: short inputs only). */
const PLAIN_KEY = /^(?:[^#]|(?<![ \t])#)+?(?=[ \t]*:(?:[ \t]|$))/;

describe('plainKeyEnd', () => {
  it('ends a plain key where the YAML key pattern ends it, on any short line of the characters that matter', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '#', ':', "'"), maxLength: 12 });
    fc.assert(
      fc.property(line, (text) => plainKeyEnd(text) === PLAIN_KEY.exec(text)?.[0].length),
      { numRuns: 20_000 },
    );
  });

  it('reads a 1 MB line of blanks in linear time (the pattern took 15 s on 125 KB)', function () {
    this.timeout(2000);
    assert.equal(plainKeyEnd(`x${' '.repeat(1 << 20)}y`), undefined);
    assert.equal(plainKeyEnd(`x${' '.repeat(1 << 20)}: y`), 1);
  });
});
