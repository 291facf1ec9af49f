// The one definition in code of a change-password file name, case-sensitive like resourceFilename; package.json says the same (a unit test checks).
const CHANGE_PASSWORD_FILE_NAME = /^(?:.+\.)?change-password\.(json|ya?ml)$/;
/** The same names as a glob, for document selectors; it also takes `.change-password.json`, which the pattern above refuses. */
export const CHANGE_PASSWORD_FILE_GLOB = '**/{,*.}change-password.{json,yaml,yml}';

export type ChangePasswordFileFormat = 'json' | 'yaml';

export function formatForFileName(fileName: string): ChangePasswordFileFormat | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const match = CHANGE_PASSWORD_FILE_NAME.exec(base);
  return match ? (match[1] === 'json' ? 'json' : 'yaml') : undefined;
}

export function isChangePasswordFile(uri: { path: string }): boolean {
  return formatForFileName(uri.path) !== undefined;
}

// Numbered in front (2.change-password.json), so every skeleton name is still a change-password file under the one pattern above.
export function skeletonFileName(format: ChangePasswordFileFormat, n = 1): string {
  return `${n > 1 ? `${n}.` : ''}change-password.${format}`;
}
