import * as l10n from '@vscode/l10n';
import { MultiStepInput } from '../window/multiStepInput';
import { WindowApi } from '../window/windowApi';

/** Asks for the six-digit code of an MFA device; undefined when the user cancels. */
export async function askMfaCode(ui: WindowApi, serial: string, profile: string): Promise<string | undefined> {
  const answered = await MultiStepInput.run(ui, { code: '' }, async (input, state) => {
    const code = await input.ask({
      placeholder: '123456',
      render: (box) => {
        box.title = l10n.t('MFA code for profile {0}', profile);
        box.prompt = l10n.t({ message: 'The 6-digit code from {0}', args: [serial], comment: "{0} is the MFA device's ARN" });
      },
      live: (value) => (/^\d{0,6}$/.test(value.trim()) ? undefined : l10n.t('Digits only: the code is 6 digits.')),
      accept: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : l10n.t('The code is exactly 6 digits.')),
    });
    state.code = code.trim();
    return undefined;
  });
  return answered?.code;
}
