import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import type { Emulator } from '../emulator';
import { delay, Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { auditAlso, PASSWORDS } from './passwords';

/** Seconds the tests set iamPassword.clipboardClearSeconds to. */
const CLEAR_SECONDS = 2;

/** Waits until the clipboard holds `expected`, or fails after `timeoutMs`. */
async function clipboardBecomes(expected: string, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await vscode.env.clipboard.readText()) !== expected) {
    if (Date.now() > until) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await delay(100);
  }
}

describe('copied passwords and the clipboard', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let emulator: Emulator;
  let driver: Driver;
  let generatedCount = 0;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('iamPassword');

  before(async () => {
    api = await testApi();
    emulator = account().emulator;
    await settings().update('clipboardClearSeconds', CLEAR_SECONDS, vscode.ConfigurationTarget.Global);
    // The web clipboard needs the browser's permission; an empty read would make every check below vacuous.
    await vscode.env.clipboard.writeText('clipboard check');
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard check', 'vscode.env.clipboard cannot be read back in this browser');
  });

  after(async () => {
    await settings().update('clipboardClearSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.env.clipboard.writeText('');
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  /** Opens the new-password box of Change Password, generates a password and presses Copy. */
  async function generateAndCopy(): Promise<{ box: vscode.InputBox; generated: string; done: Thenable<unknown> }> {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceInitial);
    const box = await driver.nextInputBox();
    await driver.pressButton(box, /^Generate/);
    const generated = box.value;
    assert.ok(generated.length >= 12, 'nothing was generated');
    auditAlso(`generated in the clipboard test ${++generatedCount}`, generated);
    await driver.pressButton(box, /^Copy the generated password$/);
    return { box, generated, done };
  }

  it('Copy puts the generated password on the clipboard and clears it after iamPassword.clipboardClearSeconds', async () => {
    const before = emulator.requests.length;
    const { box, generated, done } = await generateAndCopy();
    await clipboardBecomes(generated, 'the copy');
    await delay(CLEAR_SECONDS * 1000 - 800);
    assert.equal(await vscode.env.clipboard.readText(), generated, 'cleared too early');
    await clipboardBecomes('', 'the clipboard to be cleared');
    box.hide();
    assert.equal(await done, 'cancelled');
    assert.equal(emulator.requests.filter((r) => r.action === 'ChangePassword').length, 0);
    assert.ok(emulator.requests.length > before);
  });

  it('leaves the clipboard alone when something else was copied meanwhile', async () => {
    const { box, generated, done } = await generateAndCopy();
    assert.equal(await vscode.env.clipboard.readText(), generated);
    await vscode.env.clipboard.writeText('copied by the user');
    await delay(CLEAR_SECONDS * 1000 + 1000);
    assert.equal(await vscode.env.clipboard.readText(), 'copied by the user');
    box.hide();
    await done;
  });

  it('after a change that may have happened, Copy New Password copies it (cleared later), and the warning never shows it', async () => {
    await api.store.pick('alice');
    emulator.injectFault({ kind: 'resetAfterApply', action: 'ChangePassword' });
    driver.answerNotification(/may have|probably/i, 'Copy New Password');
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceInitial);
    await driver.enter(await driver.nextInputBox(), PASSWORDS.copied);
    await driver.enter(await driver.nextInputBox(), PASSWORDS.copied);
    assert.equal(await done, 'failed');
    const warning = driver.notification(/may have|probably/i);
    assert.ok(warning, JSON.stringify(driver.notifications));
    assert.equal(warning.severity, 'warning');
    assert.equal(warning.items[0], 'Copy New Password');
    assert.ok(!warning.message.includes(PASSWORDS.copied));
    assert.equal(emulator.passwordOf('alice'), PASSWORDS.copied);
    await clipboardBecomes(PASSWORDS.copied, 'the copy');
    await clipboardBecomes('', 'the clipboard to be cleared', CLEAR_SECONDS * 1000 + 5_000);
  });

  it('offers no Copy New Password when the new password came from a file, which still holds it', async () => {
    await api.store.pick('alice');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const file = vscode.Uri.joinPath(folder, 'clipboard.change-password.json');
    fs.writeFileSync(file.fsPath, JSON.stringify({ OldPassword: PASSWORDS.copied, NewPassword: PASSWORDS.fromFile }));
    emulator.injectFault({ kind: 'resetAfterApply', action: 'ChangePassword' });
    driver.answerNotification(/^Send the new password from clipboard\.change-password\.json/, 'Send');
    try {
      await vscode.commands.executeCommand('iamPassword.changePasswordFromFile', file);
      const warning = await waitFor('the warning', () => driver.notification(/may have|probably/i));
      assert.ok(!warning.items.includes('Copy New Password'), JSON.stringify(warning.items));
      assert.equal(emulator.passwordOf('alice'), PASSWORDS.fromFile);
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
