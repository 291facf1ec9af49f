import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SessionFailure } from '../../src/aws/sessionFailure';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD, rejectionOf } from './coreClientSupport';

describe('One connection to IAM for a password change', function () {
  let fixture: EmulatorFixture;

  beforeEach(async function () {
    fixture = await EmulatorFixture.start({ https: true });
  });

  afterEach(async function () {
    await fixture.stop();
  });

  async function openOverTls(): ReturnType<EmulatorFixture['open']> {
    const caBundle = join(fixture.dir, 'emulator-ca.pem');
    writeFileSync(caBundle, fixture.emulator.caCertPem ?? assert.fail('the emulator serves https'));
    const endpointUrl = fixture.emulator.httpsUrl ?? assert.fail('the emulator serves https');
    return fixture.open('alice', { settings: { endpointUrl, caBundle } });
  }

  it('ChangePassword goes over the connection GetAccountPasswordPolicy opened: one TLS handshake', async function () {
    const { session } = await openOverTls();
    assert.equal((await session.getPasswordPolicy()).kind, 'account');
    assert.equal(fixture.emulator.tlsHandshakes, 1);
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.equal(fixture.emulator.tlsHandshakes, 1, 'ChangePassword opened a connection of its own');
  });

  it('identity and policy at once, as the flow asks them: ChangePassword still opens no connection', async function () {
    fixture.emulator.injectFault({ kind: 'latency', ms: 300, action: 'GetCallerIdentity' });
    fixture.emulator.injectFault({ kind: 'latency', ms: 300, action: 'GetAccountPasswordPolicy' });
    const { session, prepared } = await openOverTls();
    const started = Date.now();
    const [who, policy] = await Promise.all([session.whoAmI(), session.getPasswordPolicy()]);
    assert.ok(Date.now() - started < 550, `the two calls took ${Date.now() - started} ms: one waited for the other`);
    assert.equal(who.name, 'alice');
    assert.equal(policy.kind, 'account');
    const handshakes = fixture.emulator.tlsHandshakes;
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.tlsHandshakes, handshakes);
    // Each call is named for itself in the trace, although both were under way at once.
    const sent = prepared.logger.at('trace').filter((line) => line.startsWith('-> '));
    assert.deepEqual(sent.map((line) => /\((\w+), attempt/.exec(line)?.[1]).sort(), ['ChangePassword', 'GetAccountPasswordPolicy', 'GetCallerIdentity']);
    assert.ok(sent.every((line) => !line.includes(ALICE_PASSWORD) && !line.includes(NEW_PASSWORD)));
  });

  it("a failure of one of the two parallel calls holds only that call's attempts", async function () {
    fixture.emulator.injectFault({ kind: 'serviceFailure', action: 'GetAccountPasswordPolicy', count: 5 });
    const { session } = await openOverTls();
    const [who, failure] = await Promise.all([session.whoAmI(), rejectionOf(session.getPasswordPolicy())]);
    assert.equal(who.name, 'alice');
    assert.ok(failure instanceof SessionFailure);
    assert.equal(failure.operation, 'GetAccountPasswordPolicy');
    assert.deepEqual(
      failure.calls.map((call) => call.action),
      ['GetAccountPasswordPolicy'],
    );
  });
});
