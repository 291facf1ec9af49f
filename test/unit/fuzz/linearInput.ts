import * as assert from 'node:assert/strict';
import fc from 'fast-check';

/**
 * Texts that make a careless reader slow: each character of the grammar repeated to `size`, alone
 * and between two others (a line of blanks between a key and its colon), and each next to the next.
 */
export function adversarialTexts(alphabet: readonly string[], size = 1 << 20): string[] {
  return alphabet.flatMap((a, index) => {
    const b = alphabet[(index + 1) % alphabet.length];
    return [a.repeat(size), `${b}${a.repeat(size)}${b}x`, `${a}${b}`.repeat(size / 2)];
  });
}

/**
 * Runs `read` on each text and on its first quarter, best of three: a linear reader takes about 4
 * times as long on the whole, a quadratic one 16 times. Ratios, not a stopwatch: the machine may be busy, so a failed
 * ratio is measured again, up to three rounds.
 */
export function assertLinear(read: (text: string) => unknown, texts: readonly string[]): void {
  const time = (text: string): number =>
    Math.min(
      ...[0, 1, 2].map(() => {
        const started = performance.now();
        read(text);
        return performance.now() - started;
      }),
    );
  for (const text of texts) {
    // A pause of the machine's (another process, a GC) can spoil one measurement; a quadratic reader fails every one.
    let [quarter, whole] = [0, Infinity];
    for (let round = 0; round < 3 && whole > 8 * quarter + 200; round++) {
      quarter = time(text.slice(0, text.length / 4));
      whole = time(text);
    }
    const shape = `${JSON.stringify(text.slice(0, 12))}... (${text.length} characters)`;
    assert.ok(whole <= 8 * quarter + 200, `${whole.toFixed(0)} ms on ${shape}, ${quarter.toFixed(0)} ms on its first quarter (three rounds)`);
    assert.ok(whole < 5000, `${whole.toFixed(0)} ms on ${shape}`);
  }
}

/** Lines of `alphabet`'s characters and words, joined by any line break: text shaped like the format under test. */
export function textOf(alphabet: readonly string[], maxLength = 400): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...alphabet), { maxLength }).map((parts) => parts.join(''));
}
