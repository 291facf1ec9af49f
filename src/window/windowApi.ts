import vscode = require('vscode');
/** The window seam: every flow reaches VS Code's window through this one object, which the integration tests drive and read. */

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
    withProgress: <R>(
      options: vscode.ProgressOptions,
      task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<R>,
    ): Thenable<R> => vscode.window.withProgress(options, task),
    showTextDocument: (target: vscode.TextDocument | vscode.Uri, options?: vscode.TextDocumentShowOptions): Thenable<vscode.TextEditor> =>
      target instanceof vscode.Uri ? vscode.window.showTextDocument(target, options) : vscode.window.showTextDocument(target, options),
    activeTextEditor: (): vscode.TextEditor | undefined => vscode.window.activeTextEditor,
    createTerminal: (options: vscode.TerminalOptions): vscode.Terminal => vscode.window.createTerminal(options),
    executeCommand: (command: string, ...args: unknown[]): Thenable<unknown> => vscode.commands.executeCommand(command, ...args),
    readClipboard: (): Thenable<string> => vscode.env.clipboard.readText(),
    writeClipboard: (text: string): Thenable<void> => vscode.env.clipboard.writeText(text),
    isWorkspaceTrusted: (): boolean => vscode.workspace.isTrusted,
    /** SSH, WSL, a container, Codespaces: the extension host runs on another machine than the browser. */
    remoteName: (): string | undefined => vscode.env.remoteName,
    openExternal: (uri: vscode.Uri): Thenable<boolean> => vscode.env.openExternal(uri),
  };
}

export type WindowApi = ReturnType<typeof createWindowApi>;
