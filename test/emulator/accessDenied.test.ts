/**
 * AccessDenied on ChangePassword, told apart by what AWS says: a deny without MFA, a missing
 * permission, a wrong current password, and a new password IAM refuses with AccessDenied.
 */
import assert from 'node:assert/strict';
import { SessionFailure, ErrorReport } from '../../src/aws/sessionFailure';
import { describeError } from '../../src/aws/describeFailure';
import type { Seed, UserSeed } from './index';
import { accountsSeed, ACCOUNT_USERS, demoSeed, PASSKEY_SERIAL, SESSION_TOOL_SESSIONS } from './index';
import { ALICE_MFA_CODE, ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD, PrepareOptions, rejectionOf } from './coreClientSupport';

const ALICE_SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

/** The demo seed with alice changed. */
function seedWith(alice: Partial<UserSeed>, account: Partial<Seed['account']> = {}): Seed {
  const seed = demoSeed();
  return {
    ...seed,
    account: { ...seed.account, ...account },
    users: (seed.users ?? []).map((user) => (user.name === 'alice' ? { ...user, ...alice } : user)),
  };
}

describe('AccessDenied on ChangePassword, explained from what AWS says', function () {
  let fixture: EmulatorFixture | undefined;

  afterEach(async () => {
    await fixture?.stop();
    fixture = undefined;
  });

  /** Runs the palette flow's calls for a profile and describes the ChangePassword failure as the flow would. */
  async function changeFails(
    seed: Seed,
    profile: string,
    oldPassword: string,
    options: { emulator?: object; prepare?: PrepareOptions } = {},
  ): Promise<ErrorReport> {
    fixture = await EmulatorFixture.start({ seed, ...options.emulator });
    const { session, prepared } = await fixture.open(profile, options.prepare);
    const caller = await session.whoAmI();
    const policy = await session.getPasswordPolicy();
    const error = await rejectionOf(session.changePassword(oldPassword, NEW_PASSWORD));
    assert.ok(error instanceof SessionFailure, String(error));
    assert.equal(error.code, 'AccessDenied');
    return describeError(error, { ...prepared.errorContext, caller, passwordPolicyKnown: policy.kind !== 'unknown' });
  }

  it('an explicit deny without MFA: shows how to add mfa_serial, and with it the change goes through', async function () {
    const seed = seedWith({}, { denyWithoutMfa: true });
    const report = await changeFails(seed, 'alice', ALICE_PASSWORD);
    assert.match(report.title, /a policy denies it \(AccessDenied, explicit deny\)/);
    assert.match(report.detail, /denies everything without MFA/);
    assert.ok(report.detail.includes('mfa_serial = arn:aws:iam::123456789012:mfa/DEVICE_NAME: the device'), report.detail);
    assert.ok(report.detail.includes(`[profile alice] in ${fixture?.files.configFile}`), report.detail);
    assert.equal(report.outcome, 'notChanged');

    // The advice works: the demo config's alice-mfa profile is alice with mfa_serial.
    const { session, prepared } = await (fixture ?? assert.fail()).open('alice-mfa', { mfaCode: ALICE_MFA_CODE });
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.deepEqual(prepared.mfaPrompts, [ALICE_SERIAL]);
    assert.equal(fixture?.emulator.passwordOf('alice'), NEW_PASSWORD);
  });

  it('no policy allows iam:ChangePassword: names the permission and the managed policy', async function () {
    const report = await changeFails(seedWith({ deniedActions: ['iam:ChangePassword'] }), 'alice', ALICE_PASSWORD);
    assert.match(report.title, /no policy allows this user iam:ChangePassword/);
    assert.match(report.detail, /IAMUserChangePassword/);
    assert.doesNotMatch(report.detail, /current password may be wrong/);
  });

  it('a wrong current password keeps its hint, and adds the policy when the profile could not read it', async function () {
    const known = await changeFails(demoSeed(), 'alice', 'Wrong-Horse-1');
    assert.match(known.title, /The old password is incorrect/);
    assert.match(known.detail, /current password may be wrong/);
    assert.doesNotMatch(known.detail, /may not meet/);
    await fixture?.stop();
    const unknown = await changeFails(seedWith({ deniedActions: ['iam:GetAccountPasswordPolicy'] }), 'alice', 'Wrong-Horse-1');
    assert.match(unknown.detail, /current password may be wrong.*or the new password may not meet the account's password policy/);
  });

  it("a policy violation IAM answers with AccessDenied, in the console's words", async function () {
    const consoleWords = 'Either user is not authorized to perform iam:ChangePassword or entered password does not comply with account password policy';
    const seed = seedWith({ deniedActions: ['iam:GetAccountPasswordPolicy'] });
    fixture = await EmulatorFixture.start({ seed, policyViolationError: { code: 'AccessDenied', status: 403, message: consoleWords } });
    const { session, prepared } = await fixture.open('alice');
    const caller = await session.whoAmI();
    assert.equal((await session.getPasswordPolicy()).kind, 'unknown');
    const error = await rejectionOf(session.changePassword(ALICE_PASSWORD, 'short'));
    const report = describeError(error, { ...prepared.errorContext, caller, passwordPolicyKnown: false });
    assert.ok(report.title.includes(consoleWords), report.title);
    assert.match(report.detail, /may not meet the account's password policy/);
    assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
  });
});

describe('Session keys that IAM refuses', function () {
  let fixture: EmulatorFixture | undefined;

  afterEach(async () => {
    await fixture?.stop();
    fixture = undefined;
  });

  it('a GetSessionToken session without MFA: STS accepts it, IAM answers InvalidClientTokenId, and the words say why and what to do, not "check your keys"', async function () {
    fixture = await EmulatorFixture.start({ seed: accountsSeed() });
    const { session, prepared } = await fixture.open(SESSION_TOOL_SESSIONS.withoutMfa.profileName);
    const caller = await session.whoAmI();
    assert.equal(caller.name, ACCOUNT_USERS.sessionTool.name);
    const error = await rejectionOf(session.getPasswordPolicy());
    assert.ok(error instanceof SessionFailure, String(error));
    assert.equal(error.code, 'InvalidClientTokenId');
    const report = describeError(error, { ...prepared.errorContext, caller });
    assert.equal(report.title, `IAM refuses the session keys of profile ${SESSION_TOOL_SESSIONS.withoutMfa.profileName} (InvalidClientTokenId).`);
    assert.match(report.detail, /session that was started without MFA, while STS accepts it.*mfa_serial.*--no-session/s);
    assert.doesNotMatch(report.detail, /aws configure/);

    // The same session started with MFA is taken by IAM: the words point the right way.
    const withMfa = await fixture.open(SESSION_TOOL_SESSIONS.withMfa.profileName);
    assert.notEqual((await withMfa.session.getPasswordPolicy()).kind, 'needsMfa');
  });
});

describe("AWS's MFA-enforcing policy, and a profile without mfa_serial", function () {
  let fixture: EmulatorFixture | undefined;

  afterEach(async () => {
    await fixture?.stop();
    fixture = undefined;
  });

  it('the policy call says MFA is needed, ListMFADevices names the device, and with its code the policy is read and the change goes through on the first try', async function () {
    const user = ACCOUNT_USERS.mfaEnforced;
    fixture = await EmulatorFixture.start({ seed: accountsSeed() });
    const { session, prepared } = await fixture.open(user.name, { mfaCode: user.mfaCode });
    assert.deepEqual(await session.getPasswordPolicy(), { kind: 'needsMfa' });
    assert.deepEqual(await session.mfaDevices(), [{ serial: user.mfaSerial, takesCode: true }]);
    session.useMfaDevice(user.mfaSerial ?? assert.fail());
    await session.signIn();
    assert.deepEqual(prepared.mfaPrompts, [user.mfaSerial]);
    const policy = await session.getPasswordPolicy();
    assert.equal(policy.kind === 'account' && policy.policy.MinimumPasswordLength, 12);
    await session.changePassword(user.password, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf(user.name), NEW_PASSWORD);
    assert.deepEqual(
      fixture.emulator.requests.filter((request) => request.action === 'ChangePassword').map((request) => request.outcome),
      ['Success'],
    );
  });

  it('a user whose only device is a passkey: listed as one the API cannot use', async function () {
    fixture = await EmulatorFixture.start({ seed: accountsSeed() });
    const { session } = await fixture.open(ACCOUNT_USERS.passkey.name);
    assert.deepEqual(await session.getPasswordPolicy(), { kind: 'needsMfa' });
    assert.deepEqual(await session.mfaDevices(), [{ serial: PASSKEY_SERIAL, takesCode: false }]);
  });

  it('a profile with mfa_serial signs with MFA from the start: the policy is read, nothing to find', async function () {
    const user = ACCOUNT_USERS.mfaEnforced;
    fixture = await EmulatorFixture.start({ seed: accountsSeed() });
    const { session } = await fixture.open(`${user.name}-mfa`, { mfaCode: user.mfaCode });
    assert.equal((await session.getPasswordPolicy()).kind, 'account');
  });
});
