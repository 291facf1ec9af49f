import assert from 'node:assert/strict';
import { passwordName, PASSWORDS } from './passwords';
import { extensionLog, session } from './session';
import { eventually } from './workbench';

const CANCELLED = 'Cancelled; nothing was sent.';

function cancellationsLogged(): number {
  return extensionLog().split(CANCELLED).length - 1;
}

describe('The new-password box and the account password policy', () => {
  it('lists the unmet rules as you type, does not advance on Enter, and Escape sends nothing', async () => {
    const { workbench, emulator, screenshots } = session();
    const current = emulator.passwordOf('alice');
    assert.ok(current, 'alice has a console password');
    const requestsBefore = emulator.requests.length;
    const cancelledBefore = cancellationsLogged();
    await workbench.useProfile('default');

    await workbench.runCommand('AWS IAM: Change Password...');
    await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
    await workbench.type(current);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('New password'), 'the new-password box');
    await workbench.type(PASSWORDS.tooWeak);

    const hint = await workbench.see(workbench.quickInputMessage.filter({ hasText: 'The password policy still needs' }), 'the unmet rules under the box');
    await workbench.see(workbench.quickInput.locator('.monaco-inputbox.warning'), 'a warning while typing');
    const rules = await hint.innerText();
    for (const unmet of ['at least 12 characters', 'an uppercase letter', 'a number', 'a symbol']) {
      assert.ok(rules.includes(unmet), `the hint names "${unmet}": ${rules}`);
    }
    assert.ok(!rules.includes('lowercase'), `the hint leaves out the rule the password meets (lowercase): ${rules}`);
    await screenshots.take('policy-hints', 'policy-hints');

    await workbench.press('Enter');
    // The same message, now an error.
    await workbench.see(workbench.quickInput.locator('.monaco-inputbox.error'), 'Enter refused with the unmet rules');
    assert.match(await workbench.quickInputMessage.innerText(), /The password policy still needs/);
    assert.ok(await workbench.passwordBox('New password').isVisible(), 'still on the new-password box');
    assert.match(await workbench.quickInputTitle.innerText(), /\(2\/3\)$/);
    assert.equal(await workbench.passwordBox('Confirm new password').count(), 0, 'the confirm box did not open');

    await workbench.press('Escape');
    await workbench.quickInput.waitFor({ state: 'hidden' });
    await eventually(() => cancellationsLogged() > cancelledBefore, 'the extension to log that the flow was cancelled');
    const changeRequests = emulator.requests.slice(requestsBefore).filter((request) => request.action === 'ChangePassword');
    assert.deepEqual(changeRequests, [], 'no ChangePassword request reached IAM');
    assert.equal(passwordName(emulator.passwordOf('alice')), passwordName(current), 'the password is unchanged');
  });

  it('shows the strength estimate as you type, and Enter asks before a guessable password that meets the policy', async () => {
    const { workbench, emulator } = session();
    const current = emulator.passwordOf('alice');
    assert.ok(current, 'alice has a console password');
    const requestsBefore = emulator.requests.length;
    await workbench.useProfile('default');

    await workbench.runCommand('AWS IAM: Change Password...');
    await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
    await workbench.type(current);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('New password'), 'the new-password box');
    await workbench.type(PASSWORDS.guessable);
    // Once the whole password is typed: the policy is met, and the estimate says it is guessable anyway.
    const hint = await workbench.see(
      workbench.quickInputMessage.filter({ hasText: /Meets the account's password policy\. Strength/ }),
      'the estimate under the box',
    );
    assert.match(await hint.innerText(), /Meets the account's password policy\. Strength [0-2] of 4: easy to guess, it is a commonly used password/);

    await workbench.press('Enter');
    await workbench.see(workbench.quickInputMessage.filter({ hasText: 'Use it anyway?' }), 'Enter asks first');
    assert.equal(await workbench.passwordBox('Confirm new password').count(), 0, 'the confirm box did not open');

    await workbench.press('Escape');
    await workbench.quickInput.waitFor({ state: 'hidden' });
    const changeRequests = emulator.requests.slice(requestsBefore).filter((request) => request.action === 'ChangePassword');
    assert.deepEqual(changeRequests, [], 'no ChangePassword request reached IAM');
  });
});
