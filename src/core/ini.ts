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

export const REDACTED_VALUE = '<redacted>';

export interface SplitSectionHeader {
  readonly prefix: string;
  readonly name: string;
}

// `prefix name`, `prefix "name"` or `prefix 'name'`, with the SDK's character sets.
const PREFIXED_HEADER = /^([\w-]+)\s(?:"([\w@+.%:/-]+)"|'([\w@+.%:/-]+)'|([\w@+.%:/-]+))$/;

/** Splits `profile x`, `sso-session "y"` etc. as the SDK does; undefined when the header is not of that form. */
export function splitSectionHeader(header: string): SplitSectionHeader | undefined {
  const match = PREFIXED_HEADER.exec(header);
  if (!match) {
    return undefined;
  }
  return { prefix: match[1], name: match[2] ?? match[3] ?? match[4] };
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
      this.found = index === -1 ? this.text.length : index;
    }
    return this.found;
  }
}

/** Works on indexes into the text and slices only keys, values and headers, to keep large files cheap. */
export function parseIni(text: string, options: IniParseOptions = {}): IniDocument {
  const redactKeys = options.redactKeys;
  const sections: IniSection[] = [];
  const problems: IniProblem[] = [];
  const newlines = new ForwardSearch(text, '\n');
  const hashes = new ForwardSearch(text, '#');
  const semicolons = new ForwardSearch(text, ';');
  const equalsSigns = new ForwardSearch(text, '=');
  const closingBrackets = new ForwardSearch(text, ']');
  let section: IniSection | undefined;
  let nestedUnder: string | undefined;
  let lineNumber = 0;
  let lineStart = 0;

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
        section = { header: text.slice(start + 1, end - 1), line: lineNumber, entries: new Map() };
        sections.push(section);
        nestedUnder = undefined;
      } else {
        // The SDK does not start a section here, so the lines below still belong to the previous one.
        problems.push({
          line: lineNumber,
          message:
            closingBrackets.from(start) < end
              ? 'Unexpected text after "]" in a section header; the line is ignored.'
              : 'Section header is missing its closing "]"; the line is ignored.',
        });
      }
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
    if (!section) {
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
    const key = text.slice(start, keyEnd);
    if (valueStart === end) {
      nestedUnder = key;
      continue;
    }
    if (nestedUnder !== undefined && !indented) {
      nestedUnder = undefined;
    }
    const fullKey = nestedUnder === undefined ? key : `${nestedUnder}.${key}`;
    section.entries.set(fullKey, redactKeys?.has(key) ? REDACTED_VALUE : text.slice(valueStart, end));
  }

  return { sections, problems };
}
