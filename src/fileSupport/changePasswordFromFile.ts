import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { clearPasswords } from '../changePasswordFile/clearPasswords';
import { ChangePasswordFileFormat, formatForFileName } from '../changePasswordFile/fileName';
import { parseChangePasswordFile } from '../changePasswordFile/parse';
import { passwordAbility } from '../profiles/passwordAbility';
import { changePasswordFlow } from '../flows/changePasswordFlow';
import { CommandDeps } from '../flows/commandDeps';
import { showWithButtons } from '../window/notifications';
import { confirmSendFromFile } from './confirmSendFromFile';

/** Like --cli-input-json, but the editor's text counts, missing values are asked for, and an invalid file sends nothing. */
export async function changePasswordFromFile(deps: CommandDeps, target?: vscode.Uri): Promise<void> {
  const { ui } = deps;
  const uri = target instanceof vscode.Uri ? target : ui.activeTextEditor()?.document.uri;
  const fileName = uri?.path.split('/').pop() ?? '';
  const format = uri && formatForFileName(fileName);
  if (!uri || !format) {
    void ui.showErrorMessage(l10n.t('Open or right-click a change-password.json (or .yaml) file first.'), {});
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const parsed = parseChangePasswordFile(document.getText(), format);
  const [first] = parsed.problems;
  if (first) {
    const at = document.positionAt(first.range.start);
    const more = parsed.problems.length > 1 ? ` ${l10n.t('({0} more in the Problems panel)', parsed.problems.length - 1)}` : '';
    const message = l10n.t({
      message: '{0} line {1}, column {2}: {3}{4}. Nothing was sent.',
      args: [fileName, at.line + 1, at.character + 1, first.message, more],
      comment: '{0} is a file name, {3} the problem, {4} how many more there are, or nothing',
    });
    const selection = new vscode.Range(at, document.positionAt(first.range.end));
    void showWithButtons(ui.showErrorMessage, message, [[l10n.t('Go to Problem'), () => ui.showTextDocument(document, { selection })]]);
    return;
  }
  if (!(await confirmSending(deps, fileName, parsed.values.NewPassword ?? ''))) {
    deps.log.info(`Not sent: the question before sending ${fileName} was cancelled.`);
    return;
  }
  const result = await changePasswordFlow(deps, {
    oldPassword: parsed.values.OldPassword,
    newPassword: parsed.values.NewPassword,
  });
  if (result === 'busy' || !(parsed.values.OldPassword || parsed.values.NewPassword)) {
    return;
  }
  if (result === 'changed') {
    await offerToClear(deps, document, format, true);
  } else {
    // Not awaited: the failure's own notification comes first, and the command is over.
    void offerToClear(deps, document, format, false);
  }
}

/** The question before sending, unless the flow will refuse the profile anyway (before sending anything). */
async function confirmSending(deps: CommandDeps, fileName: string, newPassword: string): Promise<boolean> {
  const list = await deps.store.ready();
  const profile = deps.store.selected(list);
  if (profile && passwordAbility(profile).can === 'no') {
    return true;
  }
  return confirmSendFromFile(deps.ui, { fileName, profileName: deps.store.choice(list).name, newPassword });
}

/** Whatever the result: a password left in a file is on disk and in Local History. After a failure it may be the only copy of the new one. */
async function offerToClear({ ui }: CommandDeps, document: vscode.TextDocument, format: ChangePasswordFileFormat, changed: boolean): Promise<void> {
  const untitled = document.isUntitled;
  const question = untitled
    ? l10n.t('The passwords are still in the unsaved skeleton. Close it without saving?')
    : l10n.t('The passwords are still in {0}. Clear them from the file?', document.uri.fsPath);
  const keepIfChanged = l10n.t('Keep them if the password may have changed: the new one is only there.');
  const closeWithoutSaving = async (): Promise<void> => {
    await ui.showTextDocument(document);
    await ui.executeCommand('workbench.action.revertAndCloseActiveEditor');
  };
  const clear = async (): Promise<void> => {
    // The file as it is now: its tab may have been closed (or edited) while the question was open.
    const current = await vscode.workspace.openTextDocument(document.uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(current.uri, new vscode.Range(0, 0, current.lineCount, 0), clearPasswords(current.getText(), format));
    if (!((await vscode.workspace.applyEdit(edit)) && (await current.save()))) {
      await ui.showErrorMessage(l10n.t('Could not clear the passwords from {0}: they are still in it. Clear them by hand.', current.uri.fsPath), {});
    }
  };
  await showWithButtons(ui.showInformationMessage, changed ? question : `${question} ${keepIfChanged}`, [
    untitled ? [l10n.t('Close Without Saving'), closeWithoutSaving] : [l10n.t('Clear Passwords'), clear],
  ]);
}
