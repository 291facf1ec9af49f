/**
 * Which files are change-password files: `change-password.json|yaml|yml` and `NAME.change-password.json|yaml|yml`,
 * case-sensitive like `resourceFilename`. The one definition in code; package.json's when-clauses and
 * jsonValidation/yamlValidation say the same (a unit test holds them to it). Imports nothing: it is in
 * dist/extension.js too.
 */
const CHANGE_PASSWORD_FILE_NAME = /^(?:.+\.)?change-password\.(json|ya?ml)$/;
/** The same names as a glob, for document selectors; it also takes `.change-password.json`, which the pattern above refuses. */
export const CHANGE_PASSWORD_FILE_GLOB = '**/{,*.}change-password.{json,yaml,yml}';

export type ChangePasswordFileFormat = 'json' | 'yaml';

/** The format of a change-password file by its name (a path is fine), or undefined for any other file. */
export function formatForFileName(fileName: string): ChangePasswordFileFormat | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const match = CHANGE_PASSWORD_FILE_NAME.exec(base);
  return match ? (match[1] === 'json' ? 'json' : 'yaml') : undefined;
}

export function isChangePasswordFile(uri: { path: string }): boolean {
  return formatForFileName(uri.path) !== undefined;
}

/**
 * The n-th name a new skeleton may take: change-password.json, then 2.change-password.json, 3.change-password.json...
 * Numbered in front, so every one is still a change-password file under the one pattern above.
 */
export function skeletonFileName(format: ChangePasswordFileFormat, n = 1): string {
  return `${n > 1 ? `${n}.` : ''}change-password.${format}`;
}
