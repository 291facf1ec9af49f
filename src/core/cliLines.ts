/**
 * How the AWS CLI reads the same lines: botocore's configloader over Python's configparser
 * (RawConfigParser, strict), as AWS CLI v2 does. The reader (ini.ts) hands over each line it
 * reads; this module reports, with the line number, every line the CLI reads otherwise than the
 * AWS SDK, saying what each does. What to store is the reader's decision.
 *
 * The CLI's rules, where they differ from the SDK's:
 * - Comments only on lines of their own: `region = us-east-1 # note` keeps `# note`.
 * - A header runs from `[` to the last `]` of the line: `[profile x];c` is [profile x].
 * - The first `=` or `:` splits a key from its value; keys are lower-cased.
 * - A line indented deeper than the key (or header) line above it continues that key's value;
 *   when the key's own value is empty, the block is read as nested `k = v` lines (case kept).
 * - A repeated key (compared lower-cased), a line before any section, a line it cannot split, and
 *   a byte order mark each make it refuse the whole file; so does a repeated section.
 */
import * as l10n from '@vscode/l10n';
import { ForwardSearch, isWhitespace, lineOf } from './textScan';

interface LineProblem {
  readonly line: number;
  readonly message: string;
}

/** What the AWS CLI reads from a line the SDK reads no key from, when the reader should store it. */
export interface CliReading {
  key: string;
  value: string;
}

const SHOWN_KEY = /^[a-z][a-z0-9_.-]*$/i;

/** What the SDK does with a line it reads no key from. */
type SdkReading = 'no-section' | 'no-key' | 'no-equals' | 'other-key';

const notAHeader = (): string =>
  l10n.t('This line starts with "[" but does not end with "]", so the AWS SDK ignores it and the lines below stay in the section above.');

/** Whether a key may appear in a message: only names that look like settings (a line that is not one, a pasted secret before a ":", must not reach the log). */
function isShown(key: string): boolean {
  return key.length <= 48 && SHOWN_KEY.test(key) && (key.includes('_') || key.length <= 12);
}

/** A key as it may appear in a message: quoted when isShown, else "the key". */
function show(key: string): string {
  return isShown(key) ? `"${key}"` : l10n.t({ message: 'the key', comment: 'A key whose name is not shown' });
}

/** What the SDK makes of a line it reads no key from, and that the AWS CLI refuses the file for it. */
function refusedLine(sdk: SdkReading): string {
  switch (sdk) {
    case 'no-section':
      return l10n.t('"key = value" before any [section]; the AWS SDK ignores the line and the AWS CLI refuses the whole file.');
    case 'no-key':
      return l10n.t('Missing key before "="; the AWS SDK ignores the line and the AWS CLI refuses the whole file.');
    default:
      return l10n.t('Expected "key = value"; the AWS SDK ignores the line and the AWS CLI refuses the whole file.');
  }
}

/** What the SDK makes of the line alone (for a line the SDK reads as another key: nothing to say). */
function sdkIgnoresLine(sdk: SdkReading): string | undefined {
  switch (sdk) {
    case 'no-section':
      return l10n.t('"key = value" before any [section]; the AWS SDK ignores the line.');
    case 'no-key':
      return l10n.t('Missing key before "="; the AWS SDK ignores the line.');
    case 'no-equals':
      return l10n.t('Expected "key = value"; the AWS SDK ignores the line.');
    default:
      return undefined;
  }
}

export class CliLines {
  /** Lines the AWS CLI reads as a section header and the SDK does not ([profile x];comment), in order. */
  readonly headersOnlyCliReads: { line: number; header: string }[] = [];

  private readonly colons: ForwardSearch;
  private readonly closingBrackets: ForwardSearch;
  /** Key spellings with capitals, and how the CLI spells them. */
  private readonly lowerCase = new Map<string, string>();
  /** The line each key, as the CLI spells it, was last set on. */
  private readonly keyLines = new Map<string, number>();
  /** The line of the CLI's current section header; 0 before the first. */
  private sectionLine = 0;
  /** The last key line of the section, which deeper-indented lines continue. */
  private option: string | undefined;
  private optionLine = 0;
  private optionValued = false;
  private indent = 0;
  /** Lone carriage returns: the CLI's lines are not the SDK's, so only what the SDK does is said line by line. */
  private readonly linesDiffer: boolean;

  constructor(
    private readonly text: string,
    private readonly problems: LineProblem[],
  ) {
    this.colons = new ForwardSearch(text, ':');
    this.closingBrackets = new ForwardSearch(text, ']');
    if (text.charCodeAt(0) === 0xfeff) {
      problems.push({
        line: 1,
        message:
          l10n.t('The file starts with a byte order mark (U+FEFF): the AWS CLI refuses the whole file, the AWS SDK and this extension read it. Save it as UTF-8 without a byte order mark.'),
      });
    }
    const loneReturn = text.includes('\r') ? /\r(?!\n)/.exec(text) : null;
    this.linesDiffer = loneReturn !== null;
    if (loneReturn) {
      problems.push({
        line: lineOf(text, loneReturn.index),
        message:
          l10n.t(
            'This line holds a carriage return that is not followed by a line feed: the AWS CLI breaks the line there, the AWS SDK and this extension do not. Save the file with LF or CRLF line breaks.',
          ),
      });
    }
  }

  /** Whether the CLI reads a line with this indentation as more of the previous key's value. */
  continues(indent: number): boolean {
    return this.option !== undefined && indent > this.indent;
  }

  /** Called once per key spelling. */
  newKey(key: string): void {
    const lower = key.toLowerCase();
    if (lower !== key) {
      this.lowerCase.set(key, lower);
    }
  }

  /** A line the SDK starts a section with. */
  sdkHeader(header: string, line: number, indent: number, continues: boolean): void {
    if (continues) {
      this.push(
        line,
        l10n.t(
          'The AWS CLI reads this indented line as more of the value of {0} (line {1}), not as a section header; the AWS SDK and this extension start section [{2}] here. Remove the indentation.',
          show(this.option ?? ''),
          this.optionLine,
          header,
        ),
      );
    } else if (header !== '') {
      this.startSection(line, indent);
    }
  }

  /** A line that starts with "[" but is no header for the SDK: the lines below stay in `current`. */
  notSdkHeader(line: number, start: number, lineEnd: number, indent: number, continues: boolean, current: { header: string; line: number } | undefined): void {
    if (continues) {
      this.push(line, this.continuedValue(), notAHeader());
      return;
    }
    const end = this.trimmedEnd(start, lineEnd);
    let close = this.closingBrackets.from(start);
    if (close >= end) {
      this.push(line, l10n.t('Section header is missing its closing "]"; the AWS SDK ignores the line and the AWS CLI refuses the whole file.'), notAHeader());
      return;
    }
    for (let next = this.closingBrackets.from(close + 1); next < end; next = this.closingBrackets.from(close + 1)) {
      close = next;
    }
    if (close === start + 1) {
      this.push(line, l10n.t('Section header is empty; the AWS SDK ignores the line and the AWS CLI refuses the whole file.'), notAHeader());
      return;
    }
    const header = this.text.slice(start + 1, close);
    const after = this.text.charAt(close + 1);
    const fix = after === ';' || after === '#' ? l10n.t('Put a space before "{0}" to make the rest a comment.', after) : l10n.t('Remove the text after "]".');
    const reading = current
      ? l10n.t(
          'The AWS CLI reads this line as the section header [{0}] and ignores the text after "]"; the AWS SDK sees no section header here, so for it and for this extension the lines below belong to [{1}] (line {2}).',
          header,
          current.header,
          current.line,
        )
      : l10n.t(
          'The AWS CLI reads this line as the section header [{0}] and ignores the text after "]"; the AWS SDK sees no section header here, so for it and for this extension the lines below belong to no section and are ignored.',
          header,
        );
    this.push(line, `${reading} ${fix}`, notAHeader());
    if (!this.linesDiffer) {
      this.headersOnlyCliReads.push({ line, header });
    }
    this.startSection(line, indent);
  }

  /**
   * A line the SDK reads no key from: no "=", nothing before it, before any section, or a ":"
   * before the first "=". Returns the CLI's reading when it names one of `cliKeys`.
   */
  notSdkKey(
    line: number,
    start: number,
    equalsAt: number,
    lineEnd: number,
    indent: number,
    continues: boolean,
    sdk: SdkReading,
    cliKeys: ReadonlySet<string> | undefined,
  ): CliReading | undefined {
    const end = this.trimmedEnd(start, lineEnd);
    const sdkOnly = sdkIgnoresLine(sdk);
    if (continues) {
      if (this.optionValued) {
        this.push(line, this.continuedValue(), sdkOnly);
      } else if (equalsAt >= end) {
        // botocore splits each line of a nested block at its "=" and fails without one.
        this.push(line, refusedLine(sdk), sdkOnly);
      } else if (sdkOnly) {
        this.push(line, sdkOnly, sdkOnly);
      }
      return undefined;
    }
    const colonAt = this.colons.from(start);
    const split = Math.min(equalsAt, colonAt);
    if (this.sectionLine === 0 || split >= end || split === start) {
      this.push(line, refusedLine(sdk), sdkOnly);
      return undefined;
    }
    let keyEnd = split;
    while (isWhitespace(this.text.charCodeAt(keyEnd - 1))) {
      keyEnd--;
    }
    const key = this.text.slice(start, keyEnd).toLowerCase();
    const value = this.text.slice(split + 1, end).trim();
    this.setOption(key, line, indent, value !== '', true);
    const followed = cliKeys?.has(key) === true;
    const ours = followed ? l10n.t('This extension reads it as the AWS CLI does.') : l10n.t('This extension reads it as the AWS SDK does.');
    // The SDK reads another key only when a ":" comes before the "=".
    const reading =
      sdk === 'other-key'
        ? l10n.t('The AWS CLI reads this line as {0} (it takes ":" like "="); the AWS SDK as another key.', show(key))
        : colonAt < equalsAt
          ? l10n.t('The AWS CLI reads this line as {0} (it takes ":" like "="); the AWS SDK ignores it.', show(key))
          : l10n.t('The AWS CLI reads this line as {0}; the AWS SDK ignores it.', show(key));
    const fix = colonAt < equalsAt ? l10n.t('Use "=" rather than ":".') : undefined;
    this.push(line, [reading, ours, fix].filter((sentence) => sentence !== undefined).join(' '), sdkOnly);
    return followed ? { key, value } : undefined;
  }

  /** Whether a ":" comes before the line's first "=": the CLI splits there, the SDK at the "=". */
  colonFirst(start: number, equalsAt: number): boolean {
    return this.colons.from(start) < equalsAt;
  }

  /**
   * A `key = value` line the SDK reads as `under.key` (or `key`). Returns the key to store: the
   * CLI's spelling when it differs only in case and names one of `cliKeys`, else the SDK's.
   */
  keyLine(
    key: string,
    under: string | undefined,
    underLine: number,
    line: number,
    indent: number,
    continues: boolean,
    valued: boolean,
    cliKeys: ReadonlySet<string> | undefined,
    read: boolean,
  ): string {
    const sdkKey = under === undefined ? key : `${under}.${key}`;
    if (continues) {
      if (this.optionValued) {
        this.push(
          line,
          l10n.t(
            'The AWS CLI reads this indented line as more of the value of {0} (line {1}); the AWS SDK and this extension read it as {2}. Remove the indentation.',
            show(this.option ?? ''),
            this.optionLine,
            show(sdkKey),
          ),
        );
        return sdkKey;
      }
      const cliKey = `${this.option ?? ''}.${key}`;
      if (underLine !== this.optionLine) {
        this.push(line, l10n.t('The AWS CLI reads this line as {0} (under line {1}); the AWS SDK and this extension read it as {2}.', show(cliKey), this.optionLine, show(sdkKey)));
        return sdkKey;
      }
      return cliKey !== sdkKey && read && cliKeys?.has(cliKey) ? cliKey : sdkKey;
    }
    const cliKey = this.lowerCase.size === 0 ? key : (this.lowerCase.get(key) ?? key);
    this.setOption(cliKey, line, indent, valued, cliKey === key);
    if (under !== undefined) {
      this.push(
        line,
        l10n.t(
          'The AWS SDK and this extension read this line as {0} (under line {1}); the AWS CLI reads {2} as a key of its own, as the line is not indented deeper than the one above. Indent it deeper.',
          show(sdkKey),
          underLine,
          show(cliKey),
        ),
      );
      return sdkKey;
    }
    if (cliKey !== key && read) {
      return this.caseVariant(key, cliKey, line, valued, cliKeys);
    }
    return key;
  }

  /** A value the SDK cut a comment from. */
  commentInValue(line: number, key: string): void {
    this.push(
      line,
      l10n.t(
        'The AWS CLI keeps the comment in the value of {0} (it removes only comments on lines of their own); the AWS SDK and this extension drop it. Move the comment to a line of its own.',
        show(key),
      ),
    );
  }

  private caseVariant(key: string, cliKey: string, line: number, valued: boolean, cliKeys: ReadonlySet<string> | undefined): string {
    // A key with an empty value opens a block (IAM = ...): followed when a key under it is.
    const followed = valued ? cliKeys?.has(cliKey) === true : Array.from(cliKeys ?? []).some((name) => name.startsWith(`${cliKey}.`));
    this.push(
      line,
      followed
        ? l10n.t('{0} is read as {1}, as the AWS CLI reads it (it lower-cases keys); the AWS SDK ignores keys in another case. Write {1}.', show(key), show(cliKey))
        : isShown(key)
          ? l10n.t('The AWS CLI reads {0} as {1} (it lower-cases keys); the AWS SDK ignores it, and so does this extension. Write {1}.', show(key), show(cliKey))
          : l10n.t('The AWS CLI reads this key in lower case; the AWS SDK ignores it, and so does this extension. Write it in lower case.'),
    );
    return followed && valued ? cliKey : key;
  }

  /** A repeated header is the caller's to find (sectionHeaders.ts), where it costs no map of every header. */
  private startSection(line: number, indent: number): void {
    this.sectionLine = line;
    this.option = undefined;
    this.indent = indent;
  }

  private setOption(cliKey: string, line: number, indent: number, valued: boolean, sameSpelling: boolean): void {
    if (this.sectionLine !== 0) {
      const previous = this.keyLines.get(cliKey);
      if (previous !== undefined && previous > this.sectionLine) {
        const repeated = l10n.t('The AWS CLI refuses the whole file: {0} is set twice in this section (first on line {1}; it compares keys in lower case).', show(cliKey), previous);
        this.push(line, sameSpelling ? `${repeated} ${l10n.t('The AWS SDK and this extension use the later value.')}` : repeated);
      }
      this.keyLines.set(cliKey, line);
    }
    this.option = cliKey;
    this.optionLine = line;
    this.optionValued = valued;
    this.indent = indent;
  }

  /** The line continues the value of the key above, for the CLI; the SDK ignores it. */
  private continuedValue(): string {
    return l10n.t('The AWS SDK ignores this line; the AWS CLI reads it as more of the value of {0} (line {1}).', show(this.option ?? ''), this.optionLine);
  }

  /** The end of the line without trailing whitespace, comments kept: the CLI strips only whole-line comments. */
  private trimmedEnd(start: number, lineEnd: number): number {
    let end = lineEnd;
    while (end > start && isWhitespace(this.text.charCodeAt(end - 1))) {
      end--;
    }
    return end;
  }

  /** `sdkOnly` is what is said instead when the CLI's lines are not the SDK's (linesDiffer); nothing when undefined. */
  private push(line: number, message: string, sdkOnly?: string): void {
    const said = this.linesDiffer ? sdkOnly : message;
    if (said !== undefined) {
      this.problems.push({ line, message: said });
    }
  }
}
