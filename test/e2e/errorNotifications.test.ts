import assert from 'node:assert/strict';
import * as net from 'node:net';
import { passwordName, PASSWORDS } from './passwords';
import { LOG_CHANNEL, session, UNREACHABLE_PROFILE } from './session';

/** Resolves with the error code of a TCP connection attempt, or 'connected'. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('Errors say what happened and offer Show Logs', () => {
  it('a wrong current password: an error notification, Show Logs opens the log, the password is unchanged', async () => {
    const { workbench, page, emulator, screenshots } = session();
    const current = emulator.passwordOf('alice');
    assert.notEqual(passwordName(current), 'wrongCurrent', 'precondition: the wrong password really is wrong');
    await workbench.useProfile('default');

    await workbench.runCommand('AWS IAM: Change Password...');
    await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
    await workbench.type(PASSWORDS.wrongCurrent);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('New password'), 'the new-password box');
    await workbench.type(PASSWORDS.neverAccepted);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('Confirm new password'), 'the confirm box');
    await workbench.type(PASSWORDS.neverAccepted);
    await workbench.press('Enter');

    const toast = await workbench.see(workbench.toast('IAM refused the change (AccessDenied)'), 'the AccessDenied notification');
    const message = await toast.locator('.notification-list-item-message').innerText();
    assert.match(message, /current password may be wrong/);
    assert.match(message, /Your password was not changed/);
    assert.equal(await workbench.toastSeverity(toast), 'error');
    const showLogs = await workbench.see(workbench.toastButton(toast, 'Show Logs'), 'a Show Logs button on the notification');
    // The progress notification ends with the request; VS Code takes a moment to close it.
    await workbench.seeGone(workbench.toast('Changing the password of IAM user'), 'the progress notification');
    await screenshots.take('wrong-current-password', 'error-show-logs');
    assert.equal(passwordName(emulator.passwordOf('alice')), passwordName(current), 'the password is unchanged');
    const lastChange = emulator.requests.filter((request) => request.action === 'ChangePassword').at(-1);
    assert.equal(lastChange?.outcome, 'AccessDenied', 'IAM (the emulator) refused the change');

    await showLogs.click();
    const logView = await workbench.see(page.locator('.part.panel .output-view .view-lines'), 'the Output view');
    await workbench.see(logView.filter({ hasText: 'AccessDenied' }), 'the error in the log');
    const channels = await page
      .locator('.part.panel select.monaco-select-box')
      .evaluateAll((selects) => selects.map((select) => (select as unknown as { value: string }).value));
    assert.ok(channels.includes(LOG_CHANNEL), `the Output view shows the ${LOG_CHANNEL} channel (selected: ${channels.join(', ')})`);
    await screenshots.take('show-logs');
    await workbench.closePanel();
  });

  it('an unreachable endpoint: an error notification naming it, with Show Logs, and the password box closes', async () => {
    const { workbench, emulator, unreachablePort, screenshots } = session();
    assert.equal(await probe(unreachablePort), 'ECONNREFUSED', `precondition: nothing listens on 127.0.0.1:${unreachablePort}`);
    await workbench.useProfile(UNREACHABLE_PROFILE);
    const requestsBefore = emulator.requests.length;

    await workbench.runCommand('AWS IAM: Change Password...');
    const toast = await workbench.see(workbench.toast(`Could not reach http://127.0.0.1:${unreachablePort}`), 'the could-not-reach notification', 45_000);
    const message = await toast.locator('.notification-list-item-message').innerText();
    assert.match(message, /connection refused/);
    assert.match(message, /Nothing was sent/);
    assert.equal(await workbench.toastSeverity(toast), 'error');
    await workbench.see(workbench.toastButton(toast, 'Show Logs'), 'a Show Logs button on the notification');
    await screenshots.take('unreachable-endpoint');
    // It opened at once, while GetCallerIdentity was trying to connect.
    await workbench.seeGone(workbench.passwordBox('Current password'), 'the current-password box');
    assert.equal(emulator.requests.length, requestsBefore, 'nothing reached the emulator');
  });
});
