import assert from 'node:assert/strict';
import { ACCOUNT_ID, session } from './session';

/**
 * Switches to the profile in the status bar, runs Change Password..., and returns the refusal's
 * text after checking that it came before any password box and before any IAM request.
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
  assert.equal(await sawPasswordBox(), false, 'no password box opened');
  const iamRequests = emulator.requests.slice(requestsBefore).filter((request) => request.service === 'iam');
  assert.deepEqual(iamRequests.map((request) => request.action), [], 'only STS was asked; nothing went to IAM');
  const actions = (await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((a) => a.trim());
  return { message: await toast.locator('.notification-list-item-message').innerText(), actions };
}

describe('Identities that cannot change a console password are refused up front', () => {
  it('the root profile: an error that names the root user, and no password box', async () => {
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
