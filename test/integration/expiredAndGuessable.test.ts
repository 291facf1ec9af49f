import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
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
    assert.match(policy.detail ?? '', /Passwords expire after 90 days\.\nHard expiry: the console sign-in page will not replace an expired password, but its user can still change it here with their access keys/);

    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceInitial);
    await driver.enter(await driver.nextInputBox(), PASSWORDS.afterExpiry);
    driver.answerNotification(/^Password changed/, 'Not now');
    await driver.enter(await driver.nextInputBox(), PASSWORDS.afterExpiry);
    assert.equal(await done, 'changed');
    assert.equal(emulator.consoleSignIn('alice', PASSWORDS.afterExpiry), 'signedIn');
    assert.equal(emulator.consoleSignIn('alice', PASSWORDS.aliceInitial), 'wrongPassword');
  });
});
