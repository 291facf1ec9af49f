import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import type { Emulator } from '../emulator';
import { Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { PASSWORDS } from './passwords';

describe('Change Password against the emulator', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let emulator: Emulator;
  let awsDir: string;
  let driver: Driver;
  const aliceNew = PASSWORDS.aliceNew;

  before(async () => {
    api = await testApi();
    ({ emulator, awsDir } = account());
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    for (const { message, detail, modal } of driver.notifications) {
      for (const [name, secret] of Object.entries(PASSWORDS)) {
        assert.ok(!message.includes(secret), `a notification shows the password ${name}`);
        assert.ok(modal || !detail?.includes(secret), `a non-modal notification shows the password ${name}`);
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  /** VS Code's watcher on a file outside the workspace starts a little after it is asked for; write again until seen. */
  async function writeUntilSeen<T>(file: string, content: string, what: string, seen: () => T | undefined): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      fs.writeFileSync(file, content);
      try {
        return await waitFor(what, seen, 3_000);
      } catch (error) {
        if (attempt === 5) {
          throw error;
        }
      }
    }
  }

  const changeRequests = (): number => emulator.requests.filter((r) => r.action === 'ChangePassword').length;

  it('shows the current profile in the status bar, with kind, whether it can change a password, region and file in the tooltip', async () => {
    await api.store.pick('alice');
    await waitFor('status bar text', () => api.statusBarItem.text === '$(account) alice');
    const tooltip = (api.statusBarItem.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /static keys/);
    assert.match(tooltip, /\$\(question\) Access keys: can change the password if they are an IAM user's and the user has one/);
    assert.match(tooltip, /us-east-1/);
    assert.ok(tooltip.includes(path.basename(awsDir)), tooltip);
    assert.equal(api.statusBarItem.command, 'iamPassword.selectProfile');
  });

  it('refreshes the status bar when the config file changes', async () => {
    await api.store.pick('alice');
    const configFile = process.env.AWS_CONFIG_FILE as string;
    const before = fs.readFileSync(configFile, 'utf8');
    try {
      const tooltip = (): string => (api.statusBarItem.tooltip as vscode.MarkdownString).value;
      const changed = before.replace(/(\[profile alice\][^[]*?region = )us-east-1/, '$1eu-west-3');
      await writeUntilSeen(configFile, changed, 'the new region in the tooltip', () => tooltip().includes('eu-west-3'));
    } finally {
      await writeUntilSeen(configFile, before, 'the old region back', () => (api.statusBarItem.tooltip as vscode.MarkdownString).value.includes('us-east-1'));
    }
  });

  it('reports a malformed config line with file and line, and the other profiles keep working', async () => {
    const configFile = process.env.AWS_CONFIG_FILE as string;
    const before = fs.readFileSync(configFile, 'utf8');
    const brokenLine = before.split('\n').length + 1;
    try {
      const warning = await writeUntilSeen(configFile, `${before}\nthis line is not an ini line\n`, 'the warning', () =>
        driver.notification(/AWS config problem/),
      );
      assert.equal(warning.severity, 'warning');
      assert.ok(warning.message.includes(`${configFile} line ${brokenLine}`), warning.message);
      assert.ok(api.store.current?.profiles.some((p) => p.name === 'alice'));
    } finally {
      await writeUntilSeen(configFile, before, 'the fixed file to load', () => api.store.current?.problems.length === 0);
    }
  });

  it('Switch Profile picks a profile from the files and the status bar follows', async () => {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.selectProfile');
    const pick = await driver.nextQuickPick();
    const labels = pick.items.map((i) => i.label.replace('$(check) ', ''));
    for (const expected of ['default', 'alice', 'bob', 'root', 'readonly-role']) {
      assert.ok(labels.includes(expected), `${expected} missing from ${labels.join(', ')}`);
    }
    await driver.choose(pick, /^bob$/);
    assert.equal(await done, 'bob');
    await waitFor('status bar text', () => api.statusBarItem.text === '$(account) bob');
  });

  it('Switch Profile says which profiles can change a password, and offers the way back to the default', async () => {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.selectProfile');
    const pick = await driver.nextQuickPick();
    const detailOf = (name: string): string => pick.items.find((i) => i.label.replace('$(check) ', '') === name)?.detail ?? '';
    assert.match(detailOf('readonly-role'), /^\$\(circle-slash\) Cannot change a password: signs in as a role/);
    assert.match(detailOf('readonly-sso'), /^\$\(circle-slash\) Cannot change a password: signs in through IAM Identity Center/);
    // Before AWS says who bob is, never a plain yes.
    assert.match(detailOf('bob'), /^\$\(question\) Access keys: can change the password if they are an IAM user's/);
    assert.match(pick.items[0].label, /^\$\(discard\) Use the default profile: default$/);
    await driver.choose(pick, /Use the default profile/);
    assert.equal(await done, 'default');
    assert.equal(api.store.choice(api.store.current ?? assert.fail()).reason, 'default');
    await waitFor('status bar text', () => api.statusBarItem.text === '$(account) default');

    const again = vscode.commands.executeCommand('iamPassword.selectProfile');
    const second = await driver.nextQuickPick();
    assert.ok(!second.items.some((i) => /Use the default profile/.test(i.label)), 'no way back offered when nothing was picked');
    second.hide();
    await again;
  });

  it('with no profiles at all, offers to create the credentials file and to run aws configure', async () => {
    const { configFile, credentialsFile } = api.store.current?.paths ?? assert.fail('profiles not read');
    const saved = [configFile, credentialsFile].map((file) => [file, fs.readFileSync(file, 'utf8')] as const);
    const terminals = vscode.window.terminals.length;
    try {
      fs.rmSync(credentialsFile);
      await writeUntilSeen(configFile, '', 'no profiles', () => api.store.current?.profiles.length === 0);
      const done = vscode.commands.executeCommand('iamPassword.selectProfile');
      const pick = await driver.nextQuickPick();
      assert.deepEqual(
        pick.items.map((i) => i.label),
        ['$(new-file) Open the credentials file', '$(terminal) Run aws configure in a terminal'],
      );
      await driver.choose(pick, /Open the credentials file/);
      await done;
      const editor = await waitFor('the credentials file in an editor', () =>
        vscode.window.activeTextEditor?.document.uri.fsPath === credentialsFile ? vscode.window.activeTextEditor : undefined,
      );
      assert.match(editor.document.getText(), /^# \[default\]\n# aws_access_key_id = /m);
      assert.equal(fs.statSync(credentialsFile).mode & 0o777, 0o600);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      // Caught as it opens: aws is the terminal's process, and the terminal closes when it ends (or fails to start).
      const opened: vscode.Terminal[] = [];
      const watch = vscode.window.onDidOpenTerminal((t) => opened.push(t));
      const configure = vscode.commands.executeCommand('iamPassword.selectProfile');
      await driver.choose(await driver.nextQuickPick(), /Run aws configure/);
      await configure;
      const terminal = await waitFor('the aws configure terminal', () => opened.find((t) => t.name === 'aws configure'));
      watch.dispose();
      assert.equal(opened.length, 1);
      assert.ok(vscode.window.terminals.length <= terminals + 1);
      const options = terminal.creationOptions as vscode.TerminalOptions;
      assert.deepEqual([options.shellPath, options.shellArgs], ['aws', ['configure']], 'aws itself, with no shell command line to quote');
      assert.deepEqual(options.env, { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile });
      terminal.dispose();
    } finally {
      for (const [file, content] of saved) {
        fs.writeFileSync(file, content);
      }
      await api.store.load();
    }
  });

  it('changes the password: three masked steps, then the success message, and IAM has it', async () => {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.changePassword');

    const current = await driver.nextInputBox();
    assert.equal(current.password, true);
    assert.equal(current.ignoreFocusOut, true);
    assert.deepEqual([current.step, current.totalSteps], [1, 3]);
    await waitFor('the title naming the user', () => /alice.*123456789012/.test(current.title ?? ''));
    await driver.enter(current, PASSWORDS.aliceInitial);

    const fresh = await driver.nextInputBox();
    assert.equal(fresh.password, true);
    assert.deepEqual([fresh.step, fresh.totalSteps], [2, 3]);
    await driver.enter(fresh, aliceNew);

    const confirm = await driver.nextInputBox();
    assert.equal(confirm.password, true);
    assert.deepEqual([confirm.step, confirm.totalSteps], [3, 3]);

    driver.answerNotification(/^Password changed/, 'Open Console Sign-in');
    await driver.enter(confirm, aliceNew);

    assert.equal(await done, 'changed');
    const success = driver.notification(/^Password changed for IAM user alice in account 123456789012\.$/);
    assert.deepEqual(success?.items, ['Open Console Sign-in'], JSON.stringify(driver.notifications));
    assert.equal(emulator.passwordOf('alice'), aliceNew);
    assert.ok(driver.progress.includes('Changing the password of IAM user alice...'), JSON.stringify(driver.progress));
    await waitFor('the sign-in page to be opened', () => driver.opened.length > 0);
    assert.deepEqual(driver.opened, ['https://123456789012.signin.aws.amazon.com/console']);
  });

  it('keeps Enter from accepting a new password the policy refuses, and Escape sends nothing', async () => {
    await api.store.pick('alice');
    const before = changeRequests();
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), aliceNew);
    const fresh = await driver.nextInputBox();
    await driver.enter(fresh, 'short');
    const message = fresh.validationMessage;
    const text = typeof message === 'string' ? message : (message?.message ?? '');
    assert.match(text, /at least 12 characters/);
    assert.equal(driver.inputBoxes.length, 2, 'the confirm step opened although the policy is not met');
    fresh.hide();
    assert.equal(await done, 'cancelled');
    assert.equal(changeRequests(), before);
  });

  it('opens the current-password box before the identity and the policy arrive, and fetches both at once', async () => {
    await api.store.pick('alice');
    const DELAY_MS = 1_500;
    emulator.injectFault({ kind: 'latency', ms: DELAY_MS, action: 'GetCallerIdentity' });
    emulator.injectFault({ kind: 'latency', ms: DELAY_MS, action: 'GetAccountPasswordPolicy' });
    const requestsBefore = emulator.requests.length;
    const started = Date.now();
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    const current = await driver.nextInputBox();
    assert.ok(Date.now() - started < DELAY_MS, `the box took ${Date.now() - started} ms: it waited for a call`);
    assert.equal(await vscode.commands.executeCommand('iamPassword.changePassword'), 'busy', 'a second change while the first runs');
    const answered = (): number => emulator.requests.slice(requestsBefore).filter((r) => r.status !== undefined).length;
    assert.equal(answered(), 0, 'an answer came before the box was checked');
    assert.equal(current.busy, true);
    assert.match(current.title ?? '', /profile alice/);
    await waitFor('the title naming the user', () => /IAM user alice/.test(current.title ?? ''));
    await waitFor('the busy indicator off', () => !current.busy);
    const checks = emulator.requests.slice(requestsBefore);
    assert.deepEqual(checks.map((r) => r.action).sort(), ['GetAccountPasswordPolicy', 'GetCallerIdentity']);
    const [first, second] = checks.map((r) => r.time.getTime());
    assert.ok(Math.abs(first - second) < DELAY_MS / 2, `the calls arrived ${Math.abs(first - second)} ms apart: one waited for the other`);
    current.hide();
    assert.equal(await done, 'cancelled');
  });

  it('closes the box and reports a policy call that failed behind it, as before, and sends nothing', async () => {
    await api.store.pick('alice');
    emulator.injectFault({ kind: 'serviceFailure', action: 'GetAccountPasswordPolicy', count: 10 });
    const before = changeRequests();
    try {
      const done = vscode.commands.executeCommand('iamPassword.changePassword');
      await driver.nextInputBox();
      assert.equal(await done, 'failed');
    } finally {
      emulator.clearFaults();
    }
    const shown = driver.notification(/GetAccountPasswordPolicy/);
    assert.ok(shown, JSON.stringify(driver.notifications));
    assert.equal(shown.severity, 'error');
    assert.equal(driver.inputBoxes.length, 1);
    assert.equal(changeRequests(), before);
  });

  it('refuses the root profile: the box closes, and Enter pressed before the identity was known sends nothing', async () => {
    await api.store.pick('root');
    emulator.injectFault({ kind: 'latency', ms: 1_500, action: 'GetCallerIdentity' });
    const before = changeRequests();
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    const current = await driver.nextInputBox();
    assert.equal(current.busy, true);
    await driver.enter(current, PASSWORDS.aliceInitial);
    assert.equal(await done, 'refused');
    assert.ok(driver.notification(/root user/), JSON.stringify(driver.notifications));
    assert.equal(driver.inputBoxes.length, 1, 'a box opened after the current password for the root user');
    assert.equal(changeRequests(), before);
  });

  it('refuses a role profile by its kind: no password box, nothing sent', async () => {
    await api.store.pick('readonly-role');
    const before = emulator.requests.length;
    assert.equal(await vscode.commands.executeCommand('iamPassword.changePassword'), 'refused');
    const refusal = driver.notification(/signs in as role arn:aws:iam::123456789012:role\/ReadOnly/);
    assert.ok(refusal, JSON.stringify(driver.notifications));
    assert.deepEqual(refusal.items, ['Switch Profile', 'Show Logs']);
    assert.equal(driver.inputBoxes.length, 0);
    assert.equal(emulator.requests.length, before, 'a request was sent for a profile that cannot change a password');
  });

  it('refuses a role profile with mfa_serial before the MFA box, and sends nothing', async () => {
    await api.store.pick('admin-role');
    const before = emulator.requests.length;
    assert.equal(await vscode.commands.executeCommand('iamPassword.changePassword'), 'refused');
    assert.ok(
      driver.notification(/signs in as role arn:aws:iam::123456789012:role\/Admin\. A role has no console password/),
      JSON.stringify(driver.notifications),
    );
    assert.equal(driver.inputBoxes.length, 0, 'an MFA box opened for a profile that cannot change a password');
    assert.equal(emulator.requests.length, before);
  });

  it('refuses an SSO profile before any sign-in or request', async () => {
    await api.store.pick('readonly-sso');
    const before = emulator.requests.length;
    const terminals = vscode.window.terminals.length;
    assert.equal(await vscode.commands.executeCommand('iamPassword.changePassword'), 'refused');
    const refusal = driver.notification(/IAM Identity Center/);
    assert.ok(refusal, JSON.stringify(driver.notifications));
    assert.ok(!refusal.items.includes('Run aws sso login'));
    assert.equal(driver.inputBoxes.length, 0);
    assert.equal(vscode.window.terminals.length, terminals);
    assert.equal(emulator.requests.length, before);
  });

  it('still shows the password policy with a role profile', async () => {
    await api.store.pick('readonly-role');
    const before = emulator.requests.length;
    await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
    assert.ok(driver.notification(/^Password policy of the account of profile readonly-role$/), JSON.stringify(driver.notifications));
    assert.deepEqual(
      emulator.requests.slice(before).map((r) => `${r.action} ${r.outcome}`),
      ['AssumeRole Success', 'GetAccountPasswordPolicy Success'],
    );
  });

  it('asks for a 6-digit MFA code for a static-key profile with mfa_serial, once per session', async () => {
    await api.store.pick('alice-mfa');
    const sessionsBefore = emulator.requests.filter((r) => r.action === 'GetSessionToken').length;
    const first = vscode.commands.executeCommand('iamPassword.changePassword');
    const mfa = await driver.nextInputBox();
    assert.match(mfa.title ?? '', /MFA code for profile alice-mfa/);
    await driver.enter(mfa, '12ab');
    assert.equal(driver.inputBoxes.length, 1, 'a code that is not 6 digits was accepted');
    await driver.enter(mfa, '123456');
    const current = await driver.nextInputBox();
    assert.match(current.title ?? '', /IAM user alice/);
    current.hide();
    assert.equal(await first, 'cancelled');

    const second = vscode.commands.executeCommand('iamPassword.changePassword');
    const again = await driver.nextInputBox();
    assert.equal(again.password, true, 'the MFA code was asked for again');
    again.hide();
    assert.equal(await second, 'cancelled');
    assert.equal(emulator.requests.filter((r) => r.action === 'GetSessionToken').length, sessionsBefore + 1);
  });

  it('sends nothing when the MFA prompt of a role profile is cancelled (Show Account Password Policy)', async () => {
    await api.store.pick('admin-role');
    const before = emulator.requests.length;
    const done = vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
    const mfa = await driver.nextInputBox();
    assert.match(mfa.title ?? '', /MFA code for profile admin-role/);
    mfa.hide();
    await done;
    assert.deepEqual(driver.notifications, [], 'Escape at the MFA prompt is not an error');
    assert.equal(emulator.requests.length, before);
  });

  it('says a wrong current password may be the cause, with Show Logs, and nothing changed', async () => {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.wrongCurrent);
    await driver.enter(await driver.nextInputBox(), PASSWORDS.rejectedNew);
    await driver.enter(await driver.nextInputBox(), PASSWORDS.rejectedNew);
    assert.equal(await done, 'failed');
    const shown = driver.notification(/AccessDenied/);
    assert.ok(shown, JSON.stringify(driver.notifications));
    assert.equal(shown.severity, 'error');
    assert.match(shown.message, /current password may be wrong/);
    assert.ok(shown.items.includes('Show Logs'));
    assert.equal(emulator.passwordOf('alice'), aliceNew);
  });

  it('changes the password from a change-password.json, then offers to clear it', async () => {
    await api.store.pick('alice');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test VS Code has no workspace folder');
    const file = vscode.Uri.joinPath(folder, 'it.change-password.json');
    const next = PASSWORDS.fromFile;
    fs.writeFileSync(file.fsPath, JSON.stringify({ OldPassword: aliceNew, NewPassword: next }, null, 4));
    driver.answerNotification(/Clear them from the file\?/, 'Clear Passwords');
    driver.answerNotification(/^Send the new password from it\.change-password\.json to AWS IAM with profile alice\?$/, 'Send');
    try {
      await vscode.commands.executeCommand('iamPassword.changePasswordFromFile', file);
      assert.equal(driver.inputBoxes.length, 0, 'a box was opened although the file had both passwords');
      assert.ok(driver.notification(/^Password changed for IAM user alice/), JSON.stringify(driver.notifications));
      assert.equal(emulator.passwordOf('alice'), next);
      const cleared = JSON.parse(fs.readFileSync(file.fsPath, 'utf8')) as Record<string, string>;
      assert.deepEqual(cleared, { OldPassword: '', NewPassword: '' });
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  // This VS Code runs with workspace trust off, so trust is faked here; test/e2e/untrustedWorkspace.test.ts
  // checks the same in a real Restricted Mode window.
  it('in an untrusted workspace validates a file, then asks before sending, and sends nothing on No', async () => {
    await api.store.pick('alice');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const file = vscode.Uri.joinPath(folder, 'untrusted.change-password.json');
    fs.writeFileSync(file.fsPath, JSON.stringify({ OldPassword: PASSWORDS.fromFile, NewPassword: PASSWORDS.rejectedNew }));
    const trusted = api.ui.isWorkspaceTrusted;
    api.ui.isWorkspaceTrusted = () => false;
    const before = emulator.requests.length;
    try {
      await vscode.commands.executeCommand('iamPassword.changePasswordFromFile', file);
      const asked = driver.notification(/This workspace is not trusted/);
      assert.ok(asked, JSON.stringify(driver.notifications));
      assert.equal(asked.message, 'This workspace is not trusted. Send the new password from untrusted.change-password.json to AWS IAM with profile alice?');
      assert.deepEqual(asked.items, ['Send', 'Show New Password']);
      assert.equal(emulator.requests.length, before);
    } finally {
      api.ui.isWorkspaceTrusted = trusted;
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  it('refuses a file with an unknown key with the CLI message, and sends nothing', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const file = vscode.Uri.joinPath(folder, 'bad.change-password.json');
    fs.writeFileSync(file.fsPath, '{\n    "OldPassword": "x",\n    "Bogus": "y"\n}\n');
    const before = emulator.requests.length;
    try {
      await vscode.commands.executeCommand('iamPassword.changePasswordFromFile', file);
      assert.ok(driver.notification(/Unknown parameter in input: "Bogus", must be one of: OldPassword, NewPassword/), JSON.stringify(driver.notifications));
      assert.equal(emulator.requests.length, before);
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
