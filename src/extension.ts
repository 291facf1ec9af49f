import * as vscode from 'vscode';
import { guardChangePasswordFileSaves } from './ui/changePasswordFileSaveGuard';
import { validateChangePasswordFiles } from './ui/changePasswordFileValidation';
import { changePasswordFlow, FlowDeps } from './ui/changePasswordFlow';
import { changePasswordFromFile } from './ui/changePasswordFromFile';
import { selectProfile } from './ui/profilePicker';
import { ProfileStore } from './ui/profileStore';
import { readSettings } from './ui/settings';
import { showPasswordPolicy } from './ui/showPasswordPolicy';
import { generateSkeletonCommand } from './ui/skeletonCommands';
import { createStatusBar } from './ui/statusBar';
import { syncTerminalProfile } from './ui/terminalSync';
import { ui } from './ui/window';

/** What the integration tests get from activate(), and nobody else. */
export interface TestApi {
  ui: typeof ui;
  store: ProfileStore;
  statusBarItem: vscode.StatusBarItem;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = vscode.window.createOutputChannel('AWS IAM Password', { log: true });
  const store = new ProfileStore(context.globalState, log, () => readSettings().profile);
  const deps: FlowDeps = { store, log };
  const changePassword = (): Promise<unknown> => changePasswordFlow(deps, {}, () => void changePassword());

  const statusBar = createStatusBar(store);
  context.subscriptions.push(
    log,
    store,
    statusBar,
    syncTerminalProfile(store, context.environmentVariableCollection),
    validateChangePasswordFiles(store),
    guardChangePasswordFileSaves(),
    vscode.commands.registerCommand('iamPassword.changePassword', changePassword),
    vscode.commands.registerCommand('iamPassword.changePasswordFromFile', (uri?: vscode.Uri) => changePasswordFromFile(deps, uri)),
    vscode.commands.registerCommand('iamPassword.generateSkeleton', (folder?: vscode.Uri) => generateSkeletonCommand(folder)),
    vscode.commands.registerCommand('iamPassword.selectProfile', () => selectProfile(store)),
    vscode.commands.registerCommand('iamPassword.showPasswordPolicy', () => showPasswordPolicy(deps)),
    vscode.commands.registerCommand('iamPassword.showLogs', () => log.show()),
  );
  // Profiles are parsed after activation returns; the status bar fills in when they are ready.
  void store.load();

  // The integration tests drive the real input boxes through this seam; nothing else gets it.
  return context.extensionMode === vscode.ExtensionMode.Test ? { ui, store, statusBarItem: statusBar.item } : undefined;
}
