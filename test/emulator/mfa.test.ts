import assert from 'node:assert/strict';
import { MfaCancelledError, SessionFailure, ErrorReport } from '../../src/aws/sessionFailure';
import { describeError } from '../../src/aws/describeFailure';
import { MfaSessionCache } from '../../src/aws/mfaSessionCache';
import { ALICE_MFA_CODE, ALICE_PASSWORD, CAROL_MFA_CODE, EmulatorFixture, NEW_PASSWORD, PreparedSession, rejectionOf } from './coreClientSupport';

const ALICE_SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const CAROL_SERIAL = 'arn:aws:iam::123456789012:mfa/carol';
const CAROL_PASSWORD = 'Carol-Secret-3';
const INVALID_MFA_LINE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

describe('MFA in the extension IAM client', function () {
  let fixture: EmulatorFixture;
  const open = (profile: string, mfaCode: string | undefined): ReturnType<EmulatorFixture['open']> => fixture.open(profile, { mfaCode });

  async function failure(prepared: PreparedSession, call: Promise<unknown>): Promise<{ error: SessionFailure; report: ErrorReport }> {
    const error = await rejectionOf(call);
    assert.ok(error instanceof SessionFailure, `expected a SessionFailure, got ${String(error)}`);
    return { error, report: describeError(error, prepared.errorContext) };
  }

  function requestsFor(action: string): number {
    return fixture.emulator.requests.filter((request) => request.action === action).length;
  }

  beforeEach(async function () {
    fixture = await EmulatorFixture.start();
  });

  afterEach(async function () {
    await fixture.stop();
  });

  describe('a role profile with mfa_serial (admin-role)', function () {
    it('asks once for the serial, and with the right code signs in as the role for STS and IAM alike', async function () {
      const { session, prepared } = await open('admin-role', ALICE_MFA_CODE);
      const identity = await session.whoAmI();
      assert.equal(identity.kind, 'assumed-role');
      assert.equal(identity.name, 'Admin');
      assert.equal((await session.getPasswordPolicy()).kind, 'account');
      assert.deepEqual(prepared.mfaPrompts, [ALICE_SERIAL]);
      assert.equal(requestsFor('AssumeRole'), 1);
      const roleCalls = fixture.emulator.requests.filter((r) => r.action !== 'AssumeRole');
      assert.deepEqual(
        roleCalls.map((r) => `${r.action} ${r.outcome}`),
        ['GetCallerIdentity Success', 'GetAccountPasswordPolicy Success'],
      );
      assert.ok(roleCalls.every((r) => r.caller === identity.arn));
    });

    it('a wrong code fails clearly: the code was not accepted, and nothing else was sent', async function () {
      const { session, prepared } = await open('admin-role', '000000');
      const { error, report } = await failure(prepared, session.whoAmI());
      assert.deepEqual(prepared.mfaPrompts, [ALICE_SERIAL]);
      assert.equal(error.code, 'AccessDenied');
      assert.match(report.title, /MFA code was not accepted \(AssumeRole: AccessDenied\)/);
      assert.match(report.detail, /GetCallerIdentity was not sent.*next code/);
      assert.doesNotMatch(`${report.title} ${report.detail}`, /permission|administrator/);
      assert.equal(report.cliLine, `An error occurred (AccessDenied) when calling the AssumeRole operation: ${INVALID_MFA_LINE}`);
      assert.deepEqual(
        fixture.emulator.requests.map((r) => `${r.action} ${r.outcome}`),
        ['AssumeRole AccessDenied'],
      );
    });

    it('a cancelled prompt: MfaCancelledError, nothing sent', async function () {
      const { session, prepared } = await open('admin-role', undefined);
      const { error, report } = await failure(prepared, session.whoAmI());
      assert.ok(error.cause instanceof MfaCancelledError);
      assert.equal(error.kind, 'cancelled');
      assert.equal(report.detail, 'Nothing was sent.');
      assert.equal(fixture.emulator.requests.length, 0);
    });
  });

  describe('a static-key profile with mfa_serial (carol-mfa)', function () {
    it('without MFA, carol is denied: the session is what makes IAM calls work', async function () {
      const { session, prepared } = await open('carol', undefined);
      const { report } = await failure(prepared, session.changePassword(CAROL_PASSWORD, NEW_PASSWORD));
      assert.match(report.cliLine, /AccessDenied.*user\/carol is not authorized to perform: iam:ChangePassword .*explicit deny/);
      assert.deepEqual(prepared.mfaPrompts, []);
    });

    it('gets a GetSessionToken session first, and a second session of the same window (the same cache) reuses it', async function () {
      const first = await open('carol-mfa', CAROL_MFA_CODE);
      const identity = await first.session.whoAmI();
      assert.equal(identity.arn, 'arn:aws:iam::123456789012:user/carol');
      await first.session.changePassword(CAROL_PASSWORD, NEW_PASSWORD);
      assert.equal(fixture.emulator.passwordOf('carol'), NEW_PASSWORD);
      assert.deepEqual(first.prepared.mfaPrompts, [CAROL_SERIAL]);
      assert.equal(requestsFor('GetSessionToken'), 1);
      const sessionKey = fixture.emulator.requests.find((r) => r.action === 'ChangePassword')?.accessKeyId;
      assert.match(sessionKey ?? '', /^ASIA/, 'ChangePassword was signed with the session, not the long-term key');

      const second = await open('carol-mfa', CAROL_MFA_CODE);
      assert.equal((await second.session.getPasswordPolicy()).kind, 'account');
      assert.deepEqual(second.prepared.mfaPrompts, [], 'the second connection did not ask again');
      assert.equal(requestsFor('GetSessionToken'), 1);
      assert.equal(fixture.emulator.requests[fixture.emulator.requests.length - 1].accessKeyId, sessionKey);
    });

    it('two sessions sharing one cache ask for one MFA code; once the cache is disposed, the next session asks again', async function () {
      const mfaSessions = new MfaSessionCache();
      const first = await fixture.open('carol-mfa', { mfaCode: CAROL_MFA_CODE, mfaSessions });
      const second = await fixture.open('carol-mfa', { mfaCode: CAROL_MFA_CODE, mfaSessions });
      await first.session.whoAmI();
      await second.session.whoAmI();
      assert.deepEqual([...first.prepared.mfaPrompts, ...second.prepared.mfaPrompts], [CAROL_SERIAL]);
      assert.equal(requestsFor('GetSessionToken'), 1);

      mfaSessions.dispose();
      const third = await fixture.open('carol-mfa', { mfaCode: CAROL_MFA_CODE, mfaSessions });
      await third.session.whoAmI();
      assert.deepEqual(third.prepared.mfaPrompts, [CAROL_SERIAL], 'the disposed cache held no session any more');
      assert.equal(requestsFor('GetSessionToken'), 2);
    });

    it('a wrong code fails clearly, and ChangePassword is never sent', async function () {
      const { session, prepared } = await open('carol-mfa', '000000');
      const { report } = await failure(prepared, session.changePassword(CAROL_PASSWORD, NEW_PASSWORD));
      assert.match(report.title, /MFA code was not accepted \(GetSessionToken: AccessDenied\)/);
      assert.match(report.detail, /ChangePassword was not sent/);
      assert.doesNotMatch(report.detail, /current password may be wrong/);
      assert.equal(report.outcome, 'notChanged');
      assert.equal(report.cliLine, `An error occurred (AccessDenied) when calling the GetSessionToken operation: ${INVALID_MFA_LINE}`);
      assert.equal(requestsFor('ChangePassword'), 0);
      assert.equal(fixture.emulator.passwordOf('carol'), CAROL_PASSWORD);
    });

    it('a cancelled prompt: a cancellation, describeError says nothing was sent, and no request reached the emulator', async function () {
      const { session, prepared } = await open('carol-mfa', undefined);
      const { error, report } = await failure(prepared, session.changePassword(CAROL_PASSWORD, NEW_PASSWORD));
      assert.ok(error.cause instanceof MfaCancelledError);
      assert.deepEqual(error.calls, []);
      assert.equal(report.title, 'Cancelled at the MFA prompt.');
      assert.equal(report.detail, 'Nothing was sent.');
      assert.equal(report.outcome, 'notChanged');
      assert.deepEqual(prepared.mfaPrompts, [CAROL_SERIAL]);
      assert.equal(fixture.emulator.requests.length, 0);
      assert.equal(fixture.emulator.passwordOf('carol'), CAROL_PASSWORD);
    });
  });

  it('alice-mfa: static keys with mfa_serial sign in as alice through a session', async function () {
    const { session, prepared } = await open('alice-mfa', ALICE_MFA_CODE);
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.deepEqual(prepared.mfaPrompts, [ALICE_SERIAL]);
    assert.deepEqual(
      fixture.emulator.requests.map((r) => r.action),
      ['GetSessionToken', 'ChangePassword'],
    );
  });
});
