/**
 * The window APIs the flows use, behind one object so the integration tests can drive the real
 * input boxes and read the notifications. Production code never replaces these members.
 */
import * as vscode from 'vscode';

const windowApi = {
  createInputBox: (): vscode.InputBox => vscode.window.createInputBox(),
  createQuickPick: <T extends vscode.QuickPickItem>(): vscode.QuickPick<T> => vscode.window.createQuickPick<T>(),
  showInformationMessage: (message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> =>
    vscode.window.showInformationMessage(message, options, ...items),
  showWarningMessage: (message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> =>
    vscode.window.showWarningMessage(message, options, ...items),
  showErrorMessage: (message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> =>
    vscode.window.showErrorMessage(message, options, ...items),
  isWorkspaceTrusted: (): boolean => vscode.workspace.isTrusted,
};

export type WindowApi = typeof windowApi;

// dist/extension.js and the lazily loaded dist/commands.js each bundle this module; both must
// share one object, or a test's replacement would reach only one of them.
const SHARED = Symbol.for('iamPassword.windowApi');
const registry = globalThis as { [SHARED]?: WindowApi };
export const ui: WindowApi = (registry[SHARED] ??= windowApi);

/** Shows a single-choice quick pick and resolves with the accepted item, or undefined on Escape. */
export async function pickOne<T extends vscode.QuickPickItem>(quickPick: vscode.QuickPick<T>): Promise<T | undefined> {
  const chosen = await new Promise<T | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  return chosen;
}
