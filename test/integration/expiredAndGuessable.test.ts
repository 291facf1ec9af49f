import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { demoSeed, type Emulator } from '../emulator';
import { Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { PASSWORDS } from './passwords';

describe('Expired and guessable passwords through the real command', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let emulator: Emulator;
  let driver: Driver;

  before(async () => {
    api = await testApi();
    ({ emulator } = account());
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  const changeRequests = (): number => emulator.requests.filter((r) => r.action === 'ChangePassword').length;

  // The live estimate needs typing, which only the e2e suite does (a value set here fires no change event).
  it('Enter asks once before a guessable password that meets the policy, and takes it the second time', async () => {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceInitial);
    const fresh = await driver.nextInputBox();
    await driver.enter(fresh, PASSWORDS.guessable);
    const question = fresh.validationMessage;
    assert.ok(typeof question === 'object', 'Enter left a message');
    assert.match(question.message, /^This password is easy to guess \(it is a commonly used password.*\)\. Use it anyway\?/);
    assert.equal(driver.inputBoxes.length, 2, 'the first Enter stays in the box');

    await driver.enter(fresh, PASSWORDS.guessable);
    const confirm = await driver.nextInputBox();
    assert.deepEqual([confirm.step, confirm.totalSteps], [3, 3], 'the second Enter takes it');
    confirm.hide();
    assert.equal(await done, 'cancelled');
    assert.equal(changeRequests(), 0);
  });

  it('hard expiry: the policy view says the keys can change it, the command changes it, and the console takes the new one', async () => {
    emulator.setPasswordPolicy({ ...demoSeed().passwordPolicy, MaxPasswordAge: 90, HardExpiry: true });
    emulator.expirePassword('alice');
    assert.equal(emulator.consoleSignIn('alice', PASSWORDS.aliceInitial), 'expired');
    await api.store.pick('alice');

    await vscode.commands.executeCommand('iamPassword.showPasswordPolicy');
    const policy = await waitFor('the policy', () => driver.notification(/^Password policy of the account of profile alice/));
    assert.match(
      policy.detail ?? '',
      /Passwords expire after 90 days\.\nHard expiry: the console sign-in page will not replace an expired password, but its user can still change it here with their access keys/,
    );

    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceInitial);
    await driver.enter(await driver.nextInputBox(), PASSWORDS.afterExpiry);
    driver.answerNotification(/^Password changed/, 'Not now');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.afterExpiry);
    assert.equal(await done, 'changed');
    assert.equal(emulator.consoleSignIn('alice', PASSWORDS.afterExpiry), 'signedIn');
    assert.equal(emulator.consoleSignIn('alice', PASSWORDS.aliceInitial), 'wrongPassword');
  });

  it('warns about a guessable NewPassword in a change-password file, and not about a strong one', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const weak = vscode.Uri.joinPath(folder, 'weak.change-password.json');
    const strong = vscode.Uri.joinPath(folder, 'strong.change-password.json');
    const text = (password: string): string => `{\n    "OldPassword": "",\n    "NewPassword": "${password}"\n}\n`;
    fs.writeFileSync(weak.fsPath, text(PASSWORDS.guessable));
    fs.writeFileSync(strong.fsPath, text(PASSWORDS.afterExpiry));
    try {
      await vscode.window.showTextDocument(strong);
      await vscode.window.showTextDocument(weak);
      const warning = await waitFor('the guessable diagnostic', () => vscode.languages.getDiagnostics(weak).find((d) => d.code === 'guessable'));
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(warning.message, /^Strength [0-2] of 4: easy to guess, it is a commonly used password/);
      assert.deepEqual([warning.range.start.line, warning.range.start.character], [2, 19], 'on the value');
      assert.ok(!warning.message.includes(PASSWORDS.guessable), 'the diagnostic repeats the password');
      // The strong file was opened, so validated, first.
      assert.deepEqual(
        vscode.languages.getDiagnostics(strong).filter((d) => d.code === 'guessable'),
        [],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(weak.fsPath, { force: true });
      fs.rmSync(strong.fsPath, { force: true });
    }
  });
});
