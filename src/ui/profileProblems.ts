import * as vscode from 'vscode';
import { ProfileStore } from './profileStore';
import { showFileAt } from './showFileAt';
import { WindowApi } from './window';

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
      const others = more.length > 0 ? ` (and ${more.length} more)` : '';
      void ui
        .showWarningMessage(`AWS config problem in ${first.file} line ${first.line}: ${first.message}${others}. Other profiles still work.`, {}, 'Open File', 'Show Logs')
        .then((choice) => {
          if (choice === 'Open File') {
            void showFileAt(first.file, first.line);
          } else if (choice === 'Show Logs') {
            log.show();
          }
        });
    }
  });
}
