/**
 * INI text as the AWS SDK for JavaScript v3 reads shared config and credentials files
 * (@smithy/shared-ini-file-loader), which is what our AWS calls go through. Unlike the SDK, lines
 * it skips are reported with their 1-based line number, and so is every line the AWS CLI reads
 * otherwise (cliLines.ts says how it reads them).
 *
 * SDK rules followed here:
 * - A comment starts at `#` or `;` at the start of a line or after whitespace, so
 *   `region = us-east-1 # note` is `us-east-1` and `a=b#c` keeps `b#c`.
 * - A line is a section header only if, comment removed and trimmed, it starts with `[` and
 *   ends with `]`; anything else stays in the current section.
 * - `key = value` splits at the first `=`; key and value are trimmed; keys are case-sensitive.
 * - `key =` with an empty value stores nothing and opens a nested section: the indented
 *   `k = v` lines after it are stored as `key.k`, until an unindented `k = v` line.
 */
import { CliLines } from './cliLines';
import { ForwardSearch, isWhitespace } from './textScan';
import { REDACTED } from './redact';

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

// Copied into a module constant, so that compiled CommonJS reads a local in the line loop: a first
// read of `redact_1.REDACTED` there (the credentials file, after the config file) would send the
// loop's optimised code back to the interpreter.
const REDACTED_VALUE = REDACTED;

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

/**
 * Keys (region, output, ...) and short values (us-east-1, json, ...) recur in most sections. One
 * copy of each keeps what a large file's parse holds on to small.
 */
function sharedString(copies: Map<string, string>, text: string): string {
  const shared = copies.get(text);
  if (shared !== undefined) {
    return shared;
  }
  copies.set(text, text);
  return text;
}

/**
 * sharedString for keys: a spelling seen for the first time goes to newKey(). A function of its
 * own, as that branch inline in the line loop slows the first parse of a large file.
 */
function sharedKey(keys: Map<string, string>, text: string, reader: IniReader): string {
  const shared = keys.get(text);
  if (shared !== undefined) {
    return shared;
  }
  keys.set(text, text);
  reader.newKey(text);
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
  /** Lines skipped, and lines the AWS CLI reads otherwise: what concerns the whole file first, then by line. */
  readonly problems: IniProblem[] = [];
  /** The AWS CLI's reading, line by line. */
  readonly cli: CliLines;

  private readonly redactKeys: ReadonlySet<string> | undefined;
  /** Key spellings whose values are redacted: redactKeys in any case. */
  private readonly redacted = new Set<string>();
  private readonly newlines: ForwardSearch;
  private readonly hashes: ForwardSearch;
  private readonly semicolons: ForwardSearch;
  private readonly equalsSigns: ForwardSearch;
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
    this.cli = new CliLines(text, this.problems);
  }

  /** The AWS CLI's spelling of the key, and whether its value is redacted, once per spelling. */
  newKey(key: string): void {
    this.cli.newKey(key);
    if (this.redactKeys?.has(key.toLowerCase())) {
      this.redacted.add(key);
    }
  }

  /**
   * Reads on to the next section header, storing the `key = value` lines before it in `entries`
   * (dropping them when undefined). Where the AWS CLI reads a key otherwise (another case, `:`
   * for `=`), its reading is stored instead when it names one of `cliKeys`. False at the end.
   */
  nextSection(entries: Map<string, string> | undefined, cliKeys?: ReadonlySet<string>): boolean {
    const { text, redacted, newlines, hashes, semicolons, equalsSigns, keys, shortValues, cli } = this;
    const inSection = this.line > 0;
    const read = entries !== undefined;
    let nestedUnder: string | undefined;
    let nestedLine = 0;
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
      const commented = end < lineEnd;
      let start = lineStart;
      while (start < end && isWhitespace(text.charCodeAt(start))) {
        start++;
      }
      while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
        end--;
      }
      const indented = lineStart < lineEnd && isWhitespace(text.charCodeAt(lineStart));
      const indent = start - lineStart;
      lineStart = lineEnd + 1;

      if (start === end) {
        continue;
      }
      // The AWS CLI reads a line indented deeper than the key line above it as more of that key's value.
      const continues = cli.continues(indent);

      if (text.charCodeAt(start) === 0x5b /* [ */) {
        if (end - start >= 2 && text.charCodeAt(end - 1) === 0x5d /* ] */) {
          this.header = text.slice(start + 1, end - 1);
          this.line = lineNumber;
          cli.sdkHeader(this.header, lineNumber, indent, continues);
          reachedHeader = true;
          break;
        }
        // The SDK does not start a section here, so the lines below still belong to the previous one.
        cli.notSdkHeader(lineNumber, start, lineEnd, indent, continues, inSection ? this : undefined);
        continue;
      }

      const equalsAt = equalsSigns.from(start);
      if (equalsAt >= end || equalsAt === start || !inSection || cli.colonFirst(start, equalsAt)) {
        const sdk = !inSection ? 'no-section' : equalsAt === start ? 'no-key' : equalsAt >= end ? 'no-equals' : 'other-key';
        const reading = cli.notSdkKey(lineNumber, start, equalsAt, lineEnd, indent, continues, sdk, read ? cliKeys : undefined);
        if (reading && entries) {
          entries.set(reading.key, reading.value);
        }
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
      const key = sharedKey(keys, text.slice(start, keyEnd), this);
      const valued = valueStart !== end;
      if (nestedUnder !== undefined && !indented && valued) {
        nestedUnder = undefined;
      }
      // The SDK's block under a `key =` line, and the key to store (the CLI's spelling for cliKeys).
      const under = valued ? nestedUnder : undefined;
      const fullKey = cli.keyLine(key, under, under === undefined ? 0 : nestedLine, lineNumber, indent, continues, valued || commented, cliKeys, read);
      if (!valued) {
        if (commented && read) {
          cli.commentInValue(lineNumber, fullKey);
        }
        nestedUnder = key;
        nestedLine = lineNumber;
        continue;
      }
      if (entries) {
        const value = text.slice(valueStart, end);
        // Long values (ARNs, key ids) are mostly unique: sharing them would only cost.
        entries.set(fullKey, redacted.has(key) ? REDACTED_VALUE : value.length <= MAX_SHARED_VALUE_LENGTH ? sharedString(shortValues, value) : value);
        if (commented) {
          cli.commentInValue(lineNumber, fullKey);
        }
      }
    }

    // The one way out of the loop: the end of the text runs the same code as a header, so the
    // optimised loop meets nothing new there.
    this.lineNumber = lineNumber;
    this.lineStart = lineStart;
    return reachedHeader;
  }
}
