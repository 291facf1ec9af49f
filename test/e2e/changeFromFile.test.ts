import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { passwordName, PASSWORDS } from './passwords';
import { ACCOUNT_ID, session } from './session';
import { eventually } from './workbench';

describe('Change Password Using This File, from the Explorer context menu', () => {
  it("asks before sending the file's new password (Show New Password shows it), changes the password with the file's two passwords, then clears them from the file on request", async () => {
    const { workbench, emulator, passwordFile, screenshots } = session();
    assert.equal(
      passwordName(emulator.passwordOf('alice')),
      'seeded',
      'precondition: change-password.json holds the seeded password, so this scenario must run before any other change',
    );
    await workbench.useProfile('default');
    const sawPasswordBox = await workbench.watchForPasswordBox();

    const menuItem = await workbench.explorerMenuItem('change-password.json', 'Change Password Using This File');
    await screenshots.take('right-click', 'right-click');
    const before = emulator.requests.length;
    await workbench.chooseMenuItem(menuItem);

    // A new password from a file is never sent unseen, even in a trusted workspace.
    const question = 'Send the new password from change-password.json to AWS IAM with profile default?';
    const ask = await workbench.see(workbench.dialog(question), 'the question before sending the new password from the file');
    assert.equal(emulator.requests.length, before, 'nothing, not even the identity preflight, before the answer');
    await screenshots.take('file-ask-before-sending');
    await workbench.dialogButton(ask, 'Show New Password').click();
    const shown = await workbench.see(workbench.dialog('The new password in change-password.json'), 'the new password, shown in a dialog');
    // Compared here, never printed: a failing assertion would put the password in the run's log.
    const detail = await shown.locator('.dialog-message-detail').innerText();
    assert.ok(detail.includes(JSON.stringify(PASSWORDS.fromFile)), "the dialog shows the file's NewPassword in quotes");
    await workbench.dialogButton(shown, 'OK').click();
    const again = await workbench.see(workbench.dialog(question), 'the question again after the password was shown');
    await workbench.dialogButton(again, 'Send').click();

    const success = await workbench.see(workbench.toast(`Password changed for IAM user alice in account ${ACCOUNT_ID}`), 'the success notification');
    assert.equal(await workbench.toastSeverity(success), 'info');
    assert.equal(passwordName(emulator.passwordOf('alice')), 'fromFile', "IAM (the emulator) has the file's NewPassword");
    assert.equal(await sawPasswordBox(), false, 'the file holds both passwords, so no password box may open');

    const offer = await workbench.see(workbench.toast('Clear them from the file?'), 'the offer to clear the passwords from the file');
    await screenshots.take('file-changed-offer-to-clear');
    await workbench.toastButton(offer, 'Clear Passwords').click();
    const cleared = { OldPassword: '', NewPassword: '' };
    await eventually(() => {
      try {
        return JSON.stringify(JSON.parse(fs.readFileSync(passwordFile, 'utf8'))) === JSON.stringify(cleared);
      } catch {
        return false;
      }
    }, 'change-password.json on disk to hold empty OldPassword and NewPassword');
  });
});
