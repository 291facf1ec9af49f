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

export function activate(context: vscode.ExtensionContext): { ui: typeof ui; store: ProfileStore } | undefined {
  const log = vscode.window.createOutputChannel('AWS IAM Password', { log: true });
  const store = new ProfileStore(context.globalState, log, () => readSettings().profile);
  const deps: FlowDeps = { store, log };
  const changePassword = (): Promise<unknown> => changePasswordFlow(deps, {}, () => void changePassword());

  context.subscriptions.push(
    log,
    store,
    createStatusBar(store),
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
  return context.extensionMode === vscode.ExtensionMode.Test ? { ui, store } : undefined;
}
