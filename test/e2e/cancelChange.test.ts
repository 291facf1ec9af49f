import assert from 'node:assert/strict';
import { passwordName, PASSWORDS } from './passwords';
import { session } from './session';

describe('Cancelling a password change that got no answer', () => {
  it('Cancel on the progress ends the wait, and a change already sent is a warning that it may have happened', async () => {
    const { workbench, page, emulator, screenshots } = session();
    const current = emulator.passwordOf('alice');
    assert.ok(current, 'alice has a console password');
    await workbench.useProfile('default');
    // IAM applies the change and the answer never comes: without Cancel the flow would wait out the read timeout.
    emulator.injectFault({ kind: 'noResponse', action: 'ChangePassword', afterApply: true });

    await workbench.runCommand('AWS IAM: Change Password...');
    await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
    await workbench.type(current);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('New password'), 'the new-password box');
    await workbench.type(PASSWORDS.cancelled);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('Confirm new password'), 'the confirm box');
    await workbench.type(PASSWORDS.cancelled);
    await workbench.press('Enter');

    const progress = await workbench.see(workbench.toast('Changing the password of IAM user alice'), 'the progress notification');
    const cancel = await workbench.see(workbench.toastButton(progress, 'Cancel'), 'a Cancel button on the progress');
    assert.equal(emulator.requests.filter((r) => r.action === 'ChangePassword').at(-1)?.fault, 'noResponse', 'the request reached IAM');
    await cancel.click();

    const warning = await workbench.see(workbench.toast('The change may have happened: you stopped waiting'), 'the may-have-changed notification');
    await workbench.seeGone(
      page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'Changing the password of IAM user alice' }),
      'the progress notification',
    );
    assert.equal(await workbench.toastSeverity(warning), 'warning', 'a warning, never an error: the old password may no longer work');
    await workbench.expandToast(warning);
    assert.match(await warning.locator('.notification-list-item-message').innerText(), /Sign in to the AWS console with the NEW password/);
    await workbench.see(workbench.toastButton(warning, 'Open Console Sign-in'), 'Open Console Sign-in on the warning');
    await screenshots.take('cancelled-change');
    assert.equal(passwordName(emulator.passwordOf('alice')), 'cancelled', 'IAM (the emulator) applied the change: "may have" was the truth');
  });
});
