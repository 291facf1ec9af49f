import assert from 'node:assert/strict';
import https from 'node:https';
import {
  ChangePasswordCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  type IAMClientConfig,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { demoSeed, startEmulator, type Emulator, type EmulatorOptions } from './index';
import { SIGNATURE_MISMATCH_MESSAGE } from './errors';
import { STS_NAMESPACE } from './xml';
import { expectServiceError, postRaw, postSigned, waitFor } from './testSupport';

const seed = demoSeed();
const [alice, bob, carol] = seed.users ?? [];
const aliceKeys = alice.accessKeys?.[0] ?? assert.fail('demo alice has keys');
const bobKeys = bob.accessKeys?.[0] ?? assert.fail('demo bob has keys');
const carolKeys = carol.accessKeys?.[0] ?? assert.fail('demo carol has keys');
const rootKeys = seed.account.rootAccessKeys?.[0] ?? assert.fail('demo root has keys');
const ALICE_PASSWORD = 'Correct-Horse-1';
const CAROL_PASSWORD = 'Carol-Secret-3';
const NEW_PASSWORD = 'Fresh-Start-2026!';
const ALICE_MFA = { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', TokenCode: '123456' };
const CAROL_MFA = { SerialNumber: 'arn:aws:iam::123456789012:mfa/carol', TokenCode: '654321' };

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

describe('emulator with the AWS SDK v3', function () {
  let emulator: Emulator;
  const clients: Array<IAMClient | STSClient> = [];

  async function restart(options: EmulatorOptions = {}): Promise<void> {
    await emulator?.stop();
    emulator = await startEmulator(options);
  }

  function iam(credentials: Credentials, config: Partial<IAMClientConfig> = {}): IAMClient {
    const client = new IAMClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1, ...config });
    clients.push(client);
    return client;
  }

  function sts(credentials: Credentials, config: Partial<STSClientConfig> = {}): STSClient {
    const client = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1, ...config });
    clients.push(client);
    return client;
  }

  function changePassword(client: IAMClient, OldPassword: string, NewPassword: string): Promise<unknown> {
    return client.send(new ChangePasswordCommand({ OldPassword, NewPassword }));
  }

  beforeEach(async function () {
    emulator = await startEmulator({ seed: demoSeed() });
  });

  afterEach(async function () {
    clients.splice(0).forEach((client) => client.destroy());
    await emulator.stop();
  });

  describe('identity', function () {
    it('GetCallerIdentity names users, root, role sessions and federated users', async function () {
      const roleSession = emulator.createSession({ type: 'assumed-role', roleName: 'ReadOnly', sessionName: 'tests' });
      const federated = emulator.createSession({ type: 'federated-user', name: 'erin' });
      const identities = await Promise.all([aliceKeys, rootKeys, roleSession, federated].map((keys) => sts(keys).send(new GetCallerIdentityCommand({}))));
      assert.deepEqual(
        identities.map(({ Arn, Account }) => ({ Arn, Account })),
        [
          { Arn: 'arn:aws:iam::123456789012:user/alice', Account: '123456789012' },
          { Arn: 'arn:aws:iam::123456789012:root', Account: '123456789012' },
          { Arn: 'arn:aws:sts::123456789012:assumed-role/ReadOnly/tests', Account: '123456789012' },
          { Arn: 'arn:aws:sts::123456789012:federated-user/erin', Account: '123456789012' },
        ],
      );
      assert.match(identities[0].UserId ?? '', /^AIDA[A-Z2-7]{17}$/);
      assert.equal(identities[1].UserId, '123456789012');
      assert.match(identities[2].UserId ?? '', /^AROA[A-Z2-7]{17}:tests$/);
      assert.equal(identities[3].UserId, '123456789012:erin');
    });

    it('GetUser and GetLoginProfile describe the calling user', async function () {
      const client = iam(aliceKeys);
      const { User } = await client.send(new GetUserCommand({}));
      assert.equal(User?.UserName, 'alice');
      assert.equal(User?.Arn, 'arn:aws:iam::123456789012:user/alice');
      assert.ok(User?.CreateDate instanceof Date);
      const { LoginProfile } = await client.send(new GetLoginProfileCommand({}));
      assert.equal(LoginProfile?.UserName, 'alice');
      assert.equal(LoginProfile?.PasswordResetRequired, false);
      await expectServiceError(
        client.send(new GetLoginProfileCommand({ UserName: 'bob' })),
        'NoSuchEntityException',
        404,
        'Login Profile for User bob cannot be found.',
      );
      await expectServiceError(
        iam(federatedKeys()).send(new GetUserCommand({})),
        'ValidationError',
        400,
        'Must specify userName when calling with non-User credentials',
      );
    });
  });

  function federatedKeys(): Credentials {
    return emulator.createSession({ type: 'federated-user', name: 'erin' });
  }

  describe('ChangePassword', function () {
    it('changes the stored password and then accepts the new one as current', async function () {
      const client = iam(aliceKeys);
      await changePassword(client, ALICE_PASSWORD, NEW_PASSWORD);
      assert.equal(emulator.passwordOf('alice'), NEW_PASSWORD);
      await changePassword(client, NEW_PASSWORD, 'Another-Fresh-2027!');
      assert.equal(emulator.passwordOf('alice'), 'Another-Fresh-2027!');
    });

    it('refuses root credentials with InvalidUserType', async function () {
      await expectServiceError(changePassword(iam(rootKeys), 'Whatever-1', NEW_PASSWORD), 'InvalidUserTypeException', 400);
    });

    it('refuses assumed-role and federated sessions with AccessDenied', async function () {
      const roleSession = emulator.createSession({ type: 'assumed-role', roleName: 'ReadOnly', sessionName: 's' });
      for (const keys of [roleSession, federatedKeys()]) {
        await expectServiceError(
          changePassword(iam(keys), ALICE_PASSWORD, NEW_PASSWORD),
          'AccessDenied',
          403,
          /is not authorized to perform: iam:ChangePassword/,
        );
      }
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('answers NoSuchEntity for a user without a console password', async function () {
      await expectServiceError(
        changePassword(iam(bobKeys), 'Whatever-1', NEW_PASSWORD),
        'NoSuchEntityException',
        404,
        'Login Profile for User bob cannot be found.',
      );
    });

    it('refuses a wrong current password without saying more, and counts it', async function () {
      const error = await expectServiceError(changePassword(iam(aliceKeys), 'Wrong-Horse-1', NEW_PASSWORD), 'AccessDenied', 403);
      assert.doesNotMatch(error.message, /Wrong-Horse-1|Fresh-Start/);
      assert.equal(emulator.failedAttemptsOf('alice'), 1);
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('uses the configured error for a wrong current password', async function () {
      await restart({ wrongPasswordError: { code: 'InvalidInput', status: 400, message: 'Incorrect password.' } });
      await expectServiceError(changePassword(iam(aliceKeys), 'Wrong-Horse-1', NEW_PASSWORD), 'InvalidInputException', 400, 'Incorrect password.');
    });

    it('answers LimitExceeded after the configured number of wrong attempts, even to the right password', async function () {
      await restart({ maxFailedPasswordAttempts: 3 });
      const client = iam(aliceKeys);
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await expectServiceError(changePassword(client, `Wrong-Horse-${attempt}`, NEW_PASSWORD), 'AccessDenied', 403);
      }
      await expectServiceError(changePassword(client, ALICE_PASSWORD, NEW_PASSWORD), 'LimitExceededException', 409);
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('locks after five wrong attempts by default', async function () {
      const client = iam(aliceKeys);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await expectServiceError(changePassword(client, `Wrong-Horse-${attempt}`, NEW_PASSWORD), 'AccessDenied', 403);
      }
      await expectServiceError(changePassword(client, 'Wrong-Horse-6', NEW_PASSWORD), 'LimitExceededException', 409);
    });

    it('names the policy rule a new password breaks', async function () {
      const client = iam(aliceKeys);
      const cases: Array<[string, string]> = [
        ['Short-1a', 'Password should have a minimum length of 12'],
        ['no-uppercase-123', 'Password should have at least one uppercase letter'],
        ['NO-LOWERCASE-123', 'Password should have at least one lowercase letter'],
        ['No-Numbers-Here', 'Password should have at least one number'],
        ['NoSymbolsHere123', 'Password should have at least one symbol'],
        [ALICE_PASSWORD, 'Password should not be the same as the current password'],
        ['Battery-Staple-2', 'Password should not be one of your previous 3 passwords'],
      ];
      for (const [candidate, message] of cases) {
        await expectServiceError(changePassword(client, ALICE_PASSWORD, candidate), 'PasswordPolicyViolationException', 400, message);
      }
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
      assert.equal(emulator.failedAttemptsOf('alice'), 0);
    });

    it("applies AWS's default rules when no policy is set", async function () {
      emulator.setPasswordPolicy(undefined);
      const client = iam(aliceKeys);
      await expectServiceError(
        client.send(new GetAccountPasswordPolicyCommand({})),
        'NoSuchEntityException',
        404,
        'The Password Policy with domain name 123456789012 cannot be found.',
      );
      await expectServiceError(changePassword(client, ALICE_PASSWORD, 'Short1!'), 'PasswordPolicyViolationException', 400, /minimum length of 8/);
      await expectServiceError(changePassword(client, ALICE_PASSWORD, 'onlylowercase123'), 'PasswordPolicyViolationException', 400, /at least three of/);
      await changePassword(client, ALICE_PASSWORD, 'Lower-and-symbols');
      assert.equal(emulator.passwordOf('alice'), 'Lower-and-symbols');
    });

    it('refuses every change when the policy does not allow users to change passwords', async function () {
      emulator.setPasswordPolicy({ MinimumPasswordLength: 8, AllowUsersToChangePassword: false });
      await expectServiceError(changePassword(iam(aliceKeys), ALICE_PASSWORD, NEW_PASSWORD), 'AccessDenied', 403);
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('validates parameter length and characters like AWS, without echoing the value', async function () {
      const client = iam(aliceKeys);
      const tooLong = `Aa1!${'x'.repeat(125)}`;
      const error = await expectServiceError(
        changePassword(client, ALICE_PASSWORD, tooLong),
        'ValidationError',
        400,
        "1 validation error detected: Value at 'newPassword' failed to satisfy constraint: " + 'Member must have length less than or equal to 128',
      );
      assert.doesNotMatch(error.message, /xxxx/);
      await expectServiceError(
        changePassword(client, '', 'Euro-Sign-€-2026'),
        'ValidationError',
        400,
        /^2 validation errors detected: Value at 'oldPassword'.*length greater than or equal to 1; Value at 'newPassword'.*regular expression pattern/,
      );
      await changePassword(client, ALICE_PASSWORD, 'Latin-1-ÿ-is-fine-9');
      assert.equal(emulator.passwordOf('alice'), 'Latin-1-ÿ-is-fine-9');
    });
  });

  describe('GetAccountPasswordPolicy', function () {
    it('returns the seeded policy', async function () {
      const { PasswordPolicy } = await iam(aliceKeys).send(new GetAccountPasswordPolicyCommand({}));
      assert.deepEqual(PasswordPolicy, {
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 3,
      });
    });

    it('is refused to a user the seed denies it', async function () {
      const denied = demoSeed();
      denied.users = (denied.users ?? []).map((user) => (user.name === 'alice' ? { ...user, deniedActions: ['iam:GetAccountPasswordPolicy'] } : user));
      await restart({ seed: denied });
      await expectServiceError(
        iam(aliceKeys).send(new GetAccountPasswordPolicyCommand({})),
        'AccessDenied',
        403,
        'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:GetAccountPasswordPolicy ' +
          'on resource: * because no identity-based policy allows the iam:GetAccountPasswordPolicy action',
      );
    });
  });

  describe('authentication', function () {
    it('refuses a request signed with the wrong secret', async function () {
      await expectServiceError(
        changePassword(iam({ ...aliceKeys, secretAccessKey: 'not-the-secret' }), ALICE_PASSWORD, NEW_PASSWORD),
        'SignatureDoesNotMatch',
        403,
        SIGNATURE_MISMATCH_MESSAGE,
      );
      await expectServiceError(sts({ ...aliceKeys, secretAccessKey: 'not-the-secret' }).send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', 403);
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
    });

    it('refuses an unknown access key', async function () {
      await expectServiceError(
        sts({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})),
        'InvalidClientTokenId',
        403,
        'The security token included in the request is invalid.',
      );
    });

    it("refuses a request signed more than 15 minutes off, and the SDK takes the server's Date for its next call", async function () {
      const skewed = sts(aliceKeys, { systemClockOffset: -20 * 60 * 1000 });
      await expectServiceError(
        skewed.send(new GetCallerIdentityCommand({})),
        'SignatureDoesNotMatch',
        403,
        /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
      );
      const { Arn } = await skewed.send(new GetCallerIdentityCommand({}));
      assert.equal(Arn, 'arn:aws:iam::123456789012:user/alice');
      assert.deepEqual(
        emulator.requests.map((request) => request.outcome),
        ['SignatureDoesNotMatch', 'Success'],
      );
    });

    it('checks the session token of temporary credentials and their expiry', async function () {
      const session = emulator.createSession({ type: 'user', userName: 'alice' });
      await sts(session).send(new GetCallerIdentityCommand({}));
      await expectServiceError(sts({ ...session, sessionToken: 'forged' }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
      await expectServiceError(
        sts({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey }).send(new GetCallerIdentityCommand({})),
        'InvalidClientTokenId',
        403,
      );
      const expired = emulator.createSession({ type: 'user', userName: 'alice' }, { durationSeconds: -1 });
      await expectServiceError(
        sts(expired).send(new GetCallerIdentityCommand({})),
        'ExpiredToken',
        403,
        'The security token included in the request is expired',
      );
    });

    it('answers in the Query XML shapes with a request id', async function () {
      const ok = await postSigned(emulator.url, 'sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, aliceKeys);
      const requestId = String(ok.headers['x-amzn-requestid']);
      assert.equal(ok.status, 200);
      assert.ok(ok.body.startsWith(`<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}"><GetCallerIdentityResult>`), ok.body);
      assert.ok(ok.body.includes(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`));

      const unknown = await postSigned(emulator.url, 'iam', { Action: 'DeleteUser', Version: '2010-05-08' }, aliceKeys);
      assert.equal(unknown.status, 400);
      assert.equal(
        unknown.body.trim(),
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>' +
          '<Code>InvalidAction</Code><Message>Could not find operation DeleteUser for version 2010-05-08</Message></Error>' +
          `<RequestId>${String(unknown.headers['x-amzn-requestid'])}</RequestId></ErrorResponse>`,
      );

      const unsigned = await postRaw(emulator.url, 'Action=GetCallerIdentity&Version=2011-06-15');
      assert.equal(unsigned.status, 403);
      assert.ok(unsigned.body.startsWith(`<ErrorResponse xmlns="${STS_NAMESPACE}">`), unsigned.body);
      assert.ok(unsigned.body.includes('<Code>MissingAuthenticationToken</Code>'), unsigned.body);
    });
  });

  describe('STS sessions', function () {
    it('GetSessionToken with a valid MFA code gives credentials that may call IAM', async function () {
      await expectServiceError(changePassword(iam(carolKeys), CAROL_PASSWORD, NEW_PASSWORD), 'AccessDenied', 403, /explicit deny/);
      const { Credentials } = await sts(carolKeys).send(new GetSessionTokenCommand({ DurationSeconds: 900, ...CAROL_MFA }));
      assert.match(Credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
      const expiresInSeconds = ((Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 1000;
      assert.ok(expiresInSeconds > 890 && expiresInSeconds <= 900, `expires in ${expiresInSeconds} s`);
      const session = {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretAccessKey ?? '',
        sessionToken: Credentials?.SessionToken ?? '',
      };
      await changePassword(iam(session), CAROL_PASSWORD, NEW_PASSWORD);
      assert.equal(emulator.passwordOf('carol'), NEW_PASSWORD);
    });

    it('GetSessionToken without MFA gives credentials that IAM refuses', async function () {
      const { Credentials } = await sts(aliceKeys).send(new GetSessionTokenCommand({}));
      const session = {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretAccessKey ?? '',
        sessionToken: Credentials?.SessionToken ?? '',
      };
      const { Arn } = await sts(session).send(new GetCallerIdentityCommand({}));
      assert.equal(Arn, 'arn:aws:iam::123456789012:user/alice');
      await expectServiceError(changePassword(iam(session), ALICE_PASSWORD, NEW_PASSWORD), 'InvalidClientTokenId', 403);
    });

    it('GetSessionToken refuses a wrong MFA code and a bad duration', async function () {
      await expectServiceError(
        sts(aliceKeys).send(new GetSessionTokenCommand({ ...ALICE_MFA, TokenCode: '000000' })),
        'AccessDenied',
        403,
        'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      );
      await expectServiceError(
        sts(aliceKeys).send(new GetSessionTokenCommand({ DurationSeconds: 60 })),
        'ValidationError',
        400,
        "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: " + 'Member must have value greater than or equal to 900',
      );
    });

    it('AssumeRole checks trust and MFA', async function () {
      const readOnly = 'arn:aws:iam::123456789012:role/ReadOnly';
      const admin = 'arn:aws:iam::123456789012:role/Admin';
      const { AssumedRoleUser, Credentials } = await sts(aliceKeys).send(new AssumeRoleCommand({ RoleArn: readOnly, RoleSessionName: 'alice-session' }));
      assert.equal(AssumedRoleUser?.Arn, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/alice-session');
      const roleKeys = {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretAccessKey ?? '',
        sessionToken: Credentials?.SessionToken ?? '',
      };
      await expectServiceError(changePassword(iam(roleKeys), ALICE_PASSWORD, NEW_PASSWORD), 'AccessDenied', 403);
      await expectServiceError(
        sts(bobKeys).send(new AssumeRoleCommand({ RoleArn: readOnly, RoleSessionName: 'bob' })),
        'AccessDenied',
        403,
        `User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:AssumeRole on resource: ${readOnly}`,
      );
      await expectServiceError(sts(aliceKeys).send(new AssumeRoleCommand({ RoleArn: admin, RoleSessionName: 'no-mfa' })), 'AccessDenied', 403);
      const withMfa = await sts(aliceKeys).send(new AssumeRoleCommand({ RoleArn: admin, RoleSessionName: 'admin', ...ALICE_MFA }));
      assert.equal(withMfa.AssumedRoleUser?.Arn, 'arn:aws:sts::123456789012:assumed-role/Admin/admin');
      await expectServiceError(
        sts(rootKeys).send(new AssumeRoleCommand({ RoleArn: readOnly, RoleSessionName: 'root' })),
        'AccessDenied',
        403,
        'Roles may not be assumed by root accounts.',
      );
    });
  });

  describe('HTTPS', function () {
    it('works when the emulator certificate is trusted and fails when it is not', async function () {
      await restart({ https: true });
      const httpsUrl = emulator.httpsUrl ?? assert.fail('httpsUrl is set');
      const trusted = sts(aliceKeys, {
        endpoint: httpsUrl,
        requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ ca: emulator.caCertPem }) }),
      });
      const { Arn } = await trusted.send(new GetCallerIdentityCommand({}));
      assert.equal(Arn, 'arn:aws:iam::123456789012:user/alice');
      const untrusted = sts(aliceKeys, { endpoint: httpsUrl });
      await assert.rejects(untrusted.send(new GetCallerIdentityCommand({})), (error: NodeJS.ErrnoException) => {
        assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
        return true;
      });
    });
  });

  describe('faults', function () {
    it('latency delays the response', async function () {
      emulator.injectFault({ kind: 'latency', ms: 300 });
      const started = Date.now();
      await sts(aliceKeys).send(new GetCallerIdentityCommand({}));
      assert.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`);
      assert.equal(emulator.requests[0].latencyMs, 300);
    });

    it('ServiceFailure 500 is retried by the SDK', async function () {
      emulator.injectFault({ kind: 'serviceFailure', action: 'ChangePassword', count: 2 });
      await changePassword(iam(aliceKeys, { maxAttempts: 3 }), ALICE_PASSWORD, NEW_PASSWORD);
      assert.deepEqual(
        emulator.requests.map(({ action, fault, outcome, status }) => ({ action, fault, outcome, status })),
        [
          { action: 'ChangePassword', fault: 'serviceFailure', outcome: 'ServiceFailure', status: 500 },
          { action: 'ChangePassword', fault: 'serviceFailure', outcome: 'ServiceFailure', status: 500 },
          { action: 'ChangePassword', fault: undefined, outcome: 'Success', status: 200 },
        ],
      );
      assert.equal(emulator.passwordOf('alice'), NEW_PASSWORD);
      emulator.injectFault({ kind: 'serviceFailure' });
      await expectServiceError(changePassword(iam(aliceKeys), NEW_PASSWORD, 'Another-Fresh-2027!'), 'ServiceFailureException', 500);
    });

    it('Throttling is retried and EntityTemporarilyUnmodifiable is not', async function () {
      emulator.injectFault({ kind: 'throttling' });
      const { Arn } = await sts(aliceKeys, { maxAttempts: 2 }).send(new GetCallerIdentityCommand({}));
      assert.equal(Arn, 'arn:aws:iam::123456789012:user/alice');
      assert.deepEqual(
        emulator.requests.map((request) => request.status),
        [400, 200],
      );
      emulator.injectFault({ kind: 'throttling' });
      await expectServiceError(sts(aliceKeys).send(new GetCallerIdentityCommand({})), 'Throttling', 400, 'Rate exceeded');
      emulator.injectFault({ kind: 'entityTemporarilyUnmodifiable' });
      await expectServiceError(changePassword(iam(aliceKeys, { maxAttempts: 3 }), ALICE_PASSWORD, NEW_PASSWORD), 'EntityTemporarilyUnmodifiableException', 409);
      assert.equal(emulator.requests.length, 4);
    });

    it('a reset before the change leaves the password as it was', async function () {
      emulator.injectFault({ kind: 'resetBeforeApply', action: 'ChangePassword' });
      await assert.rejects(changePassword(iam(aliceKeys), ALICE_PASSWORD, NEW_PASSWORD), /ECONNRESET|socket hang up/);
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
      assert.equal(emulator.requests[0].outcome, 'NotProcessed');
    });

    it('a reset after the change leaves the new password, and a blind retry then fails', async function () {
      emulator.injectFault({ kind: 'resetAfterApply', action: 'ChangePassword' });
      await assert.rejects(changePassword(iam(aliceKeys), ALICE_PASSWORD, NEW_PASSWORD), /ECONNRESET|socket hang up/);
      assert.equal(emulator.passwordOf('alice'), NEW_PASSWORD);
      assert.deepEqual(
        emulator.requests.map(({ outcome, status }) => ({ outcome, status })),
        [{ outcome: 'Success', status: undefined }],
      );

      emulator.injectFault({ kind: 'resetAfterApply', action: 'ChangePassword' });
      await expectServiceError(changePassword(iam(aliceKeys, { maxAttempts: 2 }), NEW_PASSWORD, 'Another-Fresh-2027!'), 'AccessDenied', 403);
      assert.equal(emulator.passwordOf('alice'), 'Another-Fresh-2027!');
    });

    it('a response that never comes times out the client, changes nothing, and stop() is quick', async function () {
      emulator.injectFault({ kind: 'noResponse' });
      const client = iam(aliceKeys, {
        requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }),
      });
      await assert.rejects(changePassword(client, ALICE_PASSWORD, NEW_PASSWORD), (error: Error) => {
        assert.equal(error.name, 'TimeoutError');
        return true;
      });
      assert.equal(emulator.passwordOf('alice'), ALICE_PASSWORD);
      emulator.injectFault({ kind: 'noResponse' });
      const pending = changePassword(iam(aliceKeys), ALICE_PASSWORD, NEW_PASSWORD);
      await waitFor(() => emulator.requests.length === 2);
      const started = Date.now();
      await emulator.stop();
      assert.ok(Date.now() - started < 500, `stop took ${Date.now() - started} ms`);
      await assert.rejects(pending);
    });

    it('malformed XML makes the SDK fail to parse the reply, after the change was applied', async function () {
      emulator.injectFault({ kind: 'malformedXml', action: 'ChangePassword' });
      await assert.rejects(changePassword(iam(aliceKeys), ALICE_PASSWORD, NEW_PASSWORD), /XML parse error/);
      assert.equal(emulator.passwordOf('alice'), NEW_PASSWORD);
      emulator.injectFault({ kind: 'malformedXml' });
      await assert.rejects(sts(aliceKeys).send(new GetCallerIdentityCommand({})), /XML parse error/);
      assert.deepEqual(
        emulator.requests.map(({ outcome, status }) => ({ outcome, status })),
        [
          { outcome: 'Success', status: 200 },
          { outcome: 'Success', status: 200 },
        ],
      );
    });

    it('matches faults by action, fires them count times, and clears them', async function () {
      emulator.injectFault({ kind: 'throttling', action: 'ChangePassword', count: 2 });
      const client = sts(aliceKeys);
      await client.send(new GetCallerIdentityCommand({}));
      await expectServiceError(changePassword(iam(aliceKeys), ALICE_PASSWORD, NEW_PASSWORD), 'Throttling', 400);
      emulator.clearFaults();
      await changePassword(iam(aliceKeys), ALICE_PASSWORD, NEW_PASSWORD);
      assert.deepEqual(
        emulator.requests.map(({ action, fault }) => `${action}:${fault ?? '-'}`),
        ['GetCallerIdentity:-', 'ChangePassword:throttling', 'ChangePassword:-'],
      );
    });

    it('faults given at start fire on every matching request', async function () {
      await restart({ faults: [{ kind: 'throttling', action: 'GetAccountPasswordPolicy' }] });
      for (let call = 0; call < 3; call += 1) {
        await expectServiceError(iam(aliceKeys).send(new GetAccountPasswordPolicyCommand({})), 'Throttling', 400);
      }
      await sts(aliceKeys).send(new GetCallerIdentityCommand({}));
      assert.equal(emulator.requests.filter((request) => request.fault === 'throttling').length, 3);
    });
  });

  it('never records a password', async function () {
    const client = iam(aliceKeys);
    await changePassword(client, 'Wrong-Horse-1', NEW_PASSWORD).catch(() => undefined);
    await changePassword(client, ALICE_PASSWORD, NEW_PASSWORD);
    const recorded = JSON.stringify(emulator.requests);
    assert.equal(emulator.requests.length, 2);
    for (const secret of ['Wrong-Horse-1', ALICE_PASSWORD, NEW_PASSWORD]) {
      assert.ok(!recorded.includes(secret), 'a password leaked into the request records');
    }
  });
});
