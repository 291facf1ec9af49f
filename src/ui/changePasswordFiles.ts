import * as vscode from 'vscode';

/** The documents this extension treats as change-password files, as in package.json's when-clauses. */
export const CHANGE_PASSWORD_FILES: vscode.DocumentSelector = [
  { pattern: '**/change-password.{json,yaml,yml}' },
  { pattern: '**/*.change-password.{json,yaml,yml}' },
];

export function isChangePasswordFile(uri: vscode.Uri): boolean {
  return /^(.+\.)?change-password\.(json|ya?ml)$/.test(uri.path.split('/').pop() ?? '');
}
