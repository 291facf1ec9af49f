import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { ProfileStore } from './profileStore';
import type { ExtensionSettings } from '../window/settings';

/** With iamPassword.syncTerminalProfile on, new integrated terminals get AWS_PROFILE = the chosen profile. */
export function syncTerminalProfile(
  store: ProfileStore,
  collection: vscode.GlobalEnvironmentVariableCollection,
  settings: () => ExtensionSettings,
): vscode.Disposable {
  const apply = (): void => {
    const enabled = settings().syncTerminalProfile;
    const list = store.current;
    const name = list ? store.choice(list).name : undefined;
    // Keys from the environment have no profile name to export.
    if (!enabled || !name || (list && store.selected(list)?.kind === 'env')) {
      collection.clear();
      return;
    }
    collection.description = l10n.t('AWS IAM Password: AWS_PROFILE={0} (iamPassword.syncTerminalProfile)', name);
    collection.replace('AWS_PROFILE', name);
  };
  // First when the profiles are read (activate() reads them a tick later): a value left from the last session is cleared then.
  return vscode.Disposable.from(
    store.onDidChange(apply),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('iamPassword')) {
        apply();
      }
    }),
  );
}
