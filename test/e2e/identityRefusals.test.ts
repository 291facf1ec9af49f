import assert from 'node:assert/strict';
import { ACCOUNT_ID, session } from './session';

/**
 * Switches to the profile in the status bar, runs Change Password..., and returns the refusal's
 * text after checking what was sent: nothing for a profile refused from the files, and for an
 * identity refused by STS only the two checks (the current-password box opened at once, then closed).
 */
async function refusalFor(profile: string, expected: string, screenshot: string): Promise<{ message: string; actions: string[] }> {
  const { workbench, emulator, screenshots } = session();
  await workbench.useProfile(profile);
  const requestsBefore = emulator.requests.length;
  const sawPasswordBox = await workbench.watchForPasswordBox();

  await workbench.runCommand('AWS IAM: Change Password...');
  const toast = await workbench.see(workbench.toast(expected), `the refusal for profile ${profile}`);
  await screenshots.take(screenshot);
  assert.equal(await workbench.toastSeverity(toast), 'error');
  const sent = emulator.requests.slice(requestsBefore).map((request) => request.action);
  assert.ok(!sent.includes('ChangePassword'), 'ChangePassword was sent');
  if (sent.length === 0) {
    assert.equal(await sawPasswordBox(), false, 'a password box opened for a profile refused from the files');
  } else {
    assert.deepEqual([...sent].sort(), ['GetAccountPasswordPolicy', 'GetCallerIdentity'], 'only the checks that carry no password');
    await workbench.seeGone(workbench.passwordBox('Current password'), 'the current-password box');
  }
  const actions = (await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((a) => a.trim());
  return { message: await toast.locator('.notification-list-item-message').innerText(), actions };
}

describe('Identities that cannot change a console password are refused up front', () => {
  it('the root profile: an error that names the root user, and the password box closes', async () => {
    const { message, actions } = await refusalFor('root', 'root user', 'root-refused');
    assert.match(message, new RegExp(`signs in as the root user of account ${ACCOUNT_ID}`));
    assert.match(message, /only works for IAM users/);
    assert.deepEqual(actions, ['Switch Profile', 'Show Logs']);
  });

  it('a role profile: an error that names the role and its source profile, and nothing sent at all', async () => {
    const { emulator } = session();
    const before = emulator.requests.length;
    const { message, actions } = await refusalFor('readonly-role', 'signs in as role', 'role-refused');
    assert.match(message, new RegExp(`signs in as role arn:aws:iam::${ACCOUNT_ID}:role/ReadOnly\\.`));
    assert.match(message, /A role has no console password/);
    assert.match(message, /source_profile, alice, holds an IAM user's keys, switch to that profile/);
    assert.deepEqual(actions, ['Switch Profile', 'Show Logs']);
    assert.equal(emulator.requests.length, before, 'a role is refused from the files alone, before any request');
  });
});
