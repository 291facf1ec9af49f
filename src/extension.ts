import * as vscode from 'vscode';
import { isChangePasswordFile } from './ui/changePasswordFiles';
import { loadCommands } from './ui/lazyBundles';
import { selectProfile } from './ui/profilePicker';
import { ProfileStore } from './ui/profileStore';
import { readSettings } from './ui/settings';
import { createStatusBar } from './ui/statusBar';
import { syncTerminalProfile } from './ui/terminalSync';
import { ui } from './ui/window';

/** What the integration tests get from activate(), and nobody else. */
export interface TestApi {
  ui: typeof ui;
  store: ProfileStore;
  statusBarItem: vscode.StatusBarItem;
  terminalEnvironment: vscode.GlobalEnvironmentVariableCollection;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = vscode.window.createOutputChannel('AWS IAM Password', { log: true });
  const store = new ProfileStore(context.globalState, log, () => readSettings().profile);
  const deps = { store, log };
  const changePassword = (): Promise<unknown> => loadCommands().changePasswordFlow(deps, {}, () => void changePassword());
  const statusBar = createStatusBar(store);

  // change-password file support (and its parser) loads with the first such document.
  const startFileSupport = (document: vscode.TextDocument): void => {
    if (isChangePasswordFile(document.uri)) {
      loadCommands().startChangePasswordFileSupport(deps, context.subscriptions);
      watchOpened.dispose();
    }
  };
  const watchOpened = vscode.workspace.onDidOpenTextDocument(startFileSupport);
  // The palette offers "Change Password Using This File" only while such a file is in the editor.
  const setEditorContext = (editor: vscode.TextEditor | undefined): void => {
    void vscode.commands.executeCommand('setContext', 'iamPassword.activeEditorIsChangePasswordFile', !!editor && isChangePasswordFile(editor.document.uri));
  };

  context.subscriptions.push(
    log,
    store,
    statusBar,
    watchOpened,
    vscode.window.onDidChangeActiveTextEditor(setEditorContext),
    syncTerminalProfile(store, context.environmentVariableCollection),
    vscode.commands.registerCommand('iamPassword.changePassword', changePassword),
    vscode.commands.registerCommand('iamPassword.changePasswordFromFile', (uri?: vscode.Uri) => loadCommands().changePasswordFromFile(deps, uri)),
    vscode.commands.registerCommand('iamPassword.generateSkeleton', (folder?: vscode.Uri) => loadCommands().generateSkeletonCommand(folder)),
    vscode.commands.registerCommand('iamPassword.selectProfile', () => selectProfile(store)),
    vscode.commands.registerCommand('iamPassword.showPasswordPolicy', () => loadCommands().showPasswordPolicy(deps)),
    vscode.commands.registerCommand('iamPassword.showLogs', () => log.show()),
  );
  // What can wait a tick waits, so VS Code finishes activating first (a change-password file open
  // at start-up would load dist/commands.js). Profiles are read then; the status bar fills in when
  // they are ready.
  const afterActivation = setImmediate(() => {
    vscode.workspace.textDocuments.forEach(startFileSupport);
    setEditorContext(vscode.window.activeTextEditor);
    void store.ready();
  });
  context.subscriptions.push({ dispose: () => clearImmediate(afterActivation) });

  // The integration tests drive the real input boxes through this seam; nothing else gets it.
  return context.extensionMode === vscode.ExtensionMode.Test ? { ui, store, statusBarItem: statusBar.item, terminalEnvironment: context.environmentVariableCollection } : undefined;
}
