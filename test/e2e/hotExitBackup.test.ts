// SECURITY.md row 16: VS Code backs up an unsaved editor (hot exit), so an unsaved skeleton holding a
// password is on disk in the user data folder while it is dirty; Close Without Saving, offered after
// the change, removes that copy.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PASSWORDS } from './passwords';
import { ACCOUNT_ID, session } from './session';
import { eventually } from './workbench';

/** Every file under `dir` whose bytes contain `text`, relative to `dir`. */
function filesHolding(dir: string, text: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => {
    const full = path.join(dir, file);
    return fs.statSync(full, { throwIfNoEntry: false })?.isFile() && fs.readFileSync(full).includes(text);
  });
}

describe('Hot exit and the unsaved skeleton', () => {
  it("backs up the unsaved skeleton to the user data's User/Backups folder while it holds a password, and Close Without Saving after the change removes the backup", async () => {
    const { workbench, page, emulator, run } = session();
    const current = emulator.passwordOf('alice') ?? assert.fail('alice has a console password');
    await workbench.useProfile('default');
    await workbench.runCommand('AWS IAM: Generate change-password Skeleton...');
    await workbench.acceptQuickInputItem('JSON');
    await workbench.see(page.locator('.tab.active', { hasText: 'change-password.json' }), 'the unsaved skeleton in the active tab');
    await (await workbench.see(page.locator('.editor-instance .monaco-editor .view-lines'), 'the skeleton editor')).click();
    // Between the quotes of "OldPassword": "", and of "NewPassword": "".
    for (const [line, back, value] of [
      [2, 2, current],
      [3, 1, PASSWORDS.skeleton],
    ] as const) {
      await workbench.press('Control+Home');
      for (let down = 1; down < line; down++) {
        await workbench.press('ArrowDown');
      }
      await workbench.press('End');
      for (let left = 0; left < back; left++) {
        await workbench.press('ArrowLeft');
      }
      await workbench.type(value);
    }

    // While it is dirty: the limit SECURITY.md states is real.
    await eventually(() => filesHolding(run.dirs.root, PASSWORDS.skeleton).length > 0, 'hot exit to back up the unsaved skeleton');
    const backups = filesHolding(run.dirs.root, PASSWORDS.skeleton);
    assert.ok(
      backups.every((file) => file.startsWith(path.join('user-data', 'User', 'Backups') + path.sep)),
      `the password is on disk outside the backups: ${JSON.stringify(backups)}`,
    );

    await workbench.runCommand('AWS IAM: Change Password Using This File');
    const ask = await workbench.see(workbench.dialog(/^Send the new password from \d*\.?change-password\.json/), 'the question before sending');
    await workbench.dialogButton(ask, 'Send').click();
    await workbench.see(workbench.toast(`Password changed for IAM user alice in account ${ACCOUNT_ID}`), 'the success notification');
    assert.equal(emulator.passwordOf('alice'), PASSWORDS.skeleton, "IAM (the emulator) has the skeleton's NewPassword");
    const offer = await workbench.see(workbench.toast('The passwords are still in the unsaved skeleton'), 'the offer to close the skeleton without saving');
    await workbench.toastButton(offer, 'Close Without Saving').click();
    await workbench.seeGone(page.locator('.tab', { hasText: 'change-password.json' }).filter({ has: page.locator('.dirty') }), 'the dirty skeleton tab');
    await eventually(
      () => filesHolding(run.dirs.root, PASSWORDS.skeleton).length === 0,
      'the backup to be deleted once the skeleton was closed without saving',
    );
  });
});
