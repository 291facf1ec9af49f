/**
 * The accounts seed against the AWS SDK v3 over HTTP: AWS's example policies evaluated per call, with
 * long-term keys, a GetSessionToken session without MFA and one with MFA, as IAM answers them.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangePasswordCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListMFADevicesCommand,
  type ListMFADevicesCommandOutput,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import {
  accountsSeed,
  ACCOUNT_USERS,
  ACCOUNTS_ACCOUNT_ID,
  demoSeed,
  PASSKEY_SERIAL,
  SESSION_TOOL_SESSIONS,
  startEmulator,
  writeAwsConfig,
  type AccountUser,
  type Emulator,
} from './index';
import { AWS_CLI, requireAwsCli } from './awsCliRunner';
import { INVALID_MFA_MESSAGE, INVALID_TOKEN_MESSAGE } from './errors';
import type { PolicyDocument, PolicyStatement } from './policy';
import type { Seed } from './state';
import { expectServiceError } from './testSupport';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type Call = 'GetAccountPasswordPolicy' | 'ChangePassword' | 'ListMFADevices' | 'GetLoginProfile' | 'GetCallerIdentity';
type Outcome = 'allowed' | 'explicit deny' | 'no allow' | 'invalid token';
type Expected = Record<Call, Outcome>;
type CredentialKind = 'long-term keys' | 'a session without MFA' | 'an MFA session';

const CALLS: Call[] = ['GetAccountPasswordPolicy', 'ChangePassword', 'ListMFADevices', 'GetLoginProfile', 'GetCallerIdentity'];
const userArn = (name: string): string => `arn:aws:iam::${ACCOUNTS_ACCOUNT_ID}:user/${name}`;

function expected(outcomes: [Outcome, Outcome, Outcome, Outcome]): Expected {
  const [GetAccountPasswordPolicy, ChangePassword, ListMFADevices, GetLoginProfile] = outcomes;
  return { GetAccountPasswordPolicy, ChangePassword, ListMFADevices, GetLoginProfile, GetCallerIdentity: 'allowed' };
}

/** IAM refuses every call of a GetSessionToken session made without MFA; STS takes it. */
const SESSION_WITHOUT_MFA = expected(['invalid token', 'invalid token', 'invalid token', 'invalid token']);

interface Row {
  user: AccountUser;
  longTerm: Expected;
  withMfa: Expected;
}

/** With the account's AllowUsersToChangePassword on, as the seed has it. */
const SETTING_ON: Row[] = [
  {
    user: ACCOUNT_USERS.mfaEnforced,
    longTerm: expected(['explicit deny', 'explicit deny', 'allowed', 'explicit deny']),
    withMfa: expected(['allowed', 'allowed', 'allowed', 'no allow']),
  },
  {
    user: ACCOUNT_USERS.passwordOnly,
    longTerm: expected(['allowed', 'allowed', 'no allow', 'no allow']),
    withMfa: expected(['allowed', 'allowed', 'no allow', 'no allow']),
  },
  {
    user: ACCOUNT_USERS.managedPolicy,
    longTerm: expected(['allowed', 'allowed', 'no allow', 'no allow']),
    withMfa: expected(['allowed', 'allowed', 'no allow', 'no allow']),
  },
  {
    user: ACCOUNT_USERS.settingOnly,
    longTerm: expected(['allowed', 'allowed', 'no allow', 'no allow']),
    withMfa: expected(['allowed', 'allowed', 'no allow', 'no allow']),
  },
];

/** With the setting off only the policies grant: the setting-only user can do nothing in IAM. */
const SETTING_OFF: Row[] = [
  ...SETTING_ON.filter((row) => row.user !== ACCOUNT_USERS.settingOnly),
  {
    user: ACCOUNT_USERS.settingOnly,
    longTerm: expected(['no allow', 'no allow', 'no allow', 'no allow']),
    withMfa: expected(['no allow', 'no allow', 'no allow', 'no allow']),
  },
];

function describeExpected(outcomes: Expected): string {
  return CALLS.map((call) => `${call} ${outcomes[call]}`).join(', ');
}

describe('accounts seed: AWS example policies evaluated per IAM call', function () {
  let emulator: Emulator;
  let fresh = 0;
  const clients: Array<IAMClient | STSClient> = [];

  const iam = (credentials: Credentials): IAMClient => {
    const client = new IAMClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  const sts = (credentials: Credentials): STSClient => {
    const client = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  const longTermKeys = (user: AccountUser): Credentials => ({ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });

  async function session(user: AccountUser, withMfa: boolean): Promise<Credentials> {
    const mfa = withMfa ? { SerialNumber: user.mfaSerial, TokenCode: user.mfaCode } : {};
    const { Credentials: issued } = await sts(longTermKeys(user)).send(new GetSessionTokenCommand(mfa));
    return { accessKeyId: issued?.AccessKeyId ?? '', secretAccessKey: issued?.SecretAccessKey ?? '', sessionToken: issued?.SessionToken ?? '' };
  }

  async function credentialsFor(user: AccountUser, kind: CredentialKind): Promise<Credentials> {
    return kind === 'long-term keys' ? longTermKeys(user) : session(user, kind === 'an MFA session');
  }

  /** Makes one call and says how IAM answered it, checking AWS's exact words for each refusal and what a success did. */
  async function outcomeOf(user: AccountUser, credentials: Credentials, call: Call): Promise<Outcome | string> {
    const resource = call === 'GetAccountPasswordPolicy' ? '*' : userArn(user.name);
    const oldPassword = emulator.passwordOf(user.name) ?? '';
    const newPassword = `Fresh-Start-${(fresh += 1)}!`;
    const client = iam(credentials);
    try {
      switch (call) {
        case 'GetAccountPasswordPolicy':
          assert.equal((await client.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength, 12);
          break;
        case 'ChangePassword':
          await client.send(new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: newPassword }));
          assert.equal(emulator.passwordOf(user.name), newPassword, 'an allowed ChangePassword changed the password');
          break;
        case 'ListMFADevices': {
          const { MFADevices } = await client.send(new ListMFADevicesCommand({}));
          assert.deepEqual(
            MFADevices?.map((device) => [device.UserName, device.SerialNumber]),
            [[user.name, user.mfaSerial]],
          );
          break;
        }
        case 'GetLoginProfile':
          assert.equal((await client.send(new GetLoginProfileCommand({}))).LoginProfile?.UserName, user.name);
          break;
        case 'GetCallerIdentity':
          assert.equal((await sts(credentials).send(new GetCallerIdentityCommand({}))).Arn, userArn(user.name));
          break;
      }
      return 'allowed';
    } catch (caught) {
      if (caught instanceof assert.AssertionError) {
        throw caught;
      }
      assert.equal(emulator.passwordOf(user.name), oldPassword, `a refused ${call} left the password alone`);
      const error = caught as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
      const refusal = `User: ${userArn(user.name)} is not authorized to perform: iam:${call} on resource: ${resource}`;
      const known: Record<string, Outcome> = {
        [`AccessDenied 403 ${refusal} with an explicit deny in an identity-based policy`]: 'explicit deny',
        [`AccessDenied 403 ${refusal} because no identity-based policy allows the iam:${call} action`]: 'no allow',
        [`InvalidClientTokenId 403 ${INVALID_TOKEN_MESSAGE}`]: 'invalid token',
      };
      const answer = `${error.name} ${error.$metadata?.httpStatusCode} ${error.message}`;
      return known[answer] ?? answer;
    }
  }

  async function outcomes(user: AccountUser, kind: CredentialKind): Promise<Record<Call, Outcome | string>> {
    const credentials = await credentialsFor(user, kind);
    const result: Partial<Record<Call, Outcome | string>> = {};
    for (const call of CALLS) {
      result[call] = await outcomeOf(user, credentials, call);
    }
    return result as Record<Call, Outcome | string>;
  }

  function matrix(rows: Row[]): void {
    for (const row of rows) {
      const cases: Array<[CredentialKind, Expected]> = [
        ['long-term keys', row.longTerm],
        ['a session without MFA', SESSION_WITHOUT_MFA],
        ['an MFA session', row.withMfa],
      ];
      for (const [kind, expectation] of cases) {
        it(`${row.user.name} with ${kind}: ${describeExpected(expectation)}`, async function () {
          assert.deepEqual(await outcomes(row.user, kind), expectation);
        });
      }
    }
  }

  beforeEach(async function () {
    emulator = await startEmulator({ seed: accountsSeed() });
  });

  afterEach(async function () {
    clients.splice(0).forEach((client) => client.destroy());
    await emulator.stop();
  });

  describe('AllowUsersToChangePassword on (the seed)', function () {
    matrix(SETTING_ON);
  });

  describe('AllowUsersToChangePassword off: only identity policies grant', function () {
    beforeEach(function () {
      emulator.setPasswordPolicy({ ...accountsSeed().passwordPolicy, AllowUsersToChangePassword: false });
    });
    matrix(SETTING_OFF);
  });

  describe('the MFA-enforcing policy', function () {
    const user = ACCOUNT_USERS.mfaEnforced;

    it('without MFA: ChangePassword is an explicit deny, ListMFADevices finds the device named unlike the user, and that device makes the session that changes the password', async function () {
      const keys = longTermKeys(user);
      await expectServiceError(
        iam(keys).send(new ChangePasswordCommand({ OldPassword: user.password, NewPassword: 'Fresh-Start-2026!' })),
        'AccessDenied',
        403,
        `User: ${userArn(user.name)} is not authorized to perform: iam:ChangePassword on resource: ${userArn(user.name)} with an explicit deny in an identity-based policy`,
      );
      const { MFADevices } = await iam(keys).send(new ListMFADevicesCommand({ UserName: user.name }));
      const serial = MFADevices?.[0]?.SerialNumber ?? assert.fail('no MFA device listed');
      assert.equal(serial, `arn:aws:iam::${ACCOUNTS_ACCOUNT_ID}:mfa/mfa-enforced-phone`);
      assert.ok(MFADevices?.[0]?.EnableDate instanceof Date);

      const { Credentials: issued } = await sts(keys).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: user.mfaCode }));
      const mfaSession = { accessKeyId: issued?.AccessKeyId ?? '', secretAccessKey: issued?.SecretAccessKey ?? '', sessionToken: issued?.SessionToken };
      await iam(mfaSession).send(new ChangePasswordCommand({ OldPassword: user.password, NewPassword: 'Fresh-Start-2026!' }));
      assert.equal(emulator.passwordOf(user.name), 'Fresh-Start-2026!');
    });

    it("ListMFADevices of another user is no allow: the policy's resource is the caller's own user", async function () {
      const other = ACCOUNT_USERS.passwordOnly.name;
      await expectServiceError(
        iam(longTermKeys(user)).send(new ListMFADevicesCommand({ UserName: other })),
        'AccessDenied',
        403,
        `User: ${userArn(user.name)} is not authorized to perform: iam:ListMFADevices on resource: ${userArn(other)} because no identity-based policy allows the iam:ListMFADevices action`,
      );
    });

    it('passkey-user lists its security key, which GetSessionToken refuses: no MFA session from keys', async function () {
      const passkey = ACCOUNT_USERS.passkey;
      const keys = longTermKeys(passkey);
      const { MFADevices }: ListMFADevicesCommandOutput = await iam(keys).send(new ListMFADevicesCommand({}));
      assert.deepEqual(
        MFADevices?.map((device) => device.SerialNumber),
        [PASSKEY_SERIAL],
      );
      await expectServiceError(
        sts(keys).send(new GetSessionTokenCommand({ SerialNumber: PASSKEY_SERIAL, TokenCode: '123456' })),
        'AccessDenied',
        403,
        INVALID_MFA_MESSAGE,
      );
      await expectServiceError(
        iam(keys).send(new GetAccountPasswordPolicyCommand({})),
        'AccessDenied',
        403,
        /iam:GetAccountPasswordPolicy on resource: \* with an explicit deny/,
      );
    });

    it("session-tool-user's ready sessions: the MFA one changes the password, the other one IAM refuses and STS takes", async function () {
      const toolUser = ACCOUNT_USERS.sessionTool;
      const seeded = new Map((accountsSeed().sessions ?? []).map((s) => [s.accessKeyId, s]));
      const keysOf = (accessKeyId: string): Credentials => {
        const s = seeded.get(accessKeyId) ?? assert.fail(`no session ${accessKeyId}`);
        return { accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken };
      };
      const withMfa = keysOf(SESSION_TOOL_SESSIONS.withMfa.accessKeyId);
      const withoutMfa = keysOf(SESSION_TOOL_SESSIONS.withoutMfa.accessKeyId);
      await iam(withMfa).send(new ChangePasswordCommand({ OldPassword: toolUser.password, NewPassword: 'Fresh-Start-2026!' }));
      assert.equal(emulator.passwordOf(toolUser.name), 'Fresh-Start-2026!');
      await expectServiceError(iam(withoutMfa).send(new ListMFADevicesCommand({})), 'InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE);
      assert.equal((await sts(withoutMfa).send(new GetCallerIdentityCommand({}))).Arn, userArn(toolUser.name));
    });
  });

  it('GetSessionToken is never evaluated: a user with no identity policy and the setting off still gets a session', async function () {
    emulator.setPasswordPolicy(undefined);
    const user = ACCOUNT_USERS.settingOnly;
    const { Credentials: issued } = await sts(longTermKeys(user)).send(new GetSessionTokenCommand({ SerialNumber: user.mfaSerial, TokenCode: user.mfaCode }));
    assert.match(issued?.AccessKeyId ?? '', /^ASIA/);
  });
});

describe('identity policy evaluation rules, through IAM calls', function () {
  let emulator: Emulator | undefined;
  const clients: IAMClient[] = [];
  const user = { name: 'rules-user', accessKeyId: 'AKIARULESUSER0000001', secretAccessKey: 'rulesUserSecretKey0000000000000000000001' };
  const other = 'other-user';

  async function start(statements: PolicyDocument['Statement']): Promise<IAMClient> {
    const seed: Seed = {
      account: { id: ACCOUNTS_ACCOUNT_ID },
      users: [
        {
          name: user.name,
          accessKeys: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
          loginProfile: { password: 'Rules-User-Pass-1' },
          identityPolicies: { inline: { Rules: { Version: '2012-10-17', Statement: statements } } },
        },
        { name: other },
      ],
    };
    emulator = await startEmulator({ seed });
    const client = new IAMClient({ region: 'us-east-1', endpoint: emulator.url, credentials: user, maxAttempts: 1 });
    clients.push(client);
    return client;
  }

  const denied = (action: string, resource: string, why: 'explicit' | 'no allow'): string =>
    `User: ${userArn(user.name)} is not authorized to perform: ${action} on resource: ${resource}` +
    (why === 'explicit' ? ' with an explicit deny in an identity-based policy' : ` because no identity-based policy allows the ${action} action`);

  afterEach(async function () {
    clients.splice(0).forEach((client) => client.destroy());
    await emulator?.stop();
    emulator = undefined;
  });

  it('Action wildcards match action names whatever their case; an explicit Deny beats an Allow', async function () {
    const client = await start([
      { Effect: 'Allow', Action: 'IAM:list*', Resource: '*' },
      { Effect: 'Allow', Action: 'iam:Get?ccountPasswordPolicy', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:listmfadevices', Resource: `arn:aws:iam::*:user/${other}` },
    ]);
    await client.send(new ListMFADevicesCommand({}));
    await expectServiceError(
      client.send(new ListMFADevicesCommand({ UserName: other })),
      'AccessDenied',
      403,
      denied('iam:ListMFADevices', userArn(other), 'explicit'),
    );
    await expectServiceError(client.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntityException', 404);
    await expectServiceError(client.send(new GetLoginProfileCommand({})), 'AccessDenied', 403, denied('iam:GetLoginProfile', userArn(user.name), 'no allow'));
  });

  it('NotResource with ${aws:username}: everyone but the caller', async function () {
    const client = await start([{ Effect: 'Allow', Action: 'iam:ListMFADevices', NotResource: 'arn:aws:iam::*:user/${aws:username}' }]);
    await client.send(new ListMFADevicesCommand({ UserName: other }));
    await expectServiceError(client.send(new ListMFADevicesCommand({})), 'AccessDenied', 403, denied('iam:ListMFADevices', userArn(user.name), 'no allow'));
  });

  it('NotAction: a Deny of everything but ListMFADevices', async function () {
    const client = await start([
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      { Effect: 'Deny', NotAction: ['iam:ListMFADevices'], Resource: '*' },
    ]);
    await client.send(new ListMFADevicesCommand({}));
    await expectServiceError(client.send(new GetLoginProfileCommand({})), 'AccessDenied', 403, denied('iam:GetLoginProfile', userArn(user.name), 'explicit'));
  });

  it('long-term keys have no aws:MultiFactorAuthPresent: Bool "false" does not match them, BoolIfExists "false" does', async function () {
    const condition = (operator: 'Bool' | 'BoolIfExists'): PolicyDocument['Statement'] => [
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:ListMFADevices', Resource: '*', Condition: { [operator]: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ];
    await (await start(condition('Bool'))).send(new ListMFADevicesCommand({}));
    await emulator?.stop();
    const client = await start(condition('BoolIfExists'));
    await expectServiceError(client.send(new ListMFADevicesCommand({})), 'AccessDenied', 403, denied('iam:ListMFADevices', userArn(user.name), 'explicit'));
  });

  it('refuses, when the seed loads, what it would not evaluate as IAM does', async function () {
    const refusals: Array<[unknown, RegExp]> = [
      [
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExist: { 'aws:MultiFactorAuthPresent': 'false' } } },
        /unsupported condition operator BoolIfExist/,
      ],
      [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:username': 'x' } } }, /unsupported condition operator StringEquals/],
      [
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        /unsupported condition key aws:SecureTransport/,
      ],
      [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:iam::*:user/${aws:userid}' }, /unsupported policy variable \$\{aws:userid\}/],
      [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, /unsupported element Principal/],
      [{ Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*' }, /exactly one of Action and NotAction/],
      [{ Effect: 'allow', Action: '*', Resource: '*' }, /Effect must be Allow or Deny/],
    ];
    for (const [statement, message] of refusals) {
      await assert.rejects(start([statement as PolicyStatement]), message);
    }
    const userWith = (fields: object): Promise<Emulator> =>
      startEmulator({ seed: { account: { id: ACCOUNTS_ACCOUNT_ID }, users: [{ name: 'x', identityPolicies: {}, ...fields }] } });
    await assert.rejects(userWith({ identityPolicies: { managed: ['AdministratorAccess'] } }), /no managed policy named AdministratorAccess/);
    await assert.rejects(userWith({ requireMfa: true }), /requireMfa and deniedActions stand in for policies/);
  });
});

describe('ListMFADevices and GetLoginProfile of users whose policies are not modelled (demo seed)', function () {
  let emulator: Emulator;
  let alice: IAMClient;

  beforeEach(async function () {
    emulator = await startEmulator({ seed: demoSeed() });
    const keys = demoSeed().users?.[0].accessKeys?.[0] ?? assert.fail('demo alice has keys');
    alice = new IAMClient({ region: 'us-east-1', endpoint: emulator.url, credentials: keys, maxAttempts: 1 });
  });

  afterEach(async function () {
    alice.destroy();
    await emulator.stop();
  });

  it('ListMFADevices: the caller by default, another user by UserName, NoSuchEntity for no such user', async function () {
    const own = await alice.send(new ListMFADevicesCommand({}));
    assert.deepEqual(
      own.MFADevices?.map((device) => [device.UserName, device.SerialNumber, device.EnableDate?.toISOString()]),
      [['alice', 'arn:aws:iam::123456789012:mfa/alice', '2024-01-15T09:30:00.000Z']],
    );
    assert.equal(own.IsTruncated, false);
    assert.deepEqual((await alice.send(new ListMFADevicesCommand({ UserName: 'bob' }))).MFADevices, []);
    await expectServiceError(
      alice.send(new ListMFADevicesCommand({ UserName: 'nobody' })),
      'NoSuchEntityException',
      404,
      'The user with name nobody cannot be found.',
    );
  });

  it("GetLoginProfile's CreateDate is when the console password was created: ChangePassword leaves it", async function () {
    const before = (await alice.send(new GetLoginProfileCommand({}))).LoginProfile;
    assert.equal(before?.CreateDate?.toISOString(), '2024-01-15T09:30:00.000Z');
    assert.equal(before?.PasswordResetRequired, false);
    await alice.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Fresh-Start-2026!' }));
    assert.deepEqual((await alice.send(new GetLoginProfileCommand({ UserName: 'alice' }))).LoginProfile, before);
  });
});

describe('accounts seed with the AWS CLI v2', function () {
  let emulator: Emulator;
  let home: string;
  let env: Record<string, string>;

  before(function () {
    requireAwsCli(this);
  });

  beforeEach(async function () {
    emulator = await startEmulator({ seed: accountsSeed() });
    home = mkdtempSync(join(tmpdir(), 'iam-emulator-accounts-'));
    const files = writeAwsConfig(join(home, '.aws'), emulator, accountsSeed());
    env = { PATH: '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
  });

  afterEach(async function () {
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  });

  /** The CLI with the written profiles and nothing of this process's AWS_* environment; CLI 2.9 needs --endpoint-url. */
  function aws(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(AWS_CLI, [...args, '--endpoint-url', emulator.url], { env }, (error, stdout, stderr) =>
        resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr: stderr.trim() }),
      );
    });
  }

  it('prints the same answers: the MFA policy without MFA, and the session without MFA that IAM refuses and STS takes', async function () {
    const user = ACCOUNT_USERS.mfaEnforced;
    const [devices, change, policy, identity] = await Promise.all([
      aws(['iam', 'list-mfa-devices', '--profile', user.name]),
      aws(['iam', 'change-password', '--old-password', user.password, '--new-password', 'Fresh-Start-2026!', '--profile', user.name]),
      aws(['iam', 'get-account-password-policy', '--profile', SESSION_TOOL_SESSIONS.withoutMfa.profileName]),
      aws(['sts', 'get-caller-identity', '--profile', SESSION_TOOL_SESSIONS.withoutMfa.profileName]),
    ]);
    assert.equal(devices.exitCode, 0, devices.stderr);
    assert.deepEqual(
      (JSON.parse(devices.stdout) as { MFADevices: Array<{ SerialNumber: string }> }).MFADevices.map((device) => device.SerialNumber),
      [user.mfaSerial],
    );
    assert.equal(
      change.stderr,
      `An error occurred (AccessDenied) when calling the ChangePassword operation: User: ${userArn(user.name)} is not authorized to perform: ` +
        `iam:ChangePassword on resource: ${userArn(user.name)} with an explicit deny in an identity-based policy`,
    );
    assert.equal(policy.stderr, `An error occurred (InvalidClientTokenId) when calling the GetAccountPasswordPolicy operation: ${INVALID_TOKEN_MESSAGE}`);
    assert.equal((JSON.parse(identity.stdout) as { Arn: string }).Arn, userArn(ACCOUNT_USERS.sessionTool.name));
    assert.equal(emulator.passwordOf(user.name), user.password);
  });
});
