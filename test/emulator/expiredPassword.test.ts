import assert from 'node:assert/strict';
import { describePolicy } from '../../src/password/passwordPolicy';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD } from './coreClientSupport';
import { demoSeed, type PasswordPolicy } from './index';

const DAY_MS = 24 * 3600 * 1000;
/** The demo policy with passwords that expire after 90 days. */
const expiringPolicy = (hardExpiry: boolean): PasswordPolicy => ({ ...demoSeed().passwordPolicy, MaxPasswordAge: 90, HardExpiry: hardExpiry });

describe('an expired console password, changed with access keys', function () {
  let fixture: EmulatorFixture;

  afterEach(async function () {
    await fixture?.stop();
  });

  it('hard expiry: the console refuses the password; the extension session changes it with the keys; the console takes the new one', async function () {
    fixture = await EmulatorFixture.start();
    const { emulator } = fixture;
    emulator.setPasswordPolicy(expiringPolicy(true));
    emulator.expirePassword('alice');
    assert.equal(emulator.consoleSignIn('alice', ALICE_PASSWORD), 'expired');

    const { session } = await fixture.open('alice');
    assert.equal((await session.whoAmI()).name, 'alice');
    const policy = await session.getPasswordPolicy();
    assert.ok(policy.kind === 'account' && policy.policy.HardExpiry, 'the session reads HardExpiry');
    const hardExpiryLine = describePolicy(policy).find((line) => line.startsWith('Hard expiry'));
    assert.match(hardExpiryLine ?? '', /can still change it here with their access keys/);
    assert.doesNotMatch(describePolicy(policy).join('\n'), /only an administrator/);

    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(emulator.consoleSignIn('alice', NEW_PASSWORD), 'signedIn');
    assert.equal(emulator.consoleSignIn('alice', ALICE_PASSWORD), 'wrongPassword');
    assert.deepEqual(
      emulator.requests.map((request) => [request.action, request.outcome]),
      [
        ['GetCallerIdentity', 'Success'],
        ['GetAccountPasswordPolicy', 'Success'],
        ['ChangePassword', 'Success'],
      ],
    );
  });

  it('without hard expiry the console would ask for a new password; the keys change it just the same', async function () {
    fixture = await EmulatorFixture.start();
    fixture.emulator.setPasswordPolicy(expiringPolicy(false));
    fixture.emulator.expirePassword('alice');
    assert.equal(fixture.emulator.consoleSignIn('alice', ALICE_PASSWORD), 'mustChangePassword');
    const { session } = await fixture.open('alice');
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.consoleSignIn('alice', NEW_PASSWORD), 'signedIn');
  });

  it('expires a seeded password by its age: MaxPasswordAge days after passwordLastChanged, and never without MaxPasswordAge', async function () {
    const seed = demoSeed();
    const alice = seed.users?.find((user) => user.name === 'alice');
    assert.ok(alice?.loginProfile);
    alice.loginProfile.passwordLastChanged = new Date(Date.now() - 91 * DAY_MS).toISOString();
    seed.passwordPolicy = expiringPolicy(true);
    fixture = await EmulatorFixture.start({ seed });
    assert.equal(fixture.emulator.consoleSignIn('alice', ALICE_PASSWORD), 'expired');
    assert.equal(fixture.emulator.consoleSignIn('carol', 'Carol-Secret-3'), 'signedIn', 'a password set at seed time is current');
    assert.equal(fixture.emulator.consoleSignIn('bob', 'anything'), 'noConsolePassword');
    fixture.emulator.setPasswordPolicy({ ...expiringPolicy(true), MaxPasswordAge: undefined });
    assert.equal(fixture.emulator.consoleSignIn('alice', ALICE_PASSWORD), 'signedIn');
  });
});
