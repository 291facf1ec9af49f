/**
 * INI text as the AWS SDK for JavaScript v3 reads shared config and credentials files
 * (@smithy/shared-ini-file-loader), which is what our AWS calls go through. Unlike the SDK,
 * lines it skips silently are reported with their 1-based line number.
 *
 * SDK rules followed here (the AWS CLI's parser differs in places):
 * - A comment starts at `#` or `;` at the start of a line or after whitespace, so
 *   `region = us-east-1 # note` is `us-east-1` and `a=b#c` keeps `b#c`. (AWS CLI v2 strips
 *   only whole-line comments: its `aws configure get region` prints `us-east-1 # note`.)
 * - A line is a section header only if, comment removed and trimmed, it starts with `[` and
 *   ends with `]`; anything else stays in the current section.
 * - `key = value` splits at the first `=`; key and value are trimmed; keys are case-sensitive.
 * - `key =` with an empty value stores nothing and opens a nested section: the indented
 *   `k = v` lines after it are stored as `key.k`, until an unindented `k = v` line.
 */

export interface IniSection {
  /** The text between the brackets, untrimmed. */
  readonly header: string;
  readonly line: number;
  /** Later lines win over earlier ones for the same key. */
  readonly entries: Map<string, string>;
}

export interface IniProblem {
  readonly line: number;
  readonly message: string;
}

export interface IniDocument {
  /** In file order; a repeated header gives a second section (merging is the reader's rule). */
  readonly sections: IniSection[];
  readonly problems: IniProblem[];
}

export interface IniParseOptions {
  /** Keys (leaf names) whose values are replaced by REDACTED_VALUE as they are read. */
  readonly redactKeys?: ReadonlySet<string>;
}

// Exported by name rather than `export const`, so that compiled CommonJS reads it as a local
// constant: a first read of `exports.REDACTED_VALUE` (the credentials file, after the config file)
// would send the line loop's optimised code back to the interpreter.
const REDACTED_VALUE = '<redacted>';
export { REDACTED_VALUE };

export interface SplitSectionHeader {
  readonly prefix: string;
  readonly name: string;
}

// `prefix name`, `prefix "name"` or `prefix 'name'`, with the SDK's character sets.
const PREFIXED_HEADER = /^[\w-]+\s(?:"[\w@+.%:/-]+"|'[\w@+.%:/-]+'|[\w@+.%:/-]+)$/;
const WHITESPACE = /\s/;

/** Splits `profile x`, `sso-session "y"` etc. as the SDK does; undefined when the header is not of that form. */
export function splitSectionHeader(header: string): SplitSectionHeader | undefined {
  // test() and search() build no match array, which adds up over thousands of sections.
  if (!PREFIXED_HEADER.test(header)) {
    return undefined;
  }
  // The prefix has no whitespace, and a name starts with a quote only when it is quoted.
  const separator = header.search(WHITESPACE);
  const opening = header.charCodeAt(separator + 1);
  const quoted = opening === 0x22 /* " */ || opening === 0x27; /* ' */
  return { prefix: header.slice(0, separator), name: quoted ? header.slice(separator + 2, -1) : header.slice(separator + 1) };
}

/** The characters JavaScript's `\s` and trim() treat as whitespace, which is what the SDK uses. */
function isWhitespace(code: number): boolean {
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
class ForwardSearch {
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

/**
 * Keys (region, output, ...) and short values (us-east-1, json, ...) recur in most sections. One
 * copy of each keeps what a large file's parse holds on to small: for 10,000 profiles, copying what
 * survives each young-generation collection costs more than the parsing itself.
 */
function sharedString(copies: Map<string, string>, text: string): string {
  const shared = copies.get(text);
  if (shared !== undefined) {
    return shared;
  }
  copies.set(text, text);
  return text;
}

const MAX_SHARED_VALUE_LENGTH = 16;

/** Every section with its own map of entries. */
export function parseIni(text: string, options: IniParseOptions = {}): IniDocument {
  const reader = new IniReader(text, options);
  const sections: IniSection[] = [];
  let entries: Map<string, string> | undefined;
  while (reader.nextSection(entries)) {
    entries = new Map();
    sections.push({ header: reader.header, line: reader.line, entries });
  }
  return { sections, problems: reader.problems };
}

/**
 * Reads a text section by section; the caller picks the map each section's entries go into when it
 * reaches the section's header. So a caller that merges sections, as profiles do, never holds a map
 * per section. Works on indexes into the text and slices only keys, values and headers.
 */
export class IniReader {
  /** The header of the section reached by the last nextSection(): the text between the brackets, untrimmed. */
  header = '';
  /** Its 1-based line number; 0 before the first header. */
  line = 0;
  /** Lines skipped so far, in line order. */
  readonly problems: IniProblem[] = [];

  private readonly redactKeys: ReadonlySet<string> | undefined;
  private readonly newlines: ForwardSearch;
  private readonly hashes: ForwardSearch;
  private readonly semicolons: ForwardSearch;
  private readonly equalsSigns: ForwardSearch;
  private readonly closingBrackets: ForwardSearch;
  private readonly keys = new Map<string, string>();
  private readonly shortValues = new Map<string, string>();
  private lineStart = 0;
  private lineNumber = 0;

  constructor(
    private readonly text: string,
    options: IniParseOptions = {},
  ) {
    this.redactKeys = options.redactKeys;
    this.newlines = new ForwardSearch(text, '\n');
    this.hashes = new ForwardSearch(text, '#');
    this.semicolons = new ForwardSearch(text, ';');
    this.equalsSigns = new ForwardSearch(text, '=');
    this.closingBrackets = new ForwardSearch(text, ']');
  }

  /**
   * Reads on to the next section header, storing the `key = value` lines before it in `entries`
   * (dropping them when undefined). False at the end of the text.
   */
  nextSection(entries: Map<string, string> | undefined): boolean {
    const { text, redactKeys, newlines, hashes, semicolons, equalsSigns, closingBrackets, keys, shortValues, problems } = this;
    const inSection = this.line > 0;
    let nestedUnder: string | undefined;
    let lineNumber = this.lineNumber;
    let lineStart = this.lineStart;
    let reachedHeader = false;

    while (lineStart <= text.length) {
      const lineEnd = newlines.from(lineStart);
      lineNumber++;

      // A comment starts at # or ; at the start of the line or after whitespace.
      let end = lineEnd;
      for (let at = lineStart; ; at++) {
        at = Math.min(hashes.from(at), semicolons.from(at));
        if (at >= lineEnd) {
          break;
        }
        if (at === lineStart || isWhitespace(text.charCodeAt(at - 1))) {
          end = at;
          break;
        }
      }
      let start = lineStart;
      while (start < end && isWhitespace(text.charCodeAt(start))) {
        start++;
      }
      while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
        end--;
      }
      const indented = lineStart < lineEnd && isWhitespace(text.charCodeAt(lineStart));
      lineStart = lineEnd + 1;

      if (start === end) {
        continue;
      }

      if (text.charCodeAt(start) === 0x5b /* [ */) {
        if (end - start >= 2 && text.charCodeAt(end - 1) === 0x5d /* ] */) {
          this.header = text.slice(start + 1, end - 1);
          this.line = lineNumber;
          reachedHeader = true;
          break;
        }
        // The SDK does not start a section here, so the lines below still belong to the previous one.
        problems.push({
          line: lineNumber,
          message:
            closingBrackets.from(start) < end
              ? 'Unexpected text after "]" in a section header; the line is ignored.'
              : 'Section header is missing its closing "]"; the line is ignored.',
        });
        continue;
      }

      const equalsAt = equalsSigns.from(start);
      if (equalsAt >= end) {
        problems.push({ line: lineNumber, message: 'Expected "key = value"; the line is ignored.' });
        continue;
      }
      if (equalsAt === start) {
        problems.push({ line: lineNumber, message: 'Missing key before "="; the line is ignored.' });
        continue;
      }
      if (!inSection) {
        problems.push({ line: lineNumber, message: '"key = value" before any [section]; the line is ignored.' });
        continue;
      }

      let keyEnd = equalsAt;
      while (isWhitespace(text.charCodeAt(keyEnd - 1))) {
        keyEnd--;
      }
      let valueStart = equalsAt + 1;
      while (valueStart < end && isWhitespace(text.charCodeAt(valueStart))) {
        valueStart++;
      }
      const key = sharedString(keys, text.slice(start, keyEnd));
      if (valueStart === end) {
        nestedUnder = key;
        continue;
      }
      if (nestedUnder !== undefined && !indented) {
        nestedUnder = undefined;
      }
      if (entries) {
        const fullKey = nestedUnder === undefined ? key : `${nestedUnder}.${key}`;
        const value = text.slice(valueStart, end);
        // Long values (ARNs, key ids) are mostly unique: sharing them would only cost.
        entries.set(fullKey, redactKeys?.has(key) ? REDACTED_VALUE : value.length <= MAX_SHARED_VALUE_LENGTH ? sharedString(shortValues, value) : value);
      }
    }

    // The one way out of the loop: the end of the text runs the same code as a header, so the
    // optimised loop meets nothing new there.
    this.lineNumber = lineNumber;
    this.lineStart = lineStart;
    return reachedHeader;
  }
}
