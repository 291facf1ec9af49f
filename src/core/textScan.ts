/** Scanning a large text by index, in one forward pass. */

/** The characters JavaScript's `\s` and trim() treat as whitespace, which is what the SDK uses. */
export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    (code > 0x7f &&
      (code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000 ||
        code === 0xfeff))
  );
}

/**
 * Finds the next occurrence of a character at or after a position that only moves forward,
 * reusing the last answer until the position passes it, so a whole scan stays linear.
 */
export class ForwardSearch {
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  /** Index of the next occurrence at or after `from`, or text.length when there is none. */
  from(from: number): number {
    if (this.found < from) {
      const index = this.text.indexOf(this.char, from);
      // Read on every search, not only at the end of the text: optimised code that meets a property
      // read for the first time falls back to the interpreter.
      const notFound = this.text.length;
      this.found = index === -1 ? notFound : index;
    }
    return this.found;
  }
}

/** The 1-based line of an index into the text; line 1 for -1. */
export function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
  }
  return line;
}
