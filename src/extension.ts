import vscode = require('vscode');
import type * as CommandHandlersModule from './commands';
import { isChangePasswordFile } from './changePasswordFile/fileName';
import { ActivationDeps } from './flows/commandDeps';
import { translateCoreMessages } from './window/coreTranslations';
import { watchProfileFiles } from './activeProfile/profileFileWatcher';
import { selectProfile } from './activeProfile/profilePicker';
import { reportProfileProblems } from './activeProfile/profileProblems';
import { ProfileStore } from './activeProfile/profileStore';
import { readSettings } from './window/settings';
import { createStatusBar } from './activeProfile/statusBar';
import { syncTerminalProfile } from './activeProfile/terminalSync';
import { createWindowApi, WindowApi } from './window/windowApi';

export interface TestApi {
  ui: WindowApi;
  store: ProfileStore;
  statusBarItem: vscode.StatusBarItem;
  terminalEnvironment: vscode.GlobalEnvironmentVariableCollection;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  // Before the profile parser makes a message: it translates through the @vscode/l10n this configures.
  translateCoreMessages();
  // The product's name, untranslated, like the log file named after it.
  const log = vscode.window.createOutputChannel('AWS IAM Password', { log: true });
  const ui = createWindowApi();
  const store = new ProfileStore(context.globalState, () => readSettings().profile);
  const deps: ActivationDeps = { store, log, ui, settings: readSettings, clientName: ['vscode-iam-password', String(context.extension.packageJSON.version)] };
  let loaded: CommandHandlersModule.CommandHandlers | undefined;
  // The flows and the AWS SDK are required by the first command that needs them, never at activation.
  const handlers = (): CommandHandlersModule.CommandHandlers => {
    if (!loaded) {
      loaded = (require('./commands.js') as typeof CommandHandlersModule).createCommandHandlers(deps);
      context.subscriptions.push(loaded);
    }
    return loaded;
  };
  const statusBar = createStatusBar(store, readSettings);

  let fileSupport: vscode.Disposable | undefined;
  const startFileSupport = (document: vscode.TextDocument): void => {
    if (!fileSupport && isChangePasswordFile(document.uri)) {
      fileSupport = handlers().startChangePasswordFileSupport();
      context.subscriptions.push(fileSupport);
      watchOpened.dispose();
    }
  };
  const watchOpened = vscode.workspace.onDidOpenTextDocument(startFileSupport);

  context.subscriptions.push(
    log,
    store,
    watchProfileFiles(store, log),
    reportProfileProblems(store, log, ui),
    statusBar,
    watchOpened,
    syncTerminalProfile(store, context.environmentVariableCollection, readSettings),
    vscode.commands.registerCommand('iamPassword.changePassword', () => handlers().changePassword()),
    vscode.commands.registerCommand('iamPassword.changePasswordFromFile', (uri?: vscode.Uri) => handlers().changePasswordFromFile(uri)),
    vscode.commands.registerCommand('iamPassword.generateSkeleton', (folder?: vscode.Uri) => handlers().generateSkeleton(folder)),
    vscode.commands.registerCommand('iamPassword.selectProfile', () => selectProfile(store, ui, (list) => handlers().offerFirstProfile(list))),
    vscode.commands.registerCommand('iamPassword.showPasswordPolicy', () => handlers().showPasswordPolicy()),
    vscode.commands.registerCommand('iamPassword.showLogs', () => log.show()),
  );
  // What can wait a tick waits, so VS Code finishes activating first (a change-password file open at start-up
  // would load the command handlers); the status bar fills in when the profiles are read.
  const afterActivation = setImmediate(() => {
    vscode.workspace.textDocuments.forEach(startFileSupport);
    void store.ready();
  });
  context.subscriptions.push({ dispose: () => clearImmediate(afterActivation) });

  return context.extensionMode === vscode.ExtensionMode.Test
    ? { ui, store, statusBarItem: statusBar.item, terminalEnvironment: context.environmentVariableCollection }
    : undefined;
}
