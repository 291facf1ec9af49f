import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import type { Emulator } from '../emulator';
import { Driver, testApi } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { PASSWORDS } from './passwords';

// The launcher's leak audit then searches every file of the run, the extension's log included,
// for these passwords in every encoding the endpoint used.
describe('an IAM endpoint that echoes the form back', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let emulator: Emulator;
  let driver: Driver;

  before(async () => {
    api = await testApi();
    emulator = account().emulator;
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    emulator.setFormEcho(undefined);
    for (const { message } of driver.notifications) {
      for (const [name, secret] of Object.entries(PASSWORDS)) {
        assert.ok(!message.includes(secret), `a notification shows the password ${name}`);
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  async function change(oldPassword: string, newPassword: string): Promise<unknown> {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), oldPassword);
    await driver.enter(await driver.nextInputBox(), newPassword);
    await driver.enter(await driver.nextInputBox(), newPassword);
    return done;
  }

  it('echoes the form in an HTML 502 gateway page after IAM applied the change: the log never holds either password', async () => {
    // First to passwords that need escaping in every encoding, with nothing echoed.
    assert.equal(await change(PASSWORDS.aliceInitial, PASSWORDS.echoFirst), 'changed');
    emulator.setFormEcho({ style: 'htmlGateway', applied: true });
    assert.equal(await change(PASSWORDS.echoFirst, PASSWORDS.echoSecond), 'failed');
    assert.equal(emulator.passwordOf('alice'), PASSWORDS.echoSecond);
    assert.ok(
      driver.notifications.some((n) => n.severity !== 'info'),
      JSON.stringify(driver.notifications),
    );
  });

  it('echoes the form in an XML error: the message shown hides the echoed values and says so', async () => {
    emulator.setFormEcho({ style: 'xmlError' });
    assert.equal(await change(PASSWORDS.echoSecond, PASSWORDS.echoFirst), 'failed');
    const shown = driver.notification(/MalformedInput/);
    assert.ok(shown, JSON.stringify(driver.notifications));
    assert.match(shown.message, /OldPassword="\*\*\*"/);
    assert.match(shown.message, /\(A value that matched one of your secrets, such as a password, was hidden\.\)/);
    assert.equal(emulator.passwordOf('alice'), PASSWORDS.echoSecond);
  });
});
