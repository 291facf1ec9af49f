import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSeed, startEmulator, writeAwsConfig, type AwsConfigFiles, type Emulator, type EmulatorOptions } from './index';
import { AWS_CLI, Limiter, PARALLEL_CLI_RUNS, requireAwsCli } from './awsCliRunner';
import { parseChangePasswordFile } from '../../src/changePasswordFile/parse';

const SERVICE_ERROR_EXIT_CODE = 254;

const ALICE_PASSWORD = 'Correct-Horse-1';
const NEW_PASSWORD = 'Fresh-Start-2026!';

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const limiter = new Limiter(PARALLEL_CLI_RUNS);

/** An emulator with the demo seed, a temporary HOME and the AWS config pair written for it. */
class CliFixture {
  private constructor(
    readonly emulator: Emulator,
    readonly home: string,
    readonly files: AwsConfigFiles,
  ) {}

  static async start(options: EmulatorOptions = {}): Promise<CliFixture> {
    const seed = demoSeed();
    const emulator = await startEmulator({ seed, ...options });
    const home = mkdtempSync(join(tmpdir(), 'iam-emulator-cli-'));
    return new CliFixture(emulator, home, writeAwsConfig(join(home, '.aws'), emulator, seed, { https: options.https }));
  }

  /**
   * Runs the CLI with nothing inherited from this process's AWS_* environment.
   * CLI 2.9 ignores endpoint_url in the config file, hence --endpoint-url.
   */
  aws(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
    const endpointUrl = this.emulator.httpsUrl ?? this.emulator.url;
    const cleanEnv: Record<string, string> = {
      PATH: '/usr/bin:/bin',
      HOME: this.home,
      AWS_CONFIG_FILE: this.files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: this.files.credentialsFile,
      AWS_PAGER: '',
      ...env,
    };
    return limiter.run(
      () =>
        new Promise((resolve) => {
          execFile(AWS_CLI, [...args, '--endpoint-url', endpointUrl], { env: cleanEnv }, (error, stdout, stderr) => {
            resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
          });
        }),
    );
  }

  /** As a profile from the written config, or as credentials given in the environment. */
  changePassword(caller: string | Record<string, string>, oldPassword: string, newPassword: string): Promise<CliResult> {
    const args = ['iam', 'change-password', '--old-password', oldPassword, '--new-password', newPassword];
    return typeof caller === 'string' ? this.aws([...args, '--profile', caller]) : this.aws(args, caller);
  }

  async stop(): Promise<void> {
    await this.emulator.stop();
    rmSync(this.home, { recursive: true, force: true });
  }
}

function assertServiceError(result: CliResult, code: string, message: string | RegExp): void {
  assert.equal(result.exitCode, SERVICE_ERROR_EXIT_CODE, result.stderr);
  const line = result.stderr.trim();
  const prefix = `An error occurred (${code}) when calling the ChangePassword operation: `;
  assert.ok(line.startsWith(prefix), line);
  if (typeof message === 'string') {
    assert.equal(line.slice(prefix.length), message);
  } else {
    assert.match(line.slice(prefix.length), message);
  }
}

describe('emulator with the real AWS CLI v2', function () {
  // The CLI needs more than a second to start, so `before` launches every run at once (a few at a time)
  // against emulators that cannot disturb each other, and each test checks its own runs.
  const fixtures: CliFixture[] = [];
  let shared: CliFixture;
  let changed: CliFixture;
  let locking: CliFixture;
  let secure: CliFixture;
  let yamlFile: CliFixture;
  /** A change-password.yaml whose NewPassword ends in a no-break space, then blanks. */
  const yamlWithNbsp = `OldPassword: ${ALICE_PASSWORD}\nNewPassword: ${NEW_PASSWORD}\u00a0  \n`;
  let runs: {
    yamlWithNbsp: Promise<CliResult>;
    success: Promise<CliResult>;
    root: Promise<CliResult>;
    roleSession: Promise<CliResult>;
    noLoginProfile: Promise<CliResult>;
    wrongThenLocked: Promise<CliResult[]>;
    policyViolation: Promise<CliResult>;
    wrongSecret: Promise<CliResult>;
    unknownKey: Promise<CliResult>;
    callerIdentity: Promise<CliResult>;
    passwordPolicy: Promise<CliResult>;
    httpsTrusted: Promise<CliResult>;
    httpsUntrusted: Promise<CliResult>;
    ssoSignIn: Promise<{ roleCredentials: CliResult; callerIdentity?: CliResult }>;
    ssoUnknownToken: Promise<CliResult>;
  };

  before(async function () {
    requireAwsCli(this);
    shared = await CliFixture.start();
    changed = await CliFixture.start();
    locking = await CliFixture.start({ maxFailedPasswordAttempts: 1 });
    secure = await CliFixture.start({ https: true });
    yamlFile = await CliFixture.start();
    fixtures.push(shared, changed, locking, secure, yamlFile);
    const yamlPath = join(yamlFile.home, 'change-password.yaml');
    writeFileSync(yamlPath, yamlWithNbsp);
    const ssoRoleCredentials = (accessToken: string): Promise<CliResult> =>
      changed.aws([
        'sso',
        'get-role-credentials',
        '--region',
        'us-east-1',
        '--role-name',
        'ReadOnly',
        '--account-id',
        '123456789012',
        '--access-token',
        accessToken,
      ]);
    const aliceWrongSecret = { AWS_ACCESS_KEY_ID: 'AKIADEMOALICE0000001', AWS_SECRET_ACCESS_KEY: 'not-the-secret' };
    runs = {
      yamlWithNbsp: yamlFile.aws(['iam', 'change-password', '--profile', 'alice', '--cli-input-yaml', `file://${yamlPath}`]),
      success: changed.changePassword('alice', ALICE_PASSWORD, NEW_PASSWORD),
      root: shared.changePassword('root', ALICE_PASSWORD, NEW_PASSWORD),
      roleSession: shared.changePassword('readonly-session', ALICE_PASSWORD, NEW_PASSWORD),
      noLoginProfile: shared.changePassword('bob', ALICE_PASSWORD, NEW_PASSWORD),
      wrongThenLocked: (async () => [
        await locking.changePassword('alice', 'Wrong-Horse-1', NEW_PASSWORD),
        await locking.changePassword('alice', ALICE_PASSWORD, NEW_PASSWORD),
      ])(),
      policyViolation: shared.changePassword('alice', ALICE_PASSWORD, 'no-uppercase-123'),
      wrongSecret: shared.changePassword(aliceWrongSecret, ALICE_PASSWORD, NEW_PASSWORD),
      unknownKey: shared.changePassword({ ...aliceWrongSecret, AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000' }, ALICE_PASSWORD, NEW_PASSWORD),
      callerIdentity: shared.aws(['sts', 'get-caller-identity', '--profile', 'alice']),
      passwordPolicy: shared.aws(['iam', 'get-account-password-policy', '--profile', 'alice']),
      httpsTrusted: secure.aws(['sts', 'get-caller-identity', '--profile', 'alice']),
      // An empty config file: no ca_bundle, so nothing vouches for the emulator's certificate.
      httpsUntrusted: secure.aws(['sts', 'get-caller-identity'], {
        AWS_CONFIG_FILE: '/dev/null',
        AWS_ACCESS_KEY_ID: 'AKIADEMOALICE0000001',
        AWS_SECRET_ACCESS_KEY: 'demoAliceSecretKey0000000000000000000001',
        AWS_DEFAULT_REGION: 'us-east-1',
      }),
      // The portal's answer must be keys the CLI can then sign with.
      ssoSignIn: (async () => {
        const roleCredentials = await ssoRoleCredentials(changed.emulator.issueSsoAccessToken({ userName: 'erin' }).accessToken);
        if (roleCredentials.exitCode !== 0) {
          return { roleCredentials };
        }
        const keys = (JSON.parse(roleCredentials.stdout) as { roleCredentials: Record<string, string> }).roleCredentials;
        const callerIdentity = await changed.aws(['sts', 'get-caller-identity'], {
          AWS_CONFIG_FILE: '/dev/null',
          AWS_ACCESS_KEY_ID: keys.accessKeyId,
          AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
          AWS_SESSION_TOKEN: keys.sessionToken,
          AWS_DEFAULT_REGION: 'us-east-1',
        });
        return { roleCredentials, callerIdentity };
      })(),
      ssoUnknownToken: ssoRoleCredentials('not-a-token-the-portal-issued'),
    };
  });

  after(async function () {
    await Promise.all(fixtures.map((fixture) => fixture.stop()));
  });

  it('change-password succeeds and the emulator stores the new password', async function () {
    const result = await runs.success;
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(changed.emulator.passwordOf('alice'), NEW_PASSWORD);
  });

  it('--cli-input-yaml keeps a trailing no-break space in a plain value, as the extension reads it', async function () {
    const result = await runs.yamlWithNbsp;
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(yamlFile.emulator.passwordOf('alice'), `${NEW_PASSWORD}\u00a0`);
    assert.equal(parseChangePasswordFile(yamlWithNbsp, 'yaml').values.NewPassword, `${NEW_PASSWORD}\u00a0`);
  });

  it('root credentials: InvalidUserType', async function () {
    assertServiceError(await runs.root, 'InvalidUserType', 'Only IAM users can change their own password.');
  });

  it('an assumed-role session: AccessDenied', async function () {
    assertServiceError(
      await runs.roleSession,
      'AccessDenied',
      /^User: arn:aws:sts::123456789012:assumed-role\/ReadOnly\/demo is not authorized to perform: iam:ChangePassword/,
    );
  });

  it('a user without a console password: NoSuchEntity', async function () {
    assertServiceError(await runs.noLoginProfile, 'NoSuchEntity', 'Login Profile for User bob cannot be found.');
  });

  it('a wrong current password: AccessDenied, then LimitExceeded once attempts run out', async function () {
    const [wrong, locked] = await runs.wrongThenLocked;
    assertServiceError(wrong, 'AccessDenied', 'The old password is incorrect.');
    assertServiceError(locked, 'LimitExceeded', 'Too many invalid password change attempts. Try again later.');
    assert.equal(locking.emulator.passwordOf('alice'), ALICE_PASSWORD);
  });

  it('a new password against the policy: PasswordPolicyViolation', async function () {
    assertServiceError(await runs.policyViolation, 'PasswordPolicyViolation', 'Password should have at least one uppercase letter');
  });

  it('a wrong secret: SignatureDoesNotMatch', async function () {
    assertServiceError(
      await runs.wrongSecret,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });

  it('an unknown access key: InvalidClientTokenId', async function () {
    assertServiceError(await runs.unknownKey, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  });

  it('none of the refused calls changed a password', async function () {
    await Promise.all(Object.values(runs));
    assert.equal(shared.emulator.passwordOf('alice'), ALICE_PASSWORD);
    assert.equal(shared.emulator.requests.filter((request) => request.outcome === 'Success').length, 2);
  });

  it('sts get-caller-identity prints the caller', async function () {
    const result = await runs.callerIdentity;
    assert.equal(result.exitCode, 0, result.stderr);
    const identity = JSON.parse(result.stdout) as Record<string, string>;
    assert.equal(identity.Arn, 'arn:aws:iam::123456789012:user/alice');
    assert.equal(identity.Account, '123456789012');
    assert.match(identity.UserId, /^AIDA[A-Z2-7]{17}$/);
  });

  it('iam get-account-password-policy prints the policy', async function () {
    const result = await runs.passwordPolicy;
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      PasswordPolicy: {
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
  });

  it('works over HTTPS with the ca_bundle writeAwsConfig wrote, and fails without it', async function () {
    const trusted = await runs.httpsTrusted;
    assert.equal(trusted.exitCode, 0, trusted.stderr);
    assert.equal((JSON.parse(trusted.stdout) as Record<string, string>).Arn, 'arn:aws:iam::123456789012:user/alice');
    const untrusted = await runs.httpsUntrusted;
    assert.notEqual(untrusted.exitCode, 0);
    assert.match(untrusted.stderr, /SSL validation failed .*CERTIFICATE_VERIFY_FAILED.*self-signed certificate/);
  });

  it('sso get-role-credentials reads the SSO portal emulation, and its keys sign later calls', async function () {
    const { roleCredentials, callerIdentity } = await runs.ssoSignIn;
    assert.equal(roleCredentials.exitCode, 0, roleCredentials.stderr);
    const keys = (JSON.parse(roleCredentials.stdout) as { roleCredentials: Record<string, unknown> }).roleCredentials;
    assert.match(String(keys.accessKeyId), /^ASIA/);
    assert.equal(typeof keys.expiration, 'number', 'expiration is epoch milliseconds on the wire');
    assert.equal(callerIdentity?.exitCode, 0, callerIdentity?.stderr);
    assert.equal((JSON.parse(callerIdentity?.stdout ?? '{}') as Record<string, string>).Arn, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/erin');
  });

  it('sso get-role-credentials with a token the portal never issued: UnauthorizedException', async function () {
    const result = await runs.ssoUnknownToken;
    assert.equal(result.exitCode, SERVICE_ERROR_EXIT_CODE, result.stderr);
    assert.equal(
      result.stderr.trim(),
      'An error occurred (UnauthorizedException) when calling the GetRoleCredentials operation: Session token not found or invalid',
    );
  });
});
