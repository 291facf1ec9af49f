import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOperationError } from '../../src/core/attempts';
import { describeError } from '../../src/core/errors';
import { ALICE_PASSWORD, ConnectionSettings, EmulatorFixture, NEW_PASSWORD, rejectionOf } from './coreClientSupport';

describe('TLS in the extension IAM client', function () {
  let fixture: EmulatorFixture;
  let httpsUrl: string;
  const open = (settings: Partial<ConnectionSettings>): ReturnType<EmulatorFixture['open']> => fixture.open('alice', { settings });

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
    const { iam, prepared } = await open({ endpointUrl: httpsUrl, caBundle: caBundleFile() });
    assert.equal(prepared.options.iamEndpoint, httpsUrl);
    assert.equal((await iam.whoAmI()).name, 'alice');
    await iam.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.deepEqual(prepared.logger.at('warn'), []);
  });

  it("trusts the emulator with the profile's ca_bundle", async function () {
    // Profiles pointing at the HTTPS endpoint, with the emulator's certificate as their ca_bundle.
    await fixture.stop();
    fixture = await EmulatorFixture.start({ https: true }, { https: true });
    const { iam, prepared } = await open({});
    assert.match(prepared.options.iamEndpoint, /^https:/);
    assert.equal(prepared.options.caBundlePath, fixture.files.caBundleFile);
    await iam.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
  });

  it('without the CA: a certificate error naming iamPassword.caBundle, and nothing sent', async function () {
    const { iam, prepared } = await open({ endpointUrl: httpsUrl });
    const error = await rejectionOf(iam.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
    assert.ok(isOperationError(error));
    assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.ok(error.attempts.length > 0 && error.attempts.every((attempt) => !attempt.sent), JSON.stringify(error.attempts));
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
    const { iam, prepared } = await open({ endpointUrl: httpsUrl, verifySsl: false });
    await iam.whoAmI();
    await iam.getPasswordPolicy();
    await iam.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
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
