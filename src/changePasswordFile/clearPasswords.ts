import type { ChangePasswordFileFormat } from './fileName';
import { isParameter, readEntries } from './parse';

/** The same text with both passwords emptied ("" or ''); comments, order and whitespace untouched. */
export function clearPasswords(text: string, format: ChangePasswordFileFormat): string {
  const empty = format === 'json' ? '""' : "''";
  return readEntries(text, format)
    .entries.filter((e) => isParameter(e.key))
    .reverse()
    .reduce((out, { valueRange: r }) => (r ? out.slice(0, r.start) + empty + out.slice(r.end) : out), text);
}
