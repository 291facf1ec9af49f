/**
 * The window APIs the flows use, as one object that activate() makes and hands to every flow, so
 * the integration tests can drive the real input boxes and read the notifications.
 */
import vscode = require('vscode');

export function createWindowApi() {
  return {
    createInputBox: (): vscode.InputBox => vscode.window.createInputBox(),
    createQuickPick: <T extends vscode.QuickPickItem>(): vscode.QuickPick<T> => vscode.window.createQuickPick<T>(),
    showInformationMessage: (message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> =>
      vscode.window.showInformationMessage(message, options, ...items),
    showWarningMessage: (message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> =>
      vscode.window.showWarningMessage(message, options, ...items),
    showErrorMessage: (message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> =>
      vscode.window.showErrorMessage(message, options, ...items),
    isWorkspaceTrusted: (): boolean => vscode.workspace.isTrusted,
    openExternal: (uri: vscode.Uri): Thenable<boolean> => vscode.env.openExternal(uri),
  };
}

export type WindowApi = ReturnType<typeof createWindowApi>;
