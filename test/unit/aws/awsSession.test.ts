import * as assert from 'node:assert/strict';
import { AwsSession, openSession, SessionOpening } from '../../../src/aws/awsSession';
import type { Logger } from '../../../src/aws/log';
import { MfaSessionCache } from '../../../src/aws/mfaSessionCache';
import { parseProfiles } from '../../../src/profiles/profileList';
import type { SessionSettings } from '../../../src/aws/sessionSettings';
import { settingDefaults } from '../../harness/settingDefaults';
import { ENDPOINT_CASES } from '../fixtures/sdkEndpoints';

const silent: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const PATHS = { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };
const KEYS = '[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = not-a-secret\n';
const SSO_PROFILE =
  '[profile dev]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n';

/** Opens a session for profile "dev" of these files; nothing is sent until a call is made. */
function open(
  config: string,
  { credentials = KEYS, env = {}, settings = {} }: { credentials?: string; env?: NodeJS.ProcessEnv; settings?: Partial<SessionSettings> } = {},
): Promise<SessionOpening> {
  return openSession({
    list: parseProfiles(config, credentials, PATHS, env),
    profileName: 'dev',
    settings: { ...settingDefaults(), ...settings },
    logger: silent,
    clientName: ['vscode-iam-password', 'test'],
    askMfaCode: async () => undefined,
    mfaSessions: new MfaSessionCache(),
  });
}

async function withSession(opening: Promise<SessionOpening>, use: (session: AwsSession) => void): Promise<void> {
  const opened = await opening;
  assert.ok('session' in opened, 'refusal' in opened ? opened.refusal : '');
  try {
    use(opened.session);
  } finally {
    opened.session.dispose();
  }
}

async function refusalOf(opening: Promise<SessionOpening>): Promise<string> {
  const opened = await opening;
  if ('session' in opened) {
    opened.session.dispose();
    assert.fail('expected a refusal');
  }
  return opened.refusal;
}

describe('openSession', () => {
  describe("with no endpoint configured, requests go where the SDK's own rules send them", () => {
    for (const row of ENDPOINT_CASES) {
      it(row.name, async () => {
        const config = ['[profile dev]', `region = ${row.region}`, ...(row.profileLines ?? [])].join('\n');
        await withSession(open(config, { env: row.env }), (session) => {
          const [iam, sts] = session.errorContext.endpoints;
          assert.deepEqual(
            { iam: { url: iam.url, signingRegion: iam.signingRegion }, sts: { url: sts.url, signingRegion: sts.signingRegion } },
            { iam: row.iam, sts: row.sts },
          );
          assert.equal(iam.source, `the AWS endpoint for region ${row.region}`);
        });
      });
    }
  });

  it('a configured endpoint is used as it is, and says where it came from', async () => {
    await withSession(open('[profile dev]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:4566\n'), (session) => {
      const [iam, sts] = session.errorContext.endpoints;
      assert.deepEqual(iam, { url: 'http://127.0.0.1:4566', signingRegion: 'eu-west-1', source: 'endpoint_url of profile dev' });
      assert.equal(sts.url, 'http://127.0.0.1:4566');
    });
    await withSession(open('[profile dev]\n', { settings: { endpointUrl: 'http://127.0.0.1:9' } }), (session) => {
      assert.equal(session.errorContext.endpoints[0].source, 'the iamPassword.endpointUrl setting');
    });
  });

  it('the SDK refuses FIPS together with a configured endpoint, before anything is sent', async () => {
    const refusal = await refusalOf(open('[profile dev]\nuse_fips_endpoint = true\n', { settings: { endpointUrl: 'http://127.0.0.1:9' } }));
    assert.match(refusal, /FIPS and custom endpoint are not supported.*Nothing was sent/);
  });

  it('refuses a profile that is in neither file', async () => {
    assert.match(await refusalOf(open('[profile other]\n', { credentials: '' })), /no AWS profile named "dev"/);
  });

  it('refuses to send an SSO token over plain http to another machine, and names where the URL came from', async () => {
    const refusal = await refusalOf(open(SSO_PROFILE, { credentials: '', env: { AWS_ENDPOINT_URL_SSO: 'http://sso.example.test' } }));
    assert.match(refusal, /plain http/);
    assert.match(refusal, /AWS_ENDPOINT_URL_SSO/);
    await withSession(open(SSO_PROFILE, { credentials: '', env: { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:4566' } }), () => undefined);
  });

  it('refuses a CA bundle it cannot read', async () => {
    const refusal = await refusalOf(open('[profile dev]\n', { settings: { caBundle: '/nonexistent/ca.pem' } }));
    assert.match(refusal, /Cannot prepare the requests for profile dev: .*ENOENT.*Nothing was sent/);
  });
});
