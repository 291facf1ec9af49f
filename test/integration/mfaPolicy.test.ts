// The accounts people have: AWS's own MFA-enforcing policy on a user whose profile names no mfa_serial.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { accountsSeed, ACCOUNT_USERS, type Seed } from '../emulator';
import { Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { auditAlso } from './passwords';

/** The accounts seed, with password-only-user under a policy that lets it read the policy but change its password only with MFA. */
function changeOnlyWithMfaSeed(): Seed {
  const seed = accountsSeed();
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy', 'iam:ListMFADevices'], Resource: '*' },
      { Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ],
  };
  const users = (seed.users ?? []).map((user) =>
    user.name === ACCOUNT_USERS.passwordOnly.name ? { ...user, identityPolicies: { inline: { ChangeOnlyWithMfa: policy } } } : user,
  );
  return { ...seed, users } as Seed;
}

describe('MFA that a policy asks for, found rather than configured', function () {
  this.timeout(60_000);
  let api: TestApi;
  let driver: Driver;

  before(async () => {
    api = await testApi();
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    await api.store.pick(undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  describe("AWS's MFA-enforcing policy, and no mfa_serial in the profile", () => {
    const account = useEmulatorAccount(accountsSeed());

    it("asks for the found device's code after the current password and before the new one, shows the policy's rules, changes the password on the first try, and on request adds one mfa_serial line", async () => {
      const { emulator, files } = account();
      const user = ACCOUNT_USERS.mfaEnforced;
      const newPassword = 'Mfa-Found-Device-2!';
      auditAlso('mfaEnforcedCurrent', user.password);
      auditAlso('mfaEnforcedNew', newPassword);
      const configBefore = fs.readFileSync(files.configFile, 'utf8');
      await api.store.pick(user.name);
      assert.equal((await api.store.ready()).byName(user.name)?.mfaSerial, undefined, 'the profile names no MFA device');
      driver.answerNotification(/^Remember this MFA device for profile mfa-enforced-user\?/, 'Add the Line');
      const flow = vscode.commands.executeCommand('iamPassword.changePassword');

      const current = await driver.nextInputBox();
      assert.match(current.placeholder ?? '', /Current password/);
      await driver.enter(current, user.password);
      const mfa = await driver.nextInputBox();
      assert.match(mfa.title ?? '', /^MFA code for profile mfa-enforced-user$/);
      assert.equal(mfa.prompt, `The 6-digit code from ${user.mfaSerial}`, 'the box names the device ListMFADevices found');
      assert.ok(!user.mfaSerial?.endsWith(`/${user.name}`), 'the device is not named after the user: no guessing');
      await driver.enter(mfa, user.mfaCode ?? '');

      const fresh = await driver.nextInputBox();
      assert.match(fresh.placeholder ?? '', /New password/);
      await waitFor("the account's policy in the new-password box", () => /must meet the account's password policy/.test(fresh.prompt ?? '') || undefined);
      const policy = api.store.policy(user.name);
      assert.deepEqual(
        policy?.kind === 'account' && [policy.policy.MinimumPasswordLength, policy.policy.RequireSymbols],
        [12, true],
        'the rules read with the MFA session',
      );
      await driver.enter(fresh, newPassword);
      await driver.enter(await driver.nextInputBox(), newPassword);
      assert.equal(await flow, 'changed');

      const changes = emulator.requests.filter((request) => request.action === 'ChangePassword');
      assert.deepEqual(
        changes.map((request) => request.outcome),
        ['Success'],
        'one ChangePassword, accepted the first time',
      );
      assert.equal(emulator.passwordOf(user.name), newPassword);
      const written = await waitFor('the mfa_serial line', () => {
        const text = fs.readFileSync(files.configFile, 'utf8');
        return text !== configBefore ? text : undefined;
      });
      const header = `[profile ${user.name}]\n`;
      assert.equal(
        written,
        configBefore.replace(header, `${header}mfa_serial = ${user.mfaSerial}\n`),
        'one line, right below the header, nothing else changed',
      );
    });
  });

  describe('AWS managed IAMUserChangePassword', () => {
    const account = useEmulatorAccount(accountsSeed());

    it('with iamPassword.checkPasswordPolicy off: no policy call, no MFA question, and the change goes through', async () => {
      const { emulator } = account();
      const user = ACCOUNT_USERS.managedPolicy;
      const newPassword = 'No-Policy-Call-Needed-4!';
      auditAlso('managedPolicyCurrent', user.password);
      auditAlso('managedPolicyNew', newPassword);
      const config = vscode.workspace.getConfiguration('iamPassword');
      await config.update('checkPasswordPolicy', false, vscode.ConfigurationTarget.Global);
      try {
        await api.store.pick(user.name);
        const flow = vscode.commands.executeCommand('iamPassword.changePassword');
        await driver.enter(await driver.nextInputBox(), user.password);
        await driver.enter(await driver.nextInputBox(), newPassword);
        await driver.enter(await driver.nextInputBox(), newPassword);
        assert.equal(await flow, 'changed');
        assert.equal(emulator.passwordOf(user.name), newPassword);
        assert.deepEqual(
          emulator.requests.filter((request) => ['GetAccountPasswordPolicy', 'ListMFADevices'].includes(request.action ?? '')),
          [],
        );
      } finally {
        await config.update('checkPasswordPolicy', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('A policy that denies only ChangePassword without MFA', () => {
    const account = useEmulatorAccount(changeOnlyWithMfaSeed());

    it("after IAM's explicit deny of the change, asks for the found device's code and sends the change again, which goes through", async () => {
      const { emulator } = account();
      const user = ACCOUNT_USERS.passwordOnly;
      const newPassword = 'Deny-Then-Mfa-Works-3!';
      auditAlso('passwordOnlyCurrent', user.password);
      auditAlso('passwordOnlyNew', newPassword);
      await api.store.pick(user.name);
      const flow = vscode.commands.executeCommand('iamPassword.changePassword');
      await driver.enter(await driver.nextInputBox(), user.password);
      const fresh = await driver.nextInputBox();
      assert.match(fresh.placeholder ?? '', /New password/, 'the policy was readable: no MFA box before the new password');
      await driver.enter(fresh, newPassword);
      await driver.enter(await driver.nextInputBox(), newPassword);
      const mfa = await driver.nextInputBox();
      assert.equal(mfa.prompt, `The 6-digit code from ${user.mfaSerial}`);
      await driver.enter(mfa, user.mfaCode ?? '');
      assert.equal(await flow, 'changed');
      assert.deepEqual(
        emulator.requests.filter((request) => request.action === 'ChangePassword').map((request) => request.outcome),
        ['AccessDenied', 'Success'],
        'refused without MFA (nothing applied), then accepted with it',
      );
      assert.equal(emulator.passwordOf(user.name), newPassword);
    });
  });
});
