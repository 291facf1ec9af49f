/**
 * The command handlers and change-password file support, bundled as dist/commands.js and loaded
 * on first use, so activation parses only the status bar, the profile store and the wiring.
 */
import * as vscode from 'vscode';
import { guardChangePasswordFileSaves } from './ui/changePasswordFileSaveGuard';
import { validateChangePasswordFiles } from './ui/changePasswordFileValidation';
import { FlowDeps } from './ui/changePasswordFlow';

export { changePasswordFlow } from './ui/changePasswordFlow';
export { changePasswordFromFile } from './ui/changePasswordFromFile';
export { showPasswordPolicy } from './ui/showPasswordPolicy';
export { generateSkeletonCommand } from './ui/skeletonCommands';

let fileSupport: vscode.Disposable | undefined;

/** Diagnostics, CodeLens and the save warning for change-password files; started once. */
export function startChangePasswordFileSupport(deps: FlowDeps, subscriptions: vscode.Disposable[]): void {
  if (!fileSupport) {
    fileSupport = vscode.Disposable.from(validateChangePasswordFiles(deps.store), guardChangePasswordFileSaves());
    subscriptions.push(fileSupport);
  }
}
