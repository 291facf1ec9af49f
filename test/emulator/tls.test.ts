import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SessionFailure } from '../../src/aws/sessionFailure';
import { describeError } from '../../src/aws/describeFailure';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD, operationAttempts, rejectionOf, SessionSettings } from './coreClientSupport';

describe('TLS in the extension IAM client', function () {
  let fixture: EmulatorFixture;
  let httpsUrl: string;
  const open = (settings: Partial<SessionSettings>): ReturnType<EmulatorFixture['open']> => fixture.open('alice', { settings });

  function caBundleFile(): string {
    const file = join(fixture.dir, 'emulator-ca.pem');
    writeFileSync(file, fixture.emulator.caCertPem ?? assert.fail('the emulator serves https'));
    return file;
  }

  beforeEach(async function () {
    fixture = await EmulatorFixture.start({ https: true });
    httpsUrl = fixture.emulator.httpsUrl ?? assert.fail('the emulator serves https');
  });

  afterEach(async function () {
    await fixture.stop();
  });

  it("trusts the emulator with the iamPassword.caBundle setting pointing at its CA's PEM", async function () {
    const { session, prepared } = await open({ endpointUrl: httpsUrl, caBundle: caBundleFile() });
    assert.equal(prepared.session.errorContext.endpoints[0].url, httpsUrl);
    assert.equal((await session.whoAmI()).name, 'alice');
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.deepEqual(prepared.logger.at('warn'), []);
  });

  it("trusts the emulator with the profile's ca_bundle", async function () {
    // Profiles pointing at the HTTPS endpoint, with the emulator's certificate as their ca_bundle.
    await fixture.stop();
    fixture = await EmulatorFixture.start({ https: true }, { https: true });
    const { session, prepared } = await open({});
    assert.match(prepared.session.errorContext.endpoints[0].url, /^https:/);
    assert.equal(prepared.session.profile.caBundle, fixture.files.caBundleFile);
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
  });

  it('without the CA: a certificate error naming iamPassword.caBundle, and nothing sent', async function () {
    const { session, prepared } = await open({ endpointUrl: httpsUrl });
    const error = await rejectionOf(session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
    assert.ok(error instanceof SessionFailure);
    assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    const attempts = operationAttempts(error);
    assert.ok(attempts.length > 0 && attempts.every((attempt) => !attempt.written), JSON.stringify(attempts));
    const report = describeError(error, prepared.errorContext);
    assert.equal(report.setting, 'iamPassword.caBundle');
    assert.ok(report.actions.includes('openSettings'));
    assert.match(report.title, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
    assert.match(report.detail, /iamPassword\.caBundle.*Nothing was sent/);
    assert.equal(report.outcome, 'notChanged');
    assert.equal(fixture.emulator.requests.length, 0);
    assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
  });

  it('verifySsl false works, and the log warns once per request', async function () {
    const { session, prepared } = await open({ endpointUrl: httpsUrl, verifySsl: false });
    await session.whoAmI();
    await session.getPasswordPolicy();
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    const requestWarnings = prepared.logger.at('warn').filter((line) => line.startsWith('Sending '));
    assert.deepEqual(
      requestWarnings,
      fixture.emulator.requests.map((r) => `Sending ${r.action} to ${httpsUrl}/ without verifying its TLS certificate.`),
    );
    assert.equal(requestWarnings.length, 3);
    assert.ok(prepared.logger.at('warn').some((line) => /verification is OFF \(iamPassword\.verifySsl = false\)/.test(line)));
  });
});
