import assert from 'node:assert/strict';
import { passwordName, PASSWORDS } from './passwords';
import { ACCOUNT_ID, session } from './session';
import { exactly } from './workbench';

describe('AWS IAM: Change Password... from the command palette', () => {
  it('asks for the current, new and confirmed password in masked boxes, and IAM then has the new one', async () => {
    const { workbench, page, emulator, screenshots } = session();
    const current = emulator.passwordOf('alice');
    assert.ok(current, 'alice has a console password');
    assert.notEqual(passwordName(current), 'palette', 'precondition: the new password differs from the current one');
    await workbench.useProfile('default');
    const sawPasswordBox = await workbench.watchForPasswordBox();

    await workbench.runCommand('AWS IAM: Change Password...');
    const currentBox = await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
    assert.equal(await currentBox.getAttribute('type'), 'password', 'the current password is masked');
    // The box opens at once; its title names the user when GetCallerIdentity has answered.
    await workbench.see(
      workbench.quickInputTitle.filter({ hasText: exactly(`Change password: IAM user alice (${ACCOUNT_ID}) (1/3)`) }),
      'the title naming the user',
    );
    await workbench.type(current);
    await workbench.press('Enter');

    await workbench.see(workbench.passwordBox('New password'), 'the new-password box');
    assert.match(await workbench.quickInputTitle.innerText(), /\(2\/3\)$/);
    await workbench.type(PASSWORDS.palette);
    await workbench.see(workbench.quickInputMessage.filter({ hasText: "Meets the account's password policy." }), 'the policy check passing');
    await screenshots.take('new-password-meets-policy', 'palette-flow');
    await workbench.press('Enter');

    await workbench.see(workbench.passwordBox('Confirm new password'), 'the confirm box');
    assert.match(await workbench.quickInputTitle.innerText(), /\(3\/3\)$/);
    await workbench.type(PASSWORDS.palette);
    await workbench.press('Enter');

    const success = await workbench.see(workbench.toast(`Password changed for IAM user alice in account ${ACCOUNT_ID}`), 'the success notification');
    await workbench.seeGone(
      page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'Changing the password of IAM user alice' }),
      'the progress notification',
    );
    await workbench.expandToast(success);
    await screenshots.take('success', 'success');
    assert.equal(await workbench.toastSeverity(success), 'info');
    const buttons = (await success.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((b) => b.trim());
    assert.deepEqual(buttons, ['Open Console Sign-in'], 'the next step, signing in with the new password, is one click away');
    assert.equal(passwordName(emulator.passwordOf('alice')), 'palette', 'IAM (the emulator) has the new password');
    assert.equal(await sawPasswordBox(), true, 'the password-box watcher saw these boxes, so its "none" in other tests means none');
  });
});
