// npm start: the extension against the bundled IAM/STS emulator, in a real VS Code, with a
// throwaway AWS config. The user's own ~/.aws is never read or written.
// Desktop VS Code when `code` is on PATH (or IAMPW_DEMO_CODE names it), else the browser VS Code.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoSeed, startEmulator, writeAwsConfig } from '../test/emulator';
import { workbenchUrl } from '../test/harness/chromium';
import { findFreePort, startCodeServer } from '../test/harness/codeServer';
import { findCodeServer, repoRoot } from '../test/harness/paths';
import { isLeakingVariable } from '../test/harness/testEnvironment';

function desktopCode(): string | undefined {
  const named = process.env.IAMPW_DEMO_CODE;
  if (named) {
    return named;
  }
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function ensureCodeServer(): string | undefined {
  if (!findCodeServer()) {
    console.log('Installing the browser VS Code (code-server) once; this takes a few minutes...');
    spawnSync('bash', [path.join(repoRoot, 'scripts', 'setup-test-env.sh')], {
      stdio: 'inherit',
      env: { ...process.env, IAMPW_SETUP_PACKAGES: 'ripgrep libkrb5-dev' },
    });
  }
  return findCodeServer();
}

function demoWorkspace(root: string): string {
  const folder = path.join(root, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'README.md'),
    [
      '# IAM Password demo',
      '',
      'Everything here talks to a local IAM/STS emulator; no AWS account is involved.',
      '',
      '- F1 -> "AWS IAM: Change Password...": the `default` profile signs in as IAM user alice, whose current password is `Correct-Horse-1`.',
      '- The status bar item (bottom left) switches profiles: `root`, `readonly-role`, `admin-role` and `readonly-sso` are refused, `bob` has no console password, `alice-mfa` asks for MFA code 123456.',
      '- Right-click change-password.json -> "Change Password Using This File".',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(folder, 'change-password.json'), '{\n    "OldPassword": "",\n    "NewPassword": ""\n}\n');
  return folder;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iampw-demo-'));
  const seed = demoSeed();
  const emulator = await startEmulator({ seed });
  const aws = writeAwsConfig(path.join(root, 'aws'), emulator, seed);
  const folder = demoWorkspace(root);
  const env: Record<string, string> = {
    AWS_CONFIG_FILE: aws.configFile,
    AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
  };
  const stops: (() => Promise<void> | void)[] = [() => emulator.stop()];
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    for (const s of stops.reverse()) {
      await s();
    }
    fs.rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  console.log(`IAM/STS emulator: ${emulator.url} (account 123456789012; user alice, password Correct-Horse-1)`);
  console.log(`AWS config for the demo: ${aws.configFile}`);

  const code = desktopCode();
  if (code) {
    const child = spawn(
      code,
      [
        '--new-window',
        '--wait',
        `--extensionDevelopmentPath=${repoRoot}`,
        `--user-data-dir=${path.join(root, 'user-data')}`,
        `--extensions-dir=${path.join(root, 'extensions')}`,
        folder,
      ],
      { stdio: 'inherit', env: { ...cleanEnv(), ...env } },
    );
    stops.push(() => void child.kill());
    console.log('Opened desktop VS Code with the extension; close that window (or press Ctrl+C here) to end the demo.');
    child.on('exit', () => void stop());
    return;
  }

  if (!ensureCodeServer()) {
    console.error('No desktop VS Code (`code`) on PATH and the browser VS Code could not be installed; see the messages above.');
    await emulator.stop();
    process.exit(1);
  }
  const userDataDir = path.join(root, 'user-data');
  const port = Number(process.env.PORT) || (await findFreePort());
  const server = await startCodeServer({
    folder,
    userDataDir,
    extensionsDir: path.join(root, 'extensions'),
    logFile: path.join(root, 'code-server.log'),
    env,
    settings: { 'git.enabled': true },
    port,
  });
  stops.push(() => server.stop());
  const url = workbenchUrl(server.url, { folder, extensionDevelopmentPath: repoRoot });
  console.log('');
  console.log('Open this URL in a browser (Ctrl+C here ends the demo):');
  console.log(url);
}

function cleanEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !isLeakingVariable(entry[0])));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
