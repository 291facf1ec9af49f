import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { execFile } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { formatForFileName } from '../changePasswordFile/fileName';
import { parseChangePasswordFile } from '../changePasswordFile/parse';
import { showWithButtons } from '../window/notifications';
import { WindowApi } from '../window/windowApi';

/**
 * Warns once per file when one holding a password is saved in the workspace, and offers to git-ignore it; not git in
 * Restricted Mode, where git would run commands the repository configures (core.fsmonitor).
 */
export function guardChangePasswordFileSaves(ui: WindowApi): vscode.Disposable {
  const warned = new Set<string>();
  return vscode.workspace.onDidSaveTextDocument(async (document) => {
    const format = formatForFileName(document.uri.path);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!format || !folder || document.uri.scheme !== 'file' || warned.has(document.uri.toString())) {
      return;
    }
    const { values } = parseChangePasswordFile(document.getText(), format);
    if (!values.OldPassword && !values.NewPassword) {
      return;
    }
    warned.add(document.uri.toString());
    const relative = path.relative(folder.uri.fsPath, document.uri.fsPath);
    const offerToIgnore = ui.isWorkspaceTrusted() && (await isNotGitIgnored(folder.uri.fsPath, relative));
    const message = l10n.t(
      '{0} now holds a password on disk. Clear it after the change (the extension offers to), and keep it out of version control.',
      relative,
    );
    const addToIgnore = [l10n.t('Add to .gitignore'), () => addToGitignore(folder.uri.fsPath, relative)] as const;
    await showWithButtons(ui.showWarningMessage, message, offerToIgnore ? [addToIgnore] : []);
  });
}

function isNotGitIgnored(cwd: string, relative: string): Promise<boolean> {
  return new Promise((resolve) => {
    // check-ignore exits 0 when ignored, 1 when not, 128 outside a repository (or without git).
    execFile('git', ['check-ignore', '-q', '--', relative], { cwd }, (error) => resolve((error as { code?: unknown } | null)?.code === 1));
  });
}

async function addToGitignore(folder: string, relative: string): Promise<void> {
  const file = path.join(folder, '.gitignore');
  const existing = await readFile(file, 'utf8').catch(() => '');
  const line = `/${relative.split(path.sep).join('/')}`;
  await appendFile(file, `${existing && !existing.endsWith('\n') ? '\n' : ''}${line}\n`);
}
