// The AWS files hold secret keys, session tokens and credential_process command lines with tokens:
// with every profile used at Trace, none of them reaches the log, the status bar tooltip, the
// profile picker or a notification. The launcher's leak audit then searches the run's files too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { extensionLogFiles, secretEncodings } from '../harness/leakAudit';
import { Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { auditAlso } from './passwords';

const LOG_CHANNEL = 'AWS IAM Password';

/** The extension's log as written so far; the run's user data folder sits next to the workspace folder. */
function extensionLog(): string {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('the test VS Code has no workspace folder');
  const files = extensionLogFiles(path.join(path.dirname(workspace), 'user-data'), LOG_CHANNEL);
  return files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

/** Names each secret and encoding found in the text (never the secret itself). */
function leaksIn(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets).flatMap(([name, secret]) =>
    Object.entries(secretEncodings(secret))
      .filter(([, form]) => text.includes(form))
      .map(([encoding]) => `${name} (${encoding})`),
  );
}

describe('secrets in the AWS files: never in the log, the tooltip, the picker or a notification', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let driver: Driver;

  before(async () => {
    api = await testApi();
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    await api.store.pick('alice');
  });

  it('loads secret keys, session tokens and a credential_process holding a token, uses each profile at Trace, and shows none of them anywhere', async () => {
    const { emulator, files, awsDir } = account();
    const alice = { type: 'user', userName: 'alice' } as const;
    // Working keys (alice, MFA sessions), so every profile really signs its requests with them.
    const [inCredentials, inConfig, fromVault] = [1, 2, 3].map(() => emulator.createSession(alice, { mfaAuthenticated: true }));
    const vaultToken = 'hvs.CAESIJvaultTokenThatMustStaySecret9';
    const pasted = 'wJalrXUtnFEMIK7MDENGbPxRfiCYPastedAlone01';
    const secrets: Record<string, string> = {
      'secret key in the credentials file': inCredentials.secretAccessKey,
      'session token in the credentials file': inCredentials.sessionToken,
      'secret key in the config file': inConfig.secretAccessKey,
      'session token in the config file': inConfig.sessionToken,
      "the credential_process's secret key": fromVault.secretAccessKey,
      "the credential_process's session token": fromVault.sessionToken,
      "the credential_process's --vault-token": vaultToken,
      'a secret pasted on a line of its own': pasted,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      auditAlso(`AWS files test: ${name}`, secret);
    }
    const vault = path.join(awsDir, 'vault-credentials.sh');
    fs.writeFileSync(
      vault,
      [
        '#!/bin/sh',
        'if [ "$1" = fail ]; then echo "vault: login required" >&2; exit 2; fi',
        `printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s","SessionToken":"%s"}\\n' '${fromVault.accessKeyId}' '${fromVault.secretAccessKey}' '${fromVault.sessionToken}'`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const endpoint = `region = us-east-1\nendpoint_url = ${emulator.url}`;
    fs.appendFileSync(
      files.credentialsFile,
      [
        '',
        '[temp-keys]',
        `aws_access_key_id = ${inCredentials.accessKeyId}`,
        `aws_secret_access_key = ${inCredentials.secretAccessKey}`,
        `aws_session_token = ${inCredentials.sessionToken}`,
        // Lines the SDK skips, each warned about with its line number: never quoted.
        `aws_secret_access_key: ${inCredentials.secretAccessKey}`,
        pasted,
        '',
      ].join('\n'),
    );
    fs.appendFileSync(
      files.configFile,
      [
        '',
        `[profile temp-keys]\n${endpoint}`,
        `[profile cfg-keys]\n${endpoint}`,
        `aws_access_key_id = ${inConfig.accessKeyId}`,
        `AWS_SECRET_ACCESS_KEY = ${inConfig.secretAccessKey}`,
        `aws_secret_access_key = ${inConfig.secretAccessKey}`,
        `aws_session_token = ${inConfig.sessionToken}`,
        // The name botocore also reads; the SDK does not.
        `aws_security_token = ${inConfig.sessionToken}`,
        `[profile vault]\n${endpoint}\ncredential_process = ${vault} --vault-token=${vaultToken}`,
        `[profile vault-fails]\n${endpoint}\ncredential_process = ${vault} fail --vault-token=${vaultToken}`,
        '',
      ].join('\n'),
    );
    await api.store.load();
    await waitFor('the warning about the skipped lines', () => driver.notification(/^AWS config problem in .* line \d+: .*\(and \d+ more\)/));
    const profiles = ['temp-keys', 'cfg-keys', 'vault', 'vault-fails'];
    const shown: string[] = [];
    for (const profile of profiles) {
      await api.store.pick(profile);
      const before = driver.notifications.length;
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      await waitFor(`a notification for ${profile}`, () => driver.notifications.length > before || undefined);
      await waitFor(`the tooltip of ${profile}`, () => (api.statusBarItem.tooltip as vscode.MarkdownString).value.includes(profile) || undefined);
      // After the call, so the tooltip holds what the flow learnt (the caller).
      shown.push((api.statusBarItem.tooltip as vscode.MarkdownString).value);
    }
    shown.push(...driver.notifications.map((notification) => JSON.stringify(notification)));
    assert.match(shown.join('\n'), /vault: login required/, "the failing credential_process's stderr is shown");
    const policies = driver.notifications.filter((notification) => /^Password policy of the account of profile /.test(notification.message));
    assert.equal(policies.length, 3, `the three working profiles read the policy: ${shown.join('\n')}`);

    const picking = vscode.commands.executeCommand('iamPassword.selectProfile');
    const pick = await driver.nextQuickPick();
    const items = JSON.stringify(pick.items.map(({ label, description, detail }) => ({ label, description, detail })));
    assert.ok(
      profiles.every((profile) => items.includes(profile)),
      items,
    );
    pick.hide();
    await picking;

    // The log file is written a little after each line.
    const log = await waitFor(
      'the log of every profile used',
      () => {
        const text = extensionLog();
        return profiles.every((profile) => text.includes(`Profile ${profile} (`)) ? text : undefined;
      },
      10_000,
    );
    assert.match(log, /\[trace\] -> POST/, 'the log is at Trace, with the requests');
    assert.match(log, /x-amz-security-token":"\*\*\*"/, 'the session tokens were sent, redacted in the trace');
    assert.deepEqual(leaksIn(log, secrets), [], 'a secret in the log');
    assert.deepEqual(leaksIn(shown.join('\n'), secrets), [], 'a secret in a notification or the tooltip');
    assert.deepEqual(leaksIn(items, secrets), [], 'a secret in the picker');
    assert.ok(!items.includes(vault), 'the credential_process command line in the picker');
  });
});
