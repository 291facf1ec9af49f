import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { isOperationError } from '../../src/core/attempts';
import { describeError } from '../../src/core/errors';
import { connect, IamConnection } from '../../src/core/iam';
import { EmulatorFixture, prepareConnection, rejectionOf } from './coreClientSupport';

// credential_process and SSO profiles, through the extension's client against the emulator.
describe('credential sources in the extension IAM client', function () {
  let fixture: EmulatorFixture;
  const connections: IamConnection[] = [];

  before(async () => {
    fixture = await EmulatorFixture.start();
    const endpoint = `region = us-east-1\nendpoint_url = ${fixture.emulator.url}\n`;
    const aliceKeys = JSON.stringify({ Version: 1, AccessKeyId: 'AKIADEMOALICE0000001', SecretAccessKey: 'demoAliceSecretKey0000000000000000000001' });
    appendFileSync(
      fixture.files.configFile,
      [
        `\n[profile process-ok]\ncredential_process = echo '${aliceKeys}'\n${endpoint}`,
        `[profile process-fails]\ncredential_process = sh -c 'echo $((6*7))-in-stdout; echo token expired, run vault login >&2; exit 3'\n${endpoint}`,
        `[profile sso-no-token]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n${endpoint}`,
      ].join('\n'),
    );
  });

  after(async () => {
    connections.forEach((c) => c.dispose());
    await fixture.stop();
  });

  async function open(profile: string): Promise<{ iam: IamConnection; context: Parameters<typeof describeError>[1] }> {
    const prepared = await prepareConnection(fixture.files, profile);
    const iam = connect(prepared.options);
    connections.push(iam);
    return { iam, context: prepared.errorContext };
  }

  it('signs with the keys a credential_process prints', async () => {
    const { iam } = await open('process-ok');
    assert.equal((await iam.whoAmI()).arn, 'arn:aws:iam::123456789012:user/alice');
  });

  it("shows a failing credential_process's stderr, never its stdout", async () => {
    const { iam, context } = await open('process-fails');
    const error = await rejectionOf(iam.whoAmI());
    assert.ok(isOperationError(error));
    const report = describeError(error, context);
    const shown = `${report.title} ${report.detail}`;
    assert.match(report.title, /^The credential_process of profile process-fails failed: token expired, run vault login\.$/);
    assert.doesNotMatch(shown, /42-in-stdout/);
    assert.doesNotMatch(shown, /sh -c/, 'the command line is shown');
    assert.ok(report.actions.includes('switchProfile'));
  });

  it('offers aws sso login for an SSO profile without a cached token', async () => {
    const { iam, context } = await open('sso-no-token');
    const error = await rejectionOf(iam.whoAmI());
    const report = describeError(error, context);
    assert.ok(report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.match(report.detail, /aws sso login --profile sso-no-token/);
    assert.equal(fixture.emulator.requests.filter((r) => r.action === 'GetCallerIdentity' && r.accessKeyId === undefined).length, 0);
  });
});
