import * as vscode from 'vscode';
import { WindowApi } from '../window/windowApi';

/** Asks for the six-digit code of an MFA device; undefined when the user cancels. */
export function askMfaCode(ui: WindowApi, serial: string, profile: string): Promise<string | undefined> {
  const box = ui.createInputBox();
  box.title = vscode.l10n.t('MFA code for profile {0}', profile);
  box.prompt = vscode.l10n.t({ message: 'The 6-digit code from {0}', args: [serial], comment: "{0} is the MFA device's ARN" });
  box.placeholder = '123456';
  box.ignoreFocusOut = true;
  return new Promise((resolve) => {
    // Disposing hides the box: its onDidHide then finishes again, which resolve and dispose ignore.
    const finish = (value: string | undefined): void => {
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue((value) => {
      box.validationMessage = /^\d{0,6}$/.test(value.trim()) ? undefined : vscode.l10n.t('Digits only: the code is 6 digits.');
    });
    box.onDidAccept(() => {
      const code = box.value.trim();
      if (!/^\d{6}$/.test(code)) {
        box.validationMessage = vscode.l10n.t('The code is exactly 6 digits.');
        return;
      }
      finish(code);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
