import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangePasswordCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { demoSeed } from './index';
import { waitFor } from './testSupport';

const CLI_PATH = join(__dirname, 'cli.js');

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** NAME=value lines printed on stdout. */
  values: Map<string, string>;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the emulator program and waits for the machine-readable lines. */
function startCli(args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI_PATH, ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('AWS_SHARED_CREDENTIALS_FILE=') && stdout.endsWith('\n')) {
        const values = new Map(
          stdout
            .trim()
            .split('\n')
            .map((line) => line.split('=', 2) as [string, string]),
        );
        resolve({ child, values, stderr: () => stderr, exited });
      }
    });
    void exited.then((code) => reject(new Error(`cli exited with ${code}: ${stderr}`)));
  });
}

describe('emulator command line', function () {
  let dir: string;
  let cli: RunningCli | undefined;
  const clients: Array<STSClient | IAMClient> = [];

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'iam-emulator-cli-test-'));
  });

  afterEach(async function () {
    clients.splice(0).forEach((client) => client.destroy());
    if (cli && cli.child.exitCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  function profileClients(running: RunningCli, profile: string): { sts: STSClient; iam: IAMClient } {
    const url = running.values.get('IAM_EMULATOR_URL') ?? assert.fail('no IAM_EMULATOR_URL line');
    const credentials = fromIni({
      profile,
      filepath: running.values.get('AWS_SHARED_CREDENTIALS_FILE'),
      configFilepath: running.values.get('AWS_CONFIG_FILE'),
      clientConfig: { endpoint: url, region: 'us-east-1' },
      mfaCodeProvider: async () => '123456',
    });
    const sts = new STSClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
    const iam = new IAMClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
    clients.push(sts, iam);
    return { sts, iam };
  }

  it('prints its URL and config paths, serves the demo profiles, logs without passwords, stops on SIGTERM', async function () {
    cli = await startCli(['--aws-dir', dir]);
    assert.match(cli.values.get('IAM_EMULATOR_URL') ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(cli.values.get('AWS_CONFIG_FILE'), join(dir, 'config'));
    assert.equal(cli.values.get('AWS_SHARED_CREDENTIALS_FILE'), join(dir, 'credentials'));

    const arns = await Promise.all(
      ['default', 'root', 'readonly-role', 'admin-role', 'federated'].map(async (profile) => {
        const { Arn } = await profileClients(cli as RunningCli, profile).sts.send(new GetCallerIdentityCommand({}));
        return Arn;
      }),
    );
    assert.deepEqual(arns.slice(0, 2), ['arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::123456789012:root']);
    assert.match(arns[2] ?? '', /^arn:aws:sts::123456789012:assumed-role\/ReadOnly\/.+/);
    assert.match(arns[3] ?? '', /^arn:aws:sts::123456789012:assumed-role\/Admin\/.+/);
    assert.equal(arns[4], 'arn:aws:sts::123456789012:federated-user/dave');

    await profileClients(cli, 'alice').iam.send(new ChangePasswordCommand({ OldPassword: 'Correct-Horse-1', NewPassword: 'Fresh-Start-2026!' }));
    const running = cli;
    await waitFor(() => running.stderr().includes('iam ChangePassword arn:aws:iam::123456789012:user/alice -> Success 200'));
    assert.doesNotMatch(cli.stderr(), /Correct-Horse-1|Fresh-Start-2026!/);

    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0);
  });

  it('serves a seed given as a JSON file', async function () {
    const seed = demoSeed();
    seed.account.id = '210987654321';
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    cli = await startCli(['--seed', seedFile, '--aws-dir', join(dir, 'aws')]);
    const { Account } = await profileClients(cli, 'root').sts.send(new GetCallerIdentityCommand({}));
    assert.equal(Account, '210987654321');
  });

  it('serves the accounts seed by name: the MFA-enforcing policy refuses long-term keys, the ready MFA session may change the password', async function () {
    cli = await startCli(['--seed', 'accounts', '--aws-dir', dir]);
    const changeAs = (profile: string, oldPassword: string): Promise<unknown> =>
      profileClients(cli as RunningCli, profile).iam.send(new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: 'Fresh-Start-2026!' }));
    await assert.rejects(changeAs('mfa-enforced-user', 'Mfa-Enforced-User-Pass-1'), /iam:ChangePassword .* with an explicit deny in an identity-based policy/);
    await changeAs('session-tool-mfa', 'Session-Tool-User-Pass-1');
    const running = cli;
    await waitFor(() => running.stderr().includes('iam ChangePassword arn:aws:iam::111122223333:user/session-tool-user -> Success 200'));
  });

  it('refuses unknown arguments with a usage message', async function () {
    const child = spawn(process.execPath, [CLI_PATH, '--bogus']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /unknown argument --bogus\nusage: /);
  });
});
