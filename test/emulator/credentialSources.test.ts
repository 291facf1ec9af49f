import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOperationError } from '../../src/core/attempts';
import { describeError, type ErrorContext } from '../../src/core/errors';
import type { IamConnection } from '../../src/core/iam';
import { EmulatorFixture, rejectionOf } from './coreClientSupport';
import { ssoStartUrl, writeSsoTokenCache, type SsoLogin } from './index';

// credential_process and SSO profiles, through the extension's client against the emulator.
describe('credential sources in the extension IAM client', function () {
  let fixture: EmulatorFixture;
  // The SDK finds `aws sso login`'s token cache under HOME.
  const savedHome = process.env.HOME;
  const home = mkdtempSync(join(tmpdir(), 'iampw-sso-home-'));
  let legacyLogin: SsoLogin;
  let sessionLogin: SsoLogin;

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
        `[profile readonly-sso-session]\nsso_session = emulator\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n${endpoint}`,
        `[profile admin-sso]\nsso_start_url = ${ssoStartUrl(fixture.emulator)}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n${endpoint}`,
        `[sso-session emulator]\nsso_start_url = ${ssoStartUrl(fixture.emulator)}/session\nsso_region = us-east-1\n`,
      ].join('\n'),
    );
    legacyLogin = { startUrl: ssoStartUrl(fixture.emulator), region: 'us-east-1' };
    sessionLogin = { startUrl: `${ssoStartUrl(fixture.emulator)}/session`, region: 'us-east-1', sessionName: 'emulator' };
    process.env.HOME = home;
  });

  after(async () => {
    process.env.HOME = savedHome;
    await fixture.stop();
    rmSync(home, { recursive: true, force: true });
  });

  let requestsBefore = 0;
  beforeEach(() => {
    rmSync(join(home, '.aws'), { recursive: true, force: true });
    fixture.emulator.revokeSsoAccessTokens();
    requestsBefore = fixture.emulator.requests.length;
  });

  /** Calls to the SSO portal during this test. */
  const portalCalls = (outcome?: string): number =>
    fixture.emulator.requests.slice(requestsBefore).filter((r) => r.service === 'sso' && (outcome === undefined || r.outcome === outcome)).length;

  async function open(profile: string): Promise<{ iam: IamConnection; context: ErrorContext }> {
    const { iam, prepared } = await fixture.open(profile);
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

  it('after aws sso login, the same connection signs in through the SSO portal without being made again', async () => {
    const { iam, context } = await open('readonly-sso');
    const before = await rejectionOf(iam.whoAmI());
    assert.ok(describeError(before, context).actions.includes('ssoLogin'));
    assert.equal(portalCalls(), 0, 'the portal was called without a token');

    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken({ userName: 'alice@example.com' }));
    const identity = await iam.whoAmI();
    assert.equal(identity.arn, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/alice@example.com');
    assert.equal(identity.kind, 'assumed-role');
    assert.equal(portalCalls('Success'), 1);
    assert.deepEqual(await iam.getPasswordPolicy().then((p) => p.kind), 'account');
    assert.equal(portalCalls(), 1, 'the role credentials were fetched again for the second call');
  });

  it('signs in with an sso-session profile and its token', async () => {
    writeSsoTokenCache(home, sessionLogin, fixture.emulator.issueSsoAccessToken());
    const { iam } = await open('readonly-sso-session');
    assert.equal((await iam.whoAmI()).arn, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/sso-user');
  });

  it('offers aws sso login when the cached token has expired, and asks the portal nothing', async () => {
    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken({ durationSeconds: -60 }));
    const { iam, context } = await open('readonly-sso');
    const report = describeError(await rejectionOf(iam.whoAmI()), context);
    assert.ok(report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.match(`${report.title} ${report.detail}`, /expired/);
    assert.equal(portalCalls(), 0);
  });

  it('offers aws sso login when the portal no longer accepts the token', async () => {
    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken());
    fixture.emulator.revokeSsoAccessTokens();
    const { iam, context } = await open('readonly-sso');
    const report = describeError(await rejectionOf(iam.whoAmI()), context);
    assert.ok(report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.equal(portalCalls('UnauthorizedException'), 1);
  });

  it('says the SSO user has no access to a role the portal does not hand out, without offering a login', async () => {
    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken());
    const { iam, context } = await open('admin-sso');
    const report = describeError(await rejectionOf(iam.whoAmI()), context);
    assert.ok(!report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.match(`${report.title} ${report.detail}`, /No access/);
    assert.equal(portalCalls('ForbiddenException'), 1);
  });
});
