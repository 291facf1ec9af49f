import * as vscode from 'vscode';
import { clearPasswords } from '../core/changePasswordFile/clearPasswords';
import { ChangePasswordFileFormat, formatForFileName } from '../core/changePasswordFile/fileName';
import { offsetToPosition } from '../core/changePasswordFile/model';
import { parseChangePasswordFile } from '../core/changePasswordFile/parse';
import { changePasswordFlow } from './changePasswordFlow';
import { CommandDeps } from './commandDeps';

/**
 * Change Password Using This File: like --cli-input-json, but the editor's current text counts,
 * values the file lacks are asked for in masked boxes, and nothing is sent while the file is invalid.
 */
export async function changePasswordFromFile(deps: CommandDeps, target?: vscode.Uri): Promise<void> {
  const { ui } = deps;
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  const fileName = uri?.path.split('/').pop() ?? '';
  const format = uri && formatForFileName(fileName);
  if (!uri || !format) {
    void ui.showErrorMessage('Open or right-click a change-password.json (or .yaml) file first.', {});
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const parsed = parseChangePasswordFile(text, format);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    const at = offsetToPosition(text, first.range.start);
    const more = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} in the Problems panel)` : '';
    // Syntax messages already say where; the others get the position of their range.
    const where = /\bline \d+/.test(first.message) ? '' : ` line ${at.line}, column ${at.column}`;
    // Not awaited: the command is over, whether or not the notification is ever answered.
    void ui.showErrorMessage(`${fileName}${where}: ${first.message}${more}. Nothing was sent.`, {}, 'Go to Problem').then((choice) => {
      if (choice === 'Go to Problem') {
        const selection = new vscode.Range(document.positionAt(first.range.start), document.positionAt(first.range.end));
        void vscode.window.showTextDocument(document, { selection });
      }
    });
    return;
  }
  if (!ui.isWorkspaceTrusted()) {
    const answer = await ui.showWarningMessage(
      `This workspace is not trusted. Send the passwords in ${fileName} to AWS IAM?`,
      { modal: true, detail: 'The file was validated; nothing has been sent yet.' },
      'Send',
    );
    if (answer !== 'Send') {
      return;
    }
  }
  const result = await changePasswordFlow(deps, {
    oldPassword: parsed.values.OldPassword,
    newPassword: parsed.values.NewPassword,
  });
  if (result === 'changed' && (parsed.values.OldPassword || parsed.values.NewPassword)) {
    await offerToClear(deps, document, format);
  }
}

async function offerToClear({ ui }: CommandDeps, document: vscode.TextDocument, format: ChangePasswordFileFormat): Promise<void> {
  const untitled = document.isUntitled;
  const answer = await ui.showInformationMessage(
    untitled
      ? 'The passwords are still in the unsaved skeleton. Close it without saving?'
      : `The passwords are still in ${document.uri.fsPath}. Clear them from the file?`,
    {},
    untitled ? 'Close Without Saving' : 'Clear Passwords',
  );
  if (!answer) {
    return;
  }
  if (untitled) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), clearPasswords(document.getText(), format));
  await vscode.workspace.applyEdit(edit);
  await document.save();
}
