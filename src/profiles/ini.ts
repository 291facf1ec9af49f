/**
 * The AWS config and credentials files' lines as the AWS SDK for JavaScript v3 reads them (parseIni
 * in @smithy/core/config), with 1-based line numbers, and a warning for each line the SDK skips
 * that a person probably meant as a setting.
 *
 * The SDK's rules:
 * - Lines end at \n or \r\n. A comment starts at # or ; at the start of a line or after whitespace.
 * - A line that, trimmed, starts with [ and ends with ] is a section header.
 * - `key = value` splits at the first =; both are trimmed; keys are case-sensitive. A line without a
 *   key and = is skipped, and so is every line before the first header.
 * - `key =` stores nothing and opens a block: the `k = v` lines after it are `key.k`, until an
 *   unindented `k = v` line or the next header.
 */
import * as l10n from '@vscode/l10n';
import { REDACTED } from '../secrets/redact';

export interface IniVisitor {
  /** A section header (the text between the brackets): the map its keys go into, or undefined to skip them. */
  section(header: string, line: number): Map<string, string> | undefined;
  warn(line: number, message: string): void;
}

const COMMENT = /(^|\s)[;#]/;
const UPPER_CASE = /[A-Z]/;
const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
/** What a key looks like: only such a name is quoted in a warning, never a line that may be a pasted secret. */
const KEY_NAME = /^[a-z][a-z0-9_.-]{0,47}$/i;

/**
 * One copy of each key and short value (region, us-east-1): a large file's parse then holds on to
 * far fewer strings, which the bench's fresh processes collect in much less time.
 */
function shared(copies: Map<string, string>, text: string): string {
  const copy = copies.get(text);
  if (copy === undefined) {
    copies.set(text, text);
  }
  return copy ?? text;
}

function isKeyName(key: string): boolean {
  return KEY_NAME.test(key) && (key.includes('_') || key.length <= 12);
}

/** JavaScript's trim() whitespace, which the SDK trims with. */
function isWhitespace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && /\s/.test(String.fromCharCode(code)));
}

/** The index of the next `char` at or after `from`, else text.length (a small integer, as V8 keeps it). */
function nextIndex(text: string, char: string, from: number): number {
  const index = text.indexOf(char, from);
  return index === -1 ? text.length : index;
}

/** Reads `text` line by line; secret values are replaced by REDACTED as they are read, so they are never held. */
export function readIni(text: string, visitor: IniVisitor): void {
  let entries: Map<string, string> | undefined;
  let inSection = false;
  let block: string | undefined;
  let lineNumber = 0;
  const copies = new Map<string, string>();
  // The next # ; = and :, each searched for once per occurrence rather than once per line: no string
  // is made for a line, and a line without them does not search the rest of the file again.
  let hash = -1;
  let semicolon = -1;
  let equalsSign = -1;
  let colon = -1;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    lineEnd = lineEnd === -1 ? text.length : lineEnd;
    lineNumber++;
    const lineBegin = lineStart;
    let start = lineStart;
    let end = lineEnd;
    lineStart = lineEnd + 1;
    hash = hash < start ? nextIndex(text, '#', start) : hash;
    semicolon = semicolon < start ? nextIndex(text, ';', start) : semicolon;
    if (Math.min(hash, semicolon) < end) {
      const line = text.slice(start, end).split(COMMENT)[0];
      end = start + line.length;
    }
    while (start < end && isWhitespace(text.charCodeAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
      end--;
    }
    if (start === end) {
      continue;
    }
    if (text.charCodeAt(start) === 0x5b /* [ */ && text.charCodeAt(end - 1) === 0x5d /* ] */) {
      entries = visitor.section(text.slice(start + 1, end - 1), lineNumber);
      inSection = true;
      block = undefined;
      continue;
    }
    if (!inSection) {
      visitor.warn(lineNumber, l10n.t('Before any [section]: the AWS SDK ignores this line.'));
      continue;
    }
    if (!entries) {
      continue;
    }
    if (text.charCodeAt(start) === 0x5b /* [ */) {
      visitor.warn(lineNumber, l10n.t('No closing "]": for the AWS SDK the lines below stay in the section above.'));
      continue;
    }
    equalsSign = equalsSign < start ? nextIndex(text, '=', start) : equalsSign;
    colon = colon < start ? nextIndex(text, ':', start) : colon;
    const equals = equalsSign < end ? equalsSign : -1;
    if (colon > start && colon < end && (equals === -1 || colon < equals) && isKeyName(text.slice(start, colon).trim())) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK ignores this line (not "key = value"); write {0} = ...', text.slice(start, colon).trim().toLowerCase()));
      continue;
    }
    if (equals <= start) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK ignores this line: it is not "key = value".'));
      continue;
    }
    let keyEnd = equals;
    while (isWhitespace(text.charCodeAt(keyEnd - 1))) {
      keyEnd--;
    }
    let valueStart = equals + 1;
    while (valueStart < end && isWhitespace(text.charCodeAt(valueStart))) {
      valueStart++;
    }
    const key = shared(copies, text.slice(start, keyEnd));
    if (valueStart === end) {
      block = key;
      continue;
    }
    const value = text.slice(valueStart, end);
    // An unindented line ends the block (the SDK's test: the line starts with whitespace).
    if (block !== undefined && lineBegin === start) {
      block = undefined;
    }
    const fullKey = block === undefined ? key : `${block}.${key}`;
    // A test rather than toLowerCase(), which makes a string for every key.
    const hasUpperCase = UPPER_CASE.test(fullKey);
    if (hasUpperCase && isKeyName(fullKey)) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK ignores "{0}" (keys are lower case); write {1}.', fullKey, fullKey.toLowerCase()));
    }
    const isSecret = SECRET_KEYS.has(key) || (hasUpperCase && SECRET_KEYS.has(key.toLowerCase()));
    // Long values (ARNs, key ids) are mostly unique: sharing them would only cost.
    entries.set(fullKey, isSecret ? REDACTED : value.length <= 16 ? shared(copies, value) : value);
  }
}
