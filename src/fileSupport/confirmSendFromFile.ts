import * as l10n from '@vscode/l10n';
import { visiblePassword } from '../password/passwordRules';
import { askModal } from '../window/notifications';
import { WindowApi } from '../window/windowApi';

interface SendFromFile {
  fileName: string;
  profileName: string;
  /** The file's NewPassword; empty when the box will ask for it. */
  newPassword: string;
}

/**
 * A file's new password is never sent unseen, trusted workspace or not: Show New Password reveals it in
 * a modal (never a notification or the log). Without one in the file, only an untrusted workspace asks.
 */
export async function confirmSendFromFile(ui: WindowApi, { fileName, profileName, newPassword }: SendFromFile): Promise<boolean> {
  const trusted = ui.isWorkspaceTrusted();
  const untrusted = trusted ? '' : `${l10n.t('This workspace is not trusted.')} `;
  const send = l10n.t('Send');
  const validated = l10n.t('The file was validated; nothing has been sent yet.');
  if (!newPassword) {
    if (trusted) {
      return true;
    }
    const question = `${untrusted}${l10n.t('Send the passwords in {0} to AWS IAM?', fileName)}`;
    return (await askModal(ui.showWarningMessage, question, validated, { send })) === 'send';
  }
  const show = l10n.t('Show New Password');
  const question = `${untrusted}${l10n.t({
    message: 'Send the new password from {0} to AWS IAM with profile {1}?',
    args: [fileName, profileName],
    comment: '{0} is a file name, {1} a profile name',
  })}`;
  for (;;) {
    const answer = await askModal(ui.showWarningMessage, question, validated, { send, show });
    if (answer !== 'show') {
      return answer === 'send';
    }
    // JSON's quotes and escapes make a leading or trailing space, a tab or a line break visible; \uXXXX the rest one cannot see.
    await ui.showInformationMessage(l10n.t('The new password in {0}', fileName), {
      modal: true,
      detail: l10n.t({
        message: '{0}\n\n{1} characters, between the quotes as JSON writes them (a character you cannot see as \\uXXXX).',
        args: [visiblePassword(newPassword), [...newPassword].length],
        comment: '{0} is the password in JSON quotes, {1} its length',
      }),
    });
  }
}
