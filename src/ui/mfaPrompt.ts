import { WindowApi } from './window';

/** Asks for the six-digit code of an MFA device; undefined when the user cancels. */
export function askMfaCode(ui: WindowApi, serial: string, profile: string): Promise<string | undefined> {
  const box = ui.createInputBox();
  box.title = `MFA code for profile ${profile}`;
  box.prompt = `The 6-digit code from ${serial}`;
  box.placeholder = '123456';
  box.ignoreFocusOut = true;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string | undefined): void => {
      if (!settled) {
        settled = true;
        resolve(value);
        box.dispose();
      }
    };
    box.onDidChangeValue((value) => {
      box.validationMessage = /^\d{0,6}$/.test(value.trim()) ? undefined : 'Digits only: the code is 6 digits.';
    });
    box.onDidAccept(() => {
      const code = box.value.trim();
      if (!/^\d{6}$/.test(code)) {
        box.validationMessage = 'The code is exactly 6 digits.';
        return;
      }
      finish(code);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
