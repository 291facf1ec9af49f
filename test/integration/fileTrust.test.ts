// What is asked before anything is sent: a change-password file's new password, shown on request,
// and in an untrusted workspace a profile's credential_process. Nothing here changes a password.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { PASSWORDS } from './passwords';

describe('Before sending: the file question and Restricted Mode', function () {
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

  afterEach(() => {
    driver.restore();
    // Show New Password puts the value in a modal's detail, and nowhere else.
    for (const { message, detail, modal } of driver.notifications) {
      for (const [name, secret] of Object.entries(PASSWORDS)) {
        assert.ok(!message.includes(secret) && (modal || !detail?.includes(secret)), `a notification's text shows the password ${name}`);
      }
    }
  });

  function writeFile(name: string, content: object): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test VS Code has no workspace folder');
    const file = vscode.Uri.joinPath(folder, name);
    fs.writeFileSync(file.fsPath, JSON.stringify(content, null, 4));
    return file;
  }

  it("asks before sending a file's new password in a trusted workspace, naming file and profile; Show New Password shows it in a modal, then asks again; Cancel sends nothing", async () => {
    await api.store.pick('alice');
    const { emulator } = account();
    const file = writeFile('shown.change-password.json', { OldPassword: PASSWORDS.wrongCurrent, NewPassword: ` ${PASSWORDS.rejectedNew}` });
    const question = /^Send the new password from shown\.change-password\.json to AWS IAM with profile alice\?$/;
    driver.answerNotification(question, 'Show New Password', { once: true });
    const before = emulator.requests.length;
    try {
      assert.ok(api.ui.isWorkspaceTrusted(), 'this VS Code runs with workspace trust off: every folder is trusted');
      await vscode.commands.executeCommand('iamPassword.changePasswordFromFile', file);
      const shown = driver.notifications.map(({ message, items, modal, detail }) => ({ message, items, modal, detail }));
      const asked = {
        message: 'Send the new password from shown.change-password.json to AWS IAM with profile alice?',
        items: ['Send', 'Show New Password'],
        modal: true,
        detail: 'The file was validated; nothing has been sent yet.',
      };
      assert.deepEqual(shown, [
        asked,
        {
          message: 'The new password in shown.change-password.json',
          items: [],
          modal: true,
          detail: `" ${PASSWORDS.rejectedNew}"\n\n${PASSWORDS.rejectedNew.length + 1} characters, between the quotes as JSON writes them (a character you cannot see as \\uXXXX).`,
        },
        asked,
      ]);
      assert.equal(emulator.requests.length, before, 'nothing was sent, not even the identity preflight');
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  it('after a failed change from a file, offers to clear it too, and says to keep it if the password may have changed', async () => {
    await api.store.pick('alice');
    const { emulator } = account();
    const alicePassword = emulator.passwordOf('alice');
    const file = writeFile('failed.change-password.json', { OldPassword: PASSWORDS.wrongCurrent, NewPassword: PASSWORDS.rejectedNew });
    driver.answerNotification(/^Send the new password from failed\.change-password\.json/, 'Send');
    driver.answerNotification(/Clear them from the file\?/, 'Clear Passwords');
    try {
      await vscode.commands.executeCommand('iamPassword.changePasswordFromFile', file);
      assert.ok(driver.notification(/AccessDenied/), JSON.stringify(driver.notifications));
      const offer = await waitFor('the offer to clear the file', () => driver.notification(/Clear them from the file\?/));
      assert.equal(
        offer.message,
        `The passwords are still in ${file.fsPath}. Clear them from the file? Keep them if the password may have changed: the new one is only there.`,
      );
      await waitFor('the cleared file', () => fs.readFileSync(file.fsPath, 'utf8').includes('"NewPassword": ""') || undefined);
      assert.deepEqual(JSON.parse(fs.readFileSync(file.fsPath, 'utf8')), { OldPassword: '', NewPassword: '' });
      assert.equal(emulator.passwordOf('alice'), alicePassword, 'the wrong current password changed nothing');
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  it('in an untrusted workspace asks before using keys from the environment whose endpoint comes from a file inside the workspace (AWS_CONFIG_FILE), and sends nothing on No', async () => {
    const { emulator } = account();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    const inside = path.join(folder, 'aws-config-env');
    fs.writeFileSync(inside, `[default]\nregion = us-east-1\nendpoint_url = ${emulator.url}\n`);
    const trusted = api.ui.isWorkspaceTrusted;
    api.ui.isWorkspaceTrusted = () => false;
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_CONFIG_FILE: inside,
      AWS_ACCESS_KEY_ID: 'AKIADEMOALICE0000001',
      AWS_SECRET_ACCESS_KEY: 'demoAliceSecretKey0000000000000000000001',
    });
    const before = emulator.requests.length;
    try {
      await api.store.load();
      await api.store.pick('(environment variables)');
      await vscode.commands.executeCommand('iamPassword.changePassword');
      const asked = driver.notification(/inside it\. Use the profile\?/);
      assert.ok(asked, JSON.stringify(driver.notifications));
      assert.equal(
        asked.message,
        `This workspace is not trusted, and profile (environment variables) takes endpoint_url of profile default from ${inside}, inside it. Use the profile?`,
      );
      assert.equal(emulator.requests.length, before, 'nothing was sent, before the question or after No');
    } finally {
      api.ui.isWorkspaceTrusted = trusted;
      for (const name of ['AWS_CONFIG_FILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
        if (saved[name] === undefined) {
          delete process.env[name];
        } else {
          process.env[name] = saved[name];
        }
      }
      await api.store.pick(undefined);
      await api.store.load();
      fs.rmSync(inside, { force: true });
    }
  });

  it('in an untrusted workspace asks before using a profile read from a file inside the workspace (AWS_CONFIG_FILE), and sends nothing on No', async () => {
    const { emulator, files } = account();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    const inside = path.join(folder, 'aws-config');
    fs.copyFileSync(files.configFile, inside);
    const trusted = api.ui.isWorkspaceTrusted;
    api.ui.isWorkspaceTrusted = () => false;
    process.env.AWS_CONFIG_FILE = inside;
    const before = emulator.requests.length;
    try {
      await api.store.load();
      await api.store.pick('alice');
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      const asked = driver.notification(/inside it\. Use the profile\?/);
      assert.ok(asked, JSON.stringify(driver.notifications));
      assert.match(asked.message, new RegExp(`^This workspace is not trusted, and profile alice takes .+ from ${inside}, inside it\\. Use the profile\\?$`));
      assert.deepEqual([asked.items, asked.modal], [['Use Profile'], true]);
      assert.equal(emulator.requests.length, before, 'nothing was sent');

      api.ui.isWorkspaceTrusted = trusted;
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      assert.equal(driver.notifications.filter((n) => /Use the profile\?/.test(n.message)).length, 1, 'a trusted workspace does not ask');
      assert.ok(emulator.requests.length > before, 'a trusted workspace uses the profile');
    } finally {
      api.ui.isWorkspaceTrusted = trusted;
      process.env.AWS_CONFIG_FILE = files.configFile;
      await api.store.load();
      fs.rmSync(inside, { force: true });
    }
  });

  it('in an untrusted workspace asks before using a profile outside it whose endpoint is a [services] entry of a config file inside it, and sends nothing on No', async () => {
    const { emulator, files } = account();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    const inside = path.join(folder, 'aws-config-services');
    fs.writeFileSync(inside, `[services corp]\niam =\n  endpoint_url = ${emulator.url}\nsts =\n  endpoint_url = ${emulator.url}\n`);
    const outside = path.join(path.dirname(files.credentialsFile), 'credentials-with-services');
    const keys = fs
      .readFileSync(files.credentialsFile, 'utf8')
      .split(/^\[/m)
      .find((section) => section.startsWith('alice]'));
    assert.ok(keys, 'the demo credentials file has alice');
    fs.writeFileSync(outside, `[${keys.trimEnd()}\nservices = corp\nregion = us-east-1\n`);
    const trusted = api.ui.isWorkspaceTrusted;
    api.ui.isWorkspaceTrusted = () => false;
    Object.assign(process.env, { AWS_CONFIG_FILE: inside, AWS_SHARED_CREDENTIALS_FILE: outside });
    const before = emulator.requests.length;
    try {
      await api.store.load();
      await api.store.pick('alice');
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      const asked = driver.notification(/inside it\. Use the profile\?/);
      assert.ok(asked, JSON.stringify(driver.notifications));
      assert.equal(
        asked.message,
        `This workspace is not trusted, and profile alice takes the iam entry of [services corp] from ${inside}, inside it. Use the profile?`,
      );
      assert.equal(emulator.requests.length, before, 'nothing was sent');
    } finally {
      api.ui.isWorkspaceTrusted = trusted;
      Object.assign(process.env, { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile });
      await api.store.pick(undefined);
      await api.store.load();
      fs.rmSync(inside, { force: true });
      fs.rmSync(outside, { force: true });
    }
  });

  it('in an untrusted workspace opens no terminal: no Run aws configure in the picker, no Run aws sso login button', async () => {
    const { files, awsDir } = account();
    const trusted = api.ui.isWorkspaceTrusted;
    api.ui.isWorkspaceTrusted = () => false;
    const empty = path.join(awsDir, 'empty-config');
    fs.writeFileSync(empty, '');
    try {
      process.env.AWS_CONFIG_FILE = empty;
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(awsDir, 'no-credentials');
      await api.store.load();
      const picking = vscode.commands.executeCommand('iamPassword.selectProfile');
      const pick = await driver.nextQuickPick();
      assert.deepEqual(
        pick.items.map((i) => i.label),
        ['$(new-file) Open the credentials file'],
      );
      pick.hide();
      await picking;

      process.env.AWS_CONFIG_FILE = files.configFile;
      process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
      await api.store.load();
      await api.store.pick('readonly-sso');
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      const failure = await waitFor('the SSO notification', () => driver.notification(/SSO session of profile readonly-sso/));
      assert.match(failure.message, /aws sso login --profile readonly-sso/, 'the message still says what to run');
      assert.deepEqual(failure.items, ['Show Logs']);
    } finally {
      api.ui.isWorkspaceTrusted = trusted;
      process.env.AWS_CONFIG_FILE = files.configFile;
      process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
      await api.store.load();
      await api.store.pick('alice');
    }
  });

  // This VS Code runs with workspace trust off, so trust is faked here, as the credential_process
  // cannot be set up in the e2e window's AWS files without changing every other scenario there.
  it("in an untrusted workspace asks before running a profile's credential_process, and runs nothing on No", async () => {
    const { emulator, files, awsDir } = account();
    const marker = path.join(awsDir, 'credential-process-ran');
    const script = path.join(awsDir, 'credential-process.sh');
    fs.writeFileSync(script, `#!/bin/sh\necho ran > '${marker}'\nexit 1\n`, { mode: 0o755 });
    fs.appendFileSync(files.configFile, `\n[profile from-process]\nregion = us-east-1\nendpoint_url = ${emulator.url}\ncredential_process = ${script}\n`);
    await api.store.load();
    await api.store.pick('from-process');
    const trusted = api.ui.isWorkspaceTrusted;
    api.ui.isWorkspaceTrusted = () => false;
    const before = emulator.requests.length;
    try {
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      const asked = driver.notification(/credential_process/);
      assert.ok(asked, JSON.stringify(driver.notifications));
      assert.equal(
        asked.message,
        'This workspace is not trusted. Profile from-process gets its credentials by running its credential_process program: run it?',
      );
      assert.deepEqual([asked.items, asked.modal], [['Run'], true]);
      assert.equal(fs.existsSync(marker), false, 'the credential_process ran although the answer was no');
      assert.equal(emulator.requests.length, before);

      driver.answerNotification(/credential_process program: run it\?/, 'Run');
      await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
      await waitFor('the credential_process to run after Run', () => fs.existsSync(marker) || undefined);
    } finally {
      api.ui.isWorkspaceTrusted = trusted;
      await api.store.pick('alice');
    }
  });
});
