import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionFailure, type ErrorContext } from '../../src/aws/sessionFailure';
import type { AwsSession } from '../../src/aws/awsSession';
import { describeError } from '../../src/aws/describeFailure';
import { EmulatorFixture, rejectionOf } from './coreClientSupport';
import { demoSeed, ssoStartUrl, writeSsoTokenCache, type SsoLogin } from './index';

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
        `[profile process-fails]\ncredential_process = sh -c 'echo $((6*7))-in-stdout; echo token expired, run vault login >&2; exit 3' vault --vault-token=hvs.SECRET4711\n${endpoint}`,
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

  async function open(profile: string): Promise<{ session: AwsSession; context: ErrorContext }> {
    const { session, prepared } = await fixture.open(profile);
    return { session, context: prepared.errorContext };
  }

  it('signs with the keys a credential_process prints', async () => {
    const { session } = await open('process-ok');
    assert.equal((await session.whoAmI()).arn, 'arn:aws:iam::123456789012:user/alice');
  });

  it("shows a failing credential_process's stderr, never its stdout", async () => {
    const { session, context } = await open('process-fails');
    const error = await rejectionOf(session.whoAmI());
    assert.ok(error instanceof SessionFailure);
    const report = describeError(error, context);
    const shown = `${report.title} ${report.detail}`;
    assert.match(report.title, /^The credential_process of profile process-fails failed: token expired, run vault login\.$/);
    assert.doesNotMatch(shown, /42-in-stdout/);
    assert.doesNotMatch(shown, /sh -c/, 'the command line is shown');
    // Logged as the AWS CLI's line and in the trace: never the command line, whose arguments may hold a token.
    assert.doesNotMatch(`${report.cliLine} ${error.message}`, /hvs\.SECRET4711|sh -c/);
    assert.ok(report.actions.includes('switchProfile'));
  });

  it('offers aws sso login for an SSO profile without a cached token', async () => {
    const { session, context } = await open('sso-no-token');
    const error = await rejectionOf(session.whoAmI());
    const report = describeError(error, context);
    assert.ok(report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.match(report.detail, /aws sso login --profile sso-no-token/);
    assert.equal(fixture.emulator.requests.filter((r) => r.action === 'GetCallerIdentity' && r.accessKeyId === undefined).length, 0);
  });

  it('after aws sso login, the same connection signs in through the SSO portal without being made again', async () => {
    const { session, context } = await open('readonly-sso');
    const before = await rejectionOf(session.whoAmI());
    assert.ok(describeError(before, context).actions.includes('ssoLogin'));
    assert.equal(portalCalls(), 0, 'the portal was called without a token');

    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken({ userName: 'alice@example.com' }));
    const identity = await session.whoAmI();
    assert.equal(identity.arn, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/alice@example.com');
    assert.equal(identity.kind, 'assumed-role');
    assert.equal(portalCalls('Success'), 1);
    assert.deepEqual(await session.getPasswordPolicy().then((p) => p.kind), 'account');
    assert.equal(portalCalls(), 1, 'the role credentials were fetched again for the second call');
  });

  it('signs in with an sso-session profile and its token', async () => {
    writeSsoTokenCache(home, sessionLogin, fixture.emulator.issueSsoAccessToken());
    const { session } = await open('readonly-sso-session');
    assert.equal((await session.whoAmI()).arn, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/sso-user');
  });

  it('offers aws sso login when the cached token has expired, and asks the portal nothing', async () => {
    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken({ durationSeconds: -60 }));
    const { session, context } = await open('readonly-sso');
    const report = describeError(await rejectionOf(session.whoAmI()), context);
    assert.ok(report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.match(`${report.title} ${report.detail}`, /expired/);
    assert.equal(portalCalls(), 0);
  });

  it('offers aws sso login when the portal no longer accepts the token', async () => {
    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken());
    fixture.emulator.revokeSsoAccessTokens();
    const { session, context } = await open('readonly-sso');
    const report = describeError(await rejectionOf(session.whoAmI()), context);
    assert.ok(report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.equal(portalCalls('UnauthorizedException'), 1);
  });

  it('says the SSO user has no access to a role the portal does not hand out, without offering a login', async () => {
    writeSsoTokenCache(home, legacyLogin, fixture.emulator.issueSsoAccessToken());
    const { session, context } = await open('admin-sso');
    const report = describeError(await rejectionOf(session.whoAmI()), context);
    assert.ok(!report.actions.includes('ssoLogin'), `${report.title} ${report.detail}`);
    assert.match(`${report.title} ${report.detail}`, /No access/);
    assert.equal(portalCalls('ForbiddenException'), 1);
  });
});

// The clients the credential chain makes for itself get the session's transport: its endpoint, its
// CA bundle (the emulator serves https with a self-signed certificate here), its retries, its trace.
describe("the credential chain's own clients in the extension IAM client", function () {
  let fixture: EmulatorFixture;
  const savedEnv = { ...process.env };
  const home = mkdtempSync(join(tmpdir(), 'iampw-chain-home-'));

  before(async () => {
    const seed = demoSeed();
    seed.roles = [...(seed.roles ?? []), { name: 'Deploy', trustedPrincipals: ['arn:aws:iam::123456789012:role/ReadOnly'] }];
    fixture = await EmulatorFixture.start({ seed, https: true }, { https: true });
    const https = fixture.emulator.httpsUrl ?? assert.fail('the emulator serves https');
    const endpoint = `region = us-east-1\nendpoint_url = ${https}\nca_bundle = ${fixture.files.caBundleFile}\n`;
    const tokenFile = join(home, 'web-identity-token');
    writeFileSync(tokenFile, 'not-a-real-oidc-token');
    appendFileSync(
      fixture.files.configFile,
      [
        `\n[profile deploy-via-sso]\nrole_arn = arn:aws:iam::123456789012:role/Deploy\nsource_profile = readonly-sso\n${endpoint}`,
        `[profile web-identity]\nrole_arn = arn:aws:iam::123456789012:role/ReadOnly\nweb_identity_token_file = ${tokenFile}\n${endpoint}`,
      ].join('\n'),
    );
    // fromIni hands an SSO source profile to fromSSO without the file paths, so it reads these.
    Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: fixture.files.configFile, AWS_SHARED_CREDENTIALS_FILE: fixture.files.credentialsFile });
    writeSsoTokenCache(
      home,
      { startUrl: ssoStartUrl(fixture.emulator), region: 'us-east-1' },
      fixture.emulator.issueSsoAccessToken({ userName: 'alice@example.com' }),
    );
  });

  after(async () => {
    for (const name of ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) {
      if (savedEnv[name] === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = savedEnv[name];
      }
    }
    await fixture.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('a role whose source profile signs in with SSO: the portal, then AssumeRole, both over the trusted https endpoint and traced', async function () {
    const { session, prepared } = await fixture.open('deploy-via-sso');
    const identity = await session.whoAmI();
    assert.match(identity.arn, /^arn:aws:sts::123456789012:assumed-role\/Deploy\//);
    assert.deepEqual(
      fixture.emulator.requests.map((r) => `${r.service} ${r.action} ${r.outcome}`),
      ['sso GetRoleCredentials Success', 'sts AssumeRole Success', 'sts GetCallerIdentity Success'],
    );
    const requests = prepared.logger.at('trace').filter((line) => line.startsWith('-> '));
    assert.equal(requests.length, 3, prepared.logger.text());
    assert.match(
      requests[0],
      /^-> GET https:\/\/127\.0\.0\.1:\d+\/federation\/credentials\?.* \(GetRoleCredentials, attempt 1\)\n.*"x-amz-sso_bearer_token":"\*\*\*"/,
    );
    assert.match(requests[1], /\(AssumeRole, attempt 1\)/);
    assert.match(prepared.logger.text(), /<SecretAccessKey>\*\*\*<\/SecretAccessKey>/);
    assert.doesNotMatch(prepared.logger.text(), /"secretAccessKey":"(?!\*\*\*")/, 'the portal reply is redacted');
  });

  it('a web identity role: AssumeRoleWithWebIdentity goes to the configured endpoint, trusted and traced, token redacted', async function () {
    const { session, prepared } = await fixture.open('web-identity');
    const before = fixture.emulator.requests.length;
    const error = await rejectionOf(session.whoAmI());
    assert.ok(error instanceof SessionFailure, String(error));
    // The emulator does not implement the action; what matters is where and how the request went.
    assert.equal(error.failedAction, 'AssumeRoleWithWebIdentity');
    assert.equal(error.kind, 'service');
    assert.deepEqual(
      fixture.emulator.requests.slice(before).map((r) => r.action),
      ['AssumeRoleWithWebIdentity'],
    );
    const line = prepared.logger.at('trace').find((l) => l.startsWith('-> POST')) ?? assert.fail(prepared.logger.text());
    assert.match(line, /^-> POST https:\/\/127\.0\.0\.1:\d+\/ \(AssumeRoleWithWebIdentity, attempt 1\)/);
    assert.match(line, /WebIdentityToken=\*\*\*/);
    assert.doesNotMatch(prepared.logger.text(), /not-a-real-oidc-token/);
  });
});
