import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSeed, startEmulator, writeAwsConfig, type AwsConfigFiles, type Emulator, type EmulatorOptions } from './index';

/** Debian's AWS CLI v2; `aws` on PATH may be another version. */
const AWS_CLI = '/usr/bin/aws';
const SERVICE_ERROR_EXIT_CODE = 254;

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

describe('emulator with the real AWS CLI v2', function () {
  let emulator: Emulator;
  let home: string;
  let files: AwsConfigFiles;

  before(function () {
    if (!existsSync(AWS_CLI)) {
      if (process.env.CI === 'true') {
        assert.fail(`${AWS_CLI} is missing; CI must run the AWS CLI cross-check`);
      }
      console.warn(`\n  !!! ${AWS_CLI} not found: the AWS CLI cross-check was SKIPPED (install the Debian package awscli).\n`);
      this.skip();
    }
  });

  async function start(options: EmulatorOptions = {}): Promise<void> {
    const seed = demoSeed();
    emulator = await startEmulator({ seed, ...options });
    home = mkdtempSync(join(tmpdir(), 'iam-emulator-cli-'));
    files = writeAwsConfig(join(home, '.aws'), emulator, seed);
  }

  beforeEach(async function () {
    await start();
  });

  afterEach(async function () {
    await emulator?.stop();
    if (home) {
      rmSync(home, { recursive: true, force: true });
    }
  });

  /**
   * Runs the CLI with nothing inherited from this process's AWS_* environment. CLI 2.9 ignores endpoint_url
   * in the config file, hence --endpoint-url.
   */
  function aws(args: string[], env: Record<string, string> = {}, endpointUrl = emulator.url): Promise<CliResult> {
    const cleanEnv: Record<string, string> = {
      PATH: '/usr/bin:/bin',
      HOME: home,
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      AWS_PAGER: '',
      ...env,
    };
    return new Promise((resolve) => {
      execFile(AWS_CLI, [...args, '--endpoint-url', endpointUrl], { env: cleanEnv }, (error, stdout, stderr) => {
        resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  /** As a profile from the written config, or as credentials in the environment. */
  function changePassword(caller: string | Record<string, string>, oldPassword: string, newPassword: string): Promise<CliResult> {
    const args = ['iam', 'change-password', '--old-password', oldPassword, '--new-password', newPassword];
    return typeof caller === 'string' ? aws([...args, '--profile', caller]) : aws(args, caller);
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

  it('change-password succeeds and the emulator stores the new password', async function () {
    const result = await changePassword('alice', 'Correct-Horse-1', 'Fresh-Start-2026!');
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(emulator.passwordOf('alice'), 'Fresh-Start-2026!');
  });

  it('root credentials: InvalidUserType', async function () {
    assertServiceError(await changePassword('root', 'Correct-Horse-1', 'Fresh-Start-2026!'), 'InvalidUserType', 'Only IAM users can change their own password.');
  });

  it('an assumed-role session: AccessDenied', async function () {
    assertServiceError(
      await changePassword('readonly-session', 'Correct-Horse-1', 'Fresh-Start-2026!'),
      'AccessDenied',
      /^User: arn:aws:sts::123456789012:assumed-role\/ReadOnly\/demo is not authorized to perform: iam:ChangePassword/,
    );
  });

  it('a user without a console password: NoSuchEntity', async function () {
    assertServiceError(
      await changePassword('bob', 'Correct-Horse-1', 'Fresh-Start-2026!'),
      'NoSuchEntity',
      'Login Profile for User bob cannot be found.',
    );
  });

  it('a wrong current password: AccessDenied, then LimitExceeded once attempts run out', async function () {
    await emulator.stop();
    await start({ maxFailedPasswordAttempts: 1 });
    assertServiceError(await changePassword('alice', 'Wrong-Horse-1', 'Fresh-Start-2026!'), 'AccessDenied', 'The old password is incorrect.');
    assertServiceError(
      await changePassword('alice', 'Correct-Horse-1', 'Fresh-Start-2026!'),
      'LimitExceeded',
      'Too many invalid password change attempts. Try again later.',
    );
    assert.equal(emulator.passwordOf('alice'), 'Correct-Horse-1');
  });

  it('a new password against the policy: PasswordPolicyViolation', async function () {
    assertServiceError(
      await changePassword('alice', 'Correct-Horse-1', 'no-uppercase-123'),
      'PasswordPolicyViolation',
      'Password should have at least one uppercase letter',
    );
  });

  it('a wrong secret: SignatureDoesNotMatch; an unknown key: InvalidClientTokenId', async function () {
    const credentials = { AWS_ACCESS_KEY_ID: 'AKIADEMOALICE0000001', AWS_SECRET_ACCESS_KEY: 'not-the-secret' };
    assertServiceError(
      await changePassword(credentials, 'Correct-Horse-1', 'Fresh-Start-2026!'),
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    assertServiceError(
      await changePassword({ ...credentials, AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000' }, 'Correct-Horse-1', 'Fresh-Start-2026!'),
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    );
    assert.equal(emulator.passwordOf('alice'), 'Correct-Horse-1');
  });

  it('sts get-caller-identity prints the caller', async function () {
    const result = await aws(['sts', 'get-caller-identity', '--profile', 'alice']);
    assert.equal(result.exitCode, 0, result.stderr);
    const identity = JSON.parse(result.stdout) as Record<string, string>;
    assert.equal(identity.Arn, 'arn:aws:iam::123456789012:user/alice');
    assert.equal(identity.Account, '123456789012');
    assert.match(identity.UserId, /^AIDA[A-Z2-7]{17}$/);
  });

  it('iam get-account-password-policy prints the policy', async function () {
    const result = await aws(['iam', 'get-account-password-policy', '--profile', 'alice']);
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

  it('works over HTTPS when given the emulator certificate with --ca-bundle', async function () {
    await emulator.stop();
    await start({ https: true });
    const httpsFiles = writeAwsConfig(join(home, 'https'), emulator, demoSeed(), { https: true });
    const httpsUrl = emulator.httpsUrl ?? assert.fail('httpsUrl is set');
    const trusted = await aws(
      ['sts', 'get-caller-identity', '--profile', 'alice', '--ca-bundle', httpsFiles.caBundleFile ?? ''],
      {},
      httpsUrl,
    );
    assert.equal(trusted.exitCode, 0, trusted.stderr);
    assert.equal((JSON.parse(trusted.stdout) as Record<string, string>).Arn, 'arn:aws:iam::123456789012:user/alice');
    const untrusted = await aws(['sts', 'get-caller-identity', '--profile', 'alice'], {}, httpsUrl);
    assert.notEqual(untrusted.exitCode, 0);
    assert.match(untrusted.stderr, /SSL validation failed|CERTIFICATE_VERIFY_FAILED/);
  });
});
