import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { SessionFailure, ErrorReport } from '../../src/aws/sessionFailure';
import { cliErrorLine, describeError } from '../../src/aws/describeFailure';
import {
  ALICE_MFA_CODE,
  ALICE_PASSWORD,
  CAROL_MFA_CODE,
  EmulatorFixture,
  NEW_PASSWORD,
  operationAttempts,
  PreparedSession,
  PrepareOptions,
  rejectionOf,
} from './coreClientSupport';
import { INVALID_TOKEN_MESSAGE, SIGNATURE_MISMATCH_MESSAGE } from './errors';
import { DEFAULT_WRONG_PASSWORD_ERROR } from './index';
import { waitFor } from './testSupport';

const ALICE_KEY_ID = 'AKIADEMOALICE0000001';
const ALICE_SECRET = 'demoAliceSecretKey0000000000000000000001';
const CAROL_SECRET = 'demoCarolSecretKey0000000000000000000001';
const CAROL_PASSWORD = 'Carol-Secret-3';
const READONLY_SESSION_SECRET = 'demoReadOnlySecretKey0000000000000000001';
const READONLY_SESSION_TOKEN = 'demoReadOnlySessionToken0001';
const WRONG_PASSWORD = 'Wrong-Horse-1';

describe('the extension IAM client against the emulator', function () {
  let fixture: EmulatorFixture;
  const open = (profile: string, prepare: PrepareOptions = {}): ReturnType<EmulatorFixture['open']> => fixture.open(profile, prepare);

  /** The call's OperationError and what the user is told about it. */
  async function failure(prepared: PreparedSession, call: Promise<unknown>): Promise<{ error: SessionFailure; report: ErrorReport }> {
    const error = await rejectionOf(call);
    assert.ok(error instanceof SessionFailure, `expected a SessionFailure, got ${String(error)}`);
    return { error, report: describeError(error, prepared.errorContext) };
  }

  beforeEach(async function () {
    fixture = await EmulatorFixture.start();
  });

  afterEach(async function () {
    await fixture.stop();
  });

  it('signs for the region the SDK resolved, and names the extension in the user agent', async function () {
    const { session, prepared } = await open('alice', { settings: { region: 'eu-west-1' } });
    assert.equal((await session.whoAmI()).name, 'alice');
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    // At a configured endpoint the SDK signs IAM for the client's region, as the AWS CLI does.
    const scopes = fixture.emulator.requests.map((request) => `${request.action} ${request.signingRegion}`);
    assert.deepEqual(scopes, ['GetCallerIdentity eu-west-1', 'ChangePassword eu-west-1']);
    assert.equal(prepared.session.errorContext.endpoints[0].signingRegion, 'eu-west-1');
    assert.ok(
      fixture.emulator.requests.every((request) => / vscode-iam-password\/test( |$)/.test(request.userAgent ?? '')),
      fixture.emulator.requests[0].userAgent,
    );
  });

  it('a profile with use_fips_endpoint and no endpoint goes to the FIPS hosts the SDK resolves, and nothing is sent to learn it', async function () {
    appendFileSync(fixture.files.credentialsFile, `\n[fips]\naws_access_key_id = ${ALICE_KEY_ID}\naws_secret_access_key = ${ALICE_SECRET}\n`);
    appendFileSync(fixture.files.configFile, '\n[profile fips]\nregion = us-east-1\nuse_fips_endpoint = true\n');
    const { session, prepared } = await open('fips');
    assert.deepEqual(session.errorContext.endpoints[0], {
      url: 'https://iam-fips.amazonaws.com',
      signingRegion: 'us-east-1',
      source: 'the AWS endpoint for region us-east-1',
    });
    assert.equal(session.errorContext.endpoints[1].url, 'https://sts-fips.us-east-1.amazonaws.com');
    assert.ok(
      prepared.logger.at('info').some((line) => line.includes('region us-east-1 (FIPS): IAM https://iam-fips.amazonaws.com signed for us-east-1')),
      prepared.logger.text(),
    );
    assert.equal(fixture.emulator.requests.length, 0);
    assert.equal(prepared.logger.at('trace').length, 0, 'no request was traced');
  });

  describe('the same cases as the AWS CLI cross-check', function () {
    it('a user changes the password, and the emulator stores the new one', async function () {
      const { session } = await open('alice');
      const identity = await session.whoAmI();
      assert.equal(identity.kind, 'user');
      assert.equal(identity.arn, 'arn:aws:iam::123456789012:user/alice');
      await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
      assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
      assert.deepEqual(
        fixture.emulator.requests.map((r) => `${r.action} ${r.outcome}`),
        ['GetCallerIdentity Success', 'ChangePassword Success'],
      );
    });

    it('root credentials: InvalidUserType, explained as root', async function () {
      const { session, prepared } = await open('root');
      assert.equal((await session.whoAmI()).kind, 'root');
      const { report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
      assert.equal(report.cliLine, cliLine('InvalidUserType', 'Only IAM users can change their own password.'));
      assert.match(report.title, /root user/);
      assert.equal(report.outcome, 'notChanged');
    });

    it("a role profile assumes the role through the SDK's role assumer, is an assumed-role, and ChangePassword is AccessDenied", async function () {
      const { session, prepared } = await open('readonly-role');
      const identity = await session.whoAmI();
      assert.equal(identity.kind, 'assumed-role');
      assert.equal(identity.name, 'ReadOnly');
      assert.match(identity.arn, /^arn:aws:sts::123456789012:assumed-role\/ReadOnly\/aws-sdk-js-\d+$/);
      const { report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
      assert.equal(
        report.cliLine,
        cliLine(
          'AccessDenied',
          `User: ${identity.arn} is not authorized to perform: iam:ChangePassword on resource: * ` +
            'because no identity-based policy allows the iam:ChangePassword action',
        ),
      );
      const assumeRoles = fixture.emulator.requests.filter((r) => r.action === 'AssumeRole');
      assert.equal(assumeRoles.length, 1, 'one AssumeRole serves both the STS and the IAM client');
      assert.equal(assumeRoles[0].caller, 'arn:aws:iam::123456789012:user/alice');
      assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('a user without a console password: NoSuchEntity', async function () {
      const { session, prepared } = await open('bob');
      const { report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
      assert.equal(report.cliLine, cliLine('NoSuchEntity', 'Login Profile for User bob cannot be found.'));
      assert.match(report.title, /no console password/);
    });

    it('a wrong current password: AccessDenied, and the user is told it may be wrong', async function () {
      const { session, prepared } = await open('alice');
      const { report } = await failure(prepared, session.changePassword(WRONG_PASSWORD, NEW_PASSWORD));
      assert.equal(report.cliLine, cliLine('AccessDenied', DEFAULT_WRONG_PASSWORD_ERROR.message));
      assert.match(report.detail, /current password may be wrong/);
      assert.equal(report.outcome, 'notChanged');
      assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('repeated wrong current passwords: LimitExceeded, even with the right one', async function () {
      const { session, prepared } = await open('alice');
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await rejectionOf(session.changePassword(WRONG_PASSWORD, NEW_PASSWORD));
      }
      const { report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
      assert.equal(report.cliLine, cliLine('LimitExceeded', 'Too many invalid password change attempts. Try again later.'));
      assert.equal(fixture.changePasswordRequests(), 6, 'LimitExceeded is not retried, as in the CLI');
      assert.match(report.title, /too many attempts/);
      assert.equal(report.outcome, 'notChanged');
      assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('a new password against the policy: PasswordPolicyViolation naming the rule', async function () {
      const { session, prepared } = await open('alice');
      const { report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, 'no-uppercase-123'));
      const rule = 'Password should have at least one uppercase letter';
      assert.equal(report.cliLine, cliLine('PasswordPolicyViolation', rule));
      assert.ok(report.title.includes(rule), report.title);
      assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('a wrong secret key: SignatureDoesNotMatch, a credentials problem', async function () {
      fixture.addStaticProfile('alice-wrong-secret', ALICE_KEY_ID, 'not-the-secret');
      const { session, prepared } = await open('alice-wrong-secret');
      const { report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
      assert.equal(report.cliLine, cliLine('SignatureDoesNotMatch', SIGNATURE_MISMATCH_MESSAGE));
      assert.match(report.title, /credentials of profile alice-wrong-secret were refused/);
      assert.deepEqual(report.actions, ['switchProfile', 'showLogs']);
    });

    it('an unknown access key: InvalidClientTokenId, a credentials problem', async function () {
      fixture.addStaticProfile('unknown-key', 'AKIAUNKNOWN000000000', 'not-the-secret');
      const { session, prepared } = await open('unknown-key');
      const { report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
      assert.equal(report.cliLine, cliLine('InvalidClientTokenId', INVALID_TOKEN_MESSAGE));
      assert.match(report.title, /credentials of profile unknown-key were refused/);
    });

    it("getPasswordPolicy: the account's policy, then AWS's default when there is none", async function () {
      const { session } = await open('alice');
      assert.deepEqual(await session.getPasswordPolicy(), {
        kind: 'account',
        policy: {
          MinimumPasswordLength: 12,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true,
          ExpirePasswords: true,
          MaxPasswordAge: 90,
          PasswordReusePrevention: 3,
        },
      });
      fixture.emulator.setPasswordPolicy(undefined);
      assert.deepEqual(await session.getPasswordPolicy(), { kind: 'default' });
    });
  });

  describe('timeouts and retries come from the options', function () {
    it('a reply slower than readTimeoutMs is a TimeoutError pointing at the read timeout', async function () {
      fixture.emulator.injectFault({ kind: 'latency', ms: 1000, action: 'GetAccountPasswordPolicy' });
      const { session, prepared } = await open('alice', { settings: { readTimeoutSeconds: 0.3, maxAttempts: 1 } });
      const started = Date.now();
      const { error, report } = await failure(prepared, session.getPasswordPolicy());
      assert.ok(Date.now() - started < 900, 'gave up at the read timeout, not when the reply came');
      assert.equal(error.code, 'TimeoutError');
      assert.equal(report.setting, 'iamPassword.readTimeoutSeconds');
      assert.match(report.title, /did not answer GetAccountPasswordPolicy \(no answer within 0\.3 s\)/);
    });

    it('a ChangePassword that times out may still be applied, and the user is told so', async function () {
      fixture.emulator.injectFault({ kind: 'latency', ms: 800, action: 'ChangePassword' });
      const { session, prepared } = await open('alice', { settings: { readTimeoutSeconds: 0.3, maxAttempts: 1 } });
      const { error, report } = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
      assert.equal(error.code, 'TimeoutError');
      assert.equal(report.outcome, 'mayHaveChanged');
      assert.match(report.title, /may have happened.*no answer within 0\.3 s/);
      // The emulator applies the change after the client gave up: "may have" was the honest answer.
      await waitFor(() => fixture.emulator.requests[0]?.outcome === 'Success');
      assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    });

    it('ChangePassword goes on the kept-alive connection the policy call opened', async function () {
      const { session } = await open('alice');
      await session.getPasswordPolicy();
      await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
      const connections = fixture.emulator.requests.map((r) => `${r.action} ${r.connection}`);
      const [policy, change] = fixture.emulator.requests.map((r) => r.connection);
      assert.equal(change, policy, `kept alive: ${connections.join(', ')}`);
    });

    for (const maxAttempts of [1, 2, 4]) {
      it(`maxAttempts ${maxAttempts}: GetAccountPasswordPolicy is retried up to that many times; ChangePassword is sent once`, async function () {
        fixture.emulator.injectFault({ kind: 'serviceFailure', action: 'GetAccountPasswordPolicy', count: 10 });
        const { session, prepared } = await open('alice', { settings: { maxAttempts } });
        const { error, report } = await failure(prepared, session.getPasswordPolicy());
        const policyRequests = fixture.emulator.requests.filter((r) => r.action === 'GetAccountPasswordPolicy').length;
        assert.equal(policyRequests, maxAttempts);
        assert.deepEqual(
          error.calls.map((call) => call.action),
          ['GetAccountPasswordPolicy'],
          'one call, with its retries',
        );
        const attempts = operationAttempts(error);
        assert.equal(attempts.length, maxAttempts);
        assert.ok(attempts.every((a) => a.written && a.status === 500));
        assert.match(report.title, new RegExp(`\\(attempts: ${maxAttempts}\\)\\.`));
        assert.equal(report.cliLine, cliErrorLine('ServiceFailure', 'GetAccountPasswordPolicy', error.message, maxAttempts));

        fixture.emulator.injectFault({ kind: 'serviceFailure', action: 'ChangePassword', count: 10 });
        const change = await failure(prepared, session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
        assert.equal(fixture.changePasswordRequests(), 1, 'a ChangePassword that reached IAM is never sent again');
        assert.equal(change.report.outcome, 'mayHaveChanged');
      });
    }
  });

  describe('redaction at Trace', function () {
    it('no log line holds a password, secret key, session token or MFA code', async function () {
      const secrets = [
        ALICE_PASSWORD,
        NEW_PASSWORD,
        WRONG_PASSWORD,
        CAROL_PASSWORD,
        ALICE_SECRET,
        CAROL_SECRET,
        READONLY_SESSION_SECRET,
        READONLY_SESSION_TOKEN,
      ];
      const runs = [
        // A success with an MFA session (GetSessionToken: MFA code out, secret key and token back).
        { profile: 'carol-mfa', mfaCode: CAROL_MFA_CODE, change: [CAROL_PASSWORD, NEW_PASSWORD], fails: false },
        // A failure with plain keys.
        { profile: 'alice', change: [WRONG_PASSWORD, NEW_PASSWORD], fails: true },
        // A role with MFA (AssumeRole: MFA code out, session back), refused.
        { profile: 'admin-role', mfaCode: ALICE_MFA_CODE, change: [ALICE_PASSWORD, NEW_PASSWORD], fails: true },
        // Temporary keys from the config file.
        { profile: 'readonly-session', change: [ALICE_PASSWORD, NEW_PASSWORD], fails: true },
      ];
      for (const run of runs) {
        const { session, prepared } = await open(run.profile, { mfaCode: run.mfaCode });
        await session.whoAmI();
        const outcome = await session.changePassword(run.change[0], run.change[1]).then(
          () => 'changed',
          (error: unknown) => {
            const report = describeError(error, prepared.errorContext);
            return [report.title, report.detail, report.cliLine, (error as Error).message].join('\n');
          },
        );
        assert.equal(outcome !== 'changed', run.fails, `${run.profile}: ${outcome}`);
        const log = prepared.logger.text();
        for (const secret of secrets) {
          for (const form of encodedForms(secret)) {
            assert.ok(!log.includes(form), `${run.profile}: the log holds a secret`);
            assert.ok(!outcome.includes(form), `${run.profile}: the error report holds a secret`);
          }
        }
        if (run.mfaCode) {
          assert.doesNotMatch(log, new RegExp(`(?<!\\w)${run.mfaCode}(?!\\w)`), `${run.profile}: the log holds the MFA code`);
          assert.match(log, /TokenCode=\*\*\*/);
          assert.match(log, /<SecretAccessKey>\*\*\*<\/SecretAccessKey><SessionToken>\*\*\*<\/SessionToken>/);
        }
        assert.doesNotMatch(log, /<(SecretAccessKey|SessionToken)>(?!\*\*\*<)/, `${run.profile}: a credential element is not redacted`);
        assert.doesNotMatch(log, /"x-amz-security-token":"(?!\*\*\*")/, `${run.profile}: a session token header is not redacted`);
        assert.doesNotMatch(log, /Signature=(?!\*\*\*)/);
        const requestLines = prepared.logger.at('trace').filter((line) => line.startsWith('-> POST') && line.includes('(ChangePassword'));
        assert.equal(requestLines.length, 1, `${run.profile}: one ChangePassword request logged`);
        assert.match(requestLines[0], /Action=ChangePassword&Version=2010-05-08&OldPassword=\*\*\*&NewPassword=\*\*\*$/);
      }
      assert.equal(fixture.emulator.passwordOf('carol'), NEW_PASSWORD);
    });
  });
});

/** The AWS CLI's stderr line for a ChangePassword that failed once, without retries. */
function cliLine(code: string, message: string): string {
  return `An error occurred (${code}) when calling the ChangePassword operation: ${message}`;
}

/** A secret as it could appear in a log: raw, or URL-encoded the way the SDK encodes a form body. */
function encodedForms(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  return [secret, uri, uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)];
}
