import assert from 'node:assert/strict';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD } from './coreClientSupport';

// The trace names each request after the one action its client sends: the policy, identity and
// ChangePassword clients share one transport, and the flow has identity and policy under way at once.
describe('Trace names each request, while calls overlap', function () {
  let fixture: EmulatorFixture;

  beforeEach(async function () {
    fixture = await EmulatorFixture.start();
  });

  afterEach(async function () {
    await fixture.stop();
  });

  it('names each request as its form body does, with GetAccountPasswordPolicy still waiting for its answer when ChangePassword is sent', async function () {
    fixture.emulator.injectFault({ kind: 'latency', ms: 400, action: 'GetAccountPasswordPolicy' });
    fixture.emulator.injectFault({ kind: 'latency', ms: 200, action: 'GetCallerIdentity' });
    const { session, prepared } = await fixture.open('alice');
    await session.signIn();
    const policy = session.getPasswordPolicy();
    const who = session.whoAmI();
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal((await policy).kind, 'account');
    assert.equal((await who).name, 'alice');
    const sent = prepared.logger.at('trace').filter((line) => line.startsWith('-> '));
    assert.equal(sent.length, 3, sent.join('\n'));
    for (const line of sent) {
      const named = /\((\w+), attempt \d+\)/.exec(line)?.[1];
      const inBody = /(?:^|&)Action=(\w+)/m.exec(line.split('\n')[2] ?? '')?.[1];
      assert.ok(named && named === inBody, `named ${named}, sent ${inBody}`);
    }
    const answered = prepared.logger.at('trace').filter((line) => line.startsWith('<- '));
    assert.deepEqual(
      answered.map((line) => /^<- \d+ (\w+) in/.exec(line)?.[1]),
      ['ChangePassword', 'GetCallerIdentity', 'GetAccountPasswordPolicy'],
      'answers come back in the order of their latency, each under its own name',
    );
  });
});
