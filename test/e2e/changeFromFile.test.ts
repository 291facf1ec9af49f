import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { passwordName } from './passwords';
import { ACCOUNT_ID, session } from './session';
import { eventually } from './workbench';

describe('Change Password Using This File, from the Explorer context menu', () => {
  it('changes the password with the file\'s two passwords, then clears them from the file on request', async () => {
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
    await menuItem.click();

    const success = await workbench.see(
      workbench.toast(`Password changed for IAM user alice in account ${ACCOUNT_ID}`),
      'the success notification',
    );
    assert.equal(await workbench.toastSeverity(success), 'info');
    assert.equal(passwordName(emulator.passwordOf('alice')), 'fromFile', 'IAM (the emulator) has the file\'s NewPassword');
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
