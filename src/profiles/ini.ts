/** The AWS files' lines as the SDK's parseIni (@smithy/core/config) reads them, warning about each skipped line meant as a setting. */
import * as l10n from '@vscode/l10n';
import { REDACTED } from '../secrets/redact';

export interface IniVisitor {
  /** The map a section's keys go into, or undefined to skip them. */
  section(header: string, line: number): Map<string, string> | undefined;
  warn(line: number, message: string): void;
}

const COMMENT = /(^|\s)[;#]/;
const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
/** Only a name like this is quoted in a warning, never a line that may be a pasted secret. */
const KEY_NAME = /^[a-z][a-z0-9_.-]{0,47}$/i;

function isKeyName(key: string): boolean {
  return KEY_NAME.test(key) && (key.includes('_') || key.length <= 12);
}

/** Secret values are replaced by REDACTED as they are read, so they are never held. */
export function readIni(text: string, visitor: IniVisitor): void {
  let entries: Map<string, string> | undefined;
  let inSection = false;
  let block: string | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const rawLine = lines[index];
    const lineNumber = index + 1;
    const comment = rawLine.search(COMMENT);
    const line = (comment < 0 ? rawLine : rawLine.slice(0, comment)).trim();
    if (line === '') {
      continue;
    }
    if (line.startsWith('[') && line.endsWith(']')) {
      entries = visitor.section(line.slice(1, -1), lineNumber);
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
    if (line.startsWith('[')) {
      visitor.warn(lineNumber, l10n.t('No closing "]": for the AWS SDK the lines below stay in the section above.'));
      continue;
    }
    const equals = line.indexOf('=');
    const colon = line.indexOf(':');
    if (colon > 0 && (equals === -1 || colon < equals) && isKeyName(line.slice(0, colon).trim())) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK ignores this line (not "key = value"); write {0} = ...', line.slice(0, colon).trim().toLowerCase()));
      continue;
    }
    if (equals <= 0) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK ignores this line: it is not "key = value".'));
      continue;
    }
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (value === '') {
      block = key;
      continue;
    }
    // The SDK ends a block at a line that does not start with whitespace.
    if (!/^\s/.test(rawLine)) {
      block = undefined;
    }
    const fullKey = block === undefined ? key : `${block}.${key}`;
    if (fullKey !== fullKey.toLowerCase() && isKeyName(fullKey)) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK ignores "{0}" (keys are lower case); write {1}.', fullKey, fullKey.toLowerCase()));
    }
    entries.set(fullKey, SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : value);
  }
}
