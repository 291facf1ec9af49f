import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { ProfileStore } from './profileStore';
import { showWithButtons } from '../window/notifications';
import { WindowApi } from '../window/windowApi';

/** Malformed lines go to the log with file and line, with one warning for each new set of problems. */
export function reportProfileProblems(store: ProfileStore, log: vscode.LogOutputChannel, ui: WindowApi): vscode.Disposable {
  let reported = '';
  return store.onDidChange(() => {
    const list = store.current;
    if (!list) {
      return;
    }
    const lines = list.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    for (const profile of list.profiles) {
      lines.push(...profile.problems.map((problem) => `profile ${profile.name}: ${problem}`));
    }
    const key = lines.join('\n');
    if (key === reported) {
      return;
    }
    reported = key;
    lines.forEach((line) => log.warn(line));
    const [first, ...more] = list.problems;
    if (first) {
      const message =
        more.length > 0
          ? l10n.t('AWS config problem in {0} line {1}: {2} (and {3} more). Other profiles still work.', first.file, first.line, first.message, more.length)
          : l10n.t('AWS config problem in {0} line {1}: {2}. Other profiles still work.', first.file, first.line, first.message);
      void showWithButtons(ui.showWarningMessage, message, [
        [l10n.t('Open File'), () => ui.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(first.line - 1, 0, first.line - 1, 0) })],
        [l10n.t('Show Logs'), () => log.show()],
      ]);
    }
  });
}
