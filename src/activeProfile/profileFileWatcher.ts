import vscode = require('vscode');
import * as path from 'node:path';
import { ProfileStore } from './profileStore';

/** Reloads the profiles when the config or credentials file changes, is created or is deleted. */
export function watchProfileFiles(store: ProfileStore, log: vscode.LogOutputChannel): vscode.Disposable {
  let watchedPaths = '';
  let watchers: vscode.Disposable | undefined;
  const rewatch = (): void => {
    const paths = store.current?.paths;
    const key = paths ? `${paths.configFile}\0${paths.credentialsFile}` : '';
    if (!paths || key === watchedPaths) {
      return;
    }
    watchedPaths = key;
    watchers?.dispose();
    watchers = vscode.Disposable.from(
      ...[paths.configFile, paths.credentialsFile].map((file) => {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
        const reload = (): void => {
          log.debug(`${file} changed; reloading profiles.`);
          void store.load();
        };
        return vscode.Disposable.from(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
      }),
    );
  };
  const subscription = store.onDidChange(rewatch);
  return { dispose: () => vscode.Disposable.from(subscription, ...(watchers ? [watchers] : [])).dispose() };
}
