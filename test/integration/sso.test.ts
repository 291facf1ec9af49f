import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { ssoStartUrl, ssoTokenCacheFile, ssoTokenCacheJson, type Emulator } from '../emulator';
import { Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';

/**
 * `aws sso login` opens a browser to sign in to IAM Identity Center, which cannot happen here. This
 * stands in for the CLI in the terminal the extension opens: it notes how it was called and leaves
 * the token cache a finished login leaves, with a token the emulator's SSO portal issued.
 */
function writeAwsStandIn(binDir: string, calls: string, cacheFile: string, cacheJson: string): void {
  const script = [
    '#!/bin/sh',
    `mkdir -p '${path.dirname(cacheFile)}'`,
    `cat > '${cacheFile}.tmp' <<'TOKEN'`,
    cacheJson,
    'TOKEN',
    `mv '${cacheFile}.tmp' '${cacheFile}'`,
    // Last and whole (a rename), so the test never reads a half-written record.
    `printf '%s\\n' "$*" "$AWS_CONFIG_FILE" > '${calls}.tmp'`,
    `mv '${calls}.tmp' '${calls}'`,
  ].join('\n');
  fs.writeFileSync(path.join(binDir, 'aws'), `${script}\n`, { mode: 0o755 });
}

describe('SSO sign-in in a real window', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let emulator: Emulator;
  let awsDir: string;
  let configFile: string;

  before(async () => {
    api = await testApi();
    ({ emulator, awsDir } = account());
    configFile = account().files.configFile;
  });

  it('offers aws sso login, runs it in a terminal, and the same command then works without a reload', async () => {
    const binDir = process.env.IAMPW_TEST_BIN;
    const home = process.env.HOME;
    assert.ok(binDir && home, 'the launcher sets IAMPW_TEST_BIN and a HOME of its own');
    const login = { startUrl: ssoStartUrl(emulator), region: 'us-east-1' };
    const cacheFile = ssoTokenCacheFile(home, login);
    fs.rmSync(cacheFile, { force: true });
    const calls = path.join(awsDir, 'aws-calls.txt');
    writeAwsStandIn(binDir, calls, cacheFile, ssoTokenCacheJson(emulator.issueSsoAccessToken({ userName: 'erin@example.com' }), login));
    await api.store.pick('readonly-sso');
    // aws is the terminal's own process: VS Code finds it on its login shell's PATH, which the launcher's ~/.profile starts with binDir.

    const driver = new Driver(api);
    // Caught as it opens: the terminal closes by itself when the stand-in exits.
    const opened: vscode.Terminal[] = [];
    const closed = new Map<vscode.Terminal, number | undefined>();
    const watching = [vscode.window.onDidOpenTerminal((t) => opened.push(t)), vscode.window.onDidCloseTerminal((t) => closed.set(t, t.exitStatus?.code))];
    try {
      driver.answerNotification(/SSO session of profile readonly-sso/, 'Run aws sso login');
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      const failure = await waitFor('the SSO notification', () => driver.notification(/SSO session of profile readonly-sso/));
      assert.equal(failure.severity, 'error');
      assert.deepEqual(failure.items, ['Run aws sso login', 'Show Logs']);
      assert.equal(emulator.requests.filter((r) => r.service === 'sso').length, 0, 'the portal was asked without a token');

      const terminal = await waitFor('the aws sso login terminal', () => opened.find((t) => t.name === 'aws sso login (readonly-sso)'));
      const options = terminal.creationOptions as vscode.TerminalOptions;
      // code-server is a remote window (the extension host is the server's, the browser elsewhere): the CLI's redirect to
      // 127.0.0.1 would not reach it, so the login shows a device code instead.
      assert.match(vscode.env.remoteName ?? '', /^127\.0\.0\.1:\d+$/, 'code-server names its remote by its address');
      assert.deepEqual(
        [options.shellPath, options.shellArgs],
        ['aws', ['sso', 'login', '--profile', 'readonly-sso', '--use-device-code']],
        'aws itself, with no shell command line to quote',
      );
      assert.equal(options.env?.AWS_CONFIG_FILE, configFile);
      const ran = await waitFor('the terminal to run aws', () => fs.existsSync(calls) && fs.readFileSync(calls, 'utf8'), 20_000);
      assert.equal(ran, `sso login --profile readonly-sso --use-device-code\n${configFile}\n`);
      await waitFor('the token cache', () => fs.existsSync(cacheFile));
      await waitFor('the terminal to close when aws exits', () => closed.has(terminal));
      assert.equal(closed.get(terminal), 0, 'the exit code of the stand-in');

      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      const policy = await waitFor('the policy', () => driver.notification(/^Password policy of the account of profile readonly-sso/));
      assert.equal(policy.severity, 'info');
      const portal = emulator.requests.filter((r) => r.service === 'sso');
      assert.deepEqual(
        portal.map((r) => [r.outcome, r.caller]),
        [['Success', 'arn:aws:sts::123456789012:assumed-role/ReadOnly/erin@example.com']],
      );
      const policyCall = emulator.requests.filter((r) => r.action === 'GetAccountPasswordPolicy').pop();
      assert.equal(policyCall?.caller, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/erin@example.com');
    } finally {
      watching.forEach((w) => w.dispose());
      driver.restore();
      fs.rmSync(path.join(binDir, 'aws'), { force: true });
    }
  });
});
