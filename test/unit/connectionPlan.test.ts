import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONNECTION_SETTINGS, planConnection } from '../../src/core/connectionPlan';
import type { Logger } from '../../src/core/log';
import { parseProfiles } from '../../src/core/profiles';

const SETTINGS = DEFAULT_CONNECTION_SETTINGS;
const silent: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const PATHS = { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };
const SSO_PROFILE = '[profile dev]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n';

function plan(config: string, env: NodeJS.ProcessEnv = {}): ReturnType<typeof planConnection> {
  return planConnection(parseProfiles(config, undefined, PATHS, env), 'dev', SETTINGS, silent, async () => undefined);
}

describe('planConnection', () => {
  it('signs an SSO profile in through the SSO portal, at the SDK default unless an endpoint is configured', () => {
    const byDefault = plan(SSO_PROFILE);
    assert.ok(!('refusal' in byDefault));
    assert.equal(byDefault.options.signsInWithSso, true);
    assert.equal(byDefault.options.ssoEndpoint, undefined);
    const local = plan(SSO_PROFILE, { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:4566' });
    assert.ok(!('refusal' in local));
    assert.equal(local.options.ssoEndpoint, 'http://127.0.0.1:4566');
  });

  it('refuses to send an SSO token over plain http to another machine, and names where the URL came from', () => {
    const refused = plan(SSO_PROFILE, { AWS_ENDPOINT_URL_SSO: 'http://sso.example.test' });
    assert.ok('refusal' in refused);
    assert.match(refused.refusal, /plain http/);
    assert.match(refused.refusal, /AWS_ENDPOINT_URL_SSO/);
  });

  it('does not sign in with SSO for other profile kinds', () => {
    const withKeys = planConnection(
      parseProfiles('[profile dev]\n', '[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n', PATHS, {}),
      'dev',
      SETTINGS,
      silent,
      async () => undefined,
    );
    assert.ok(!('refusal' in withKeys));
    assert.equal(withKeys.options.signsInWithSso, false);
  });

  it("uses package.json's defaults for every connection setting", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    };
    const declared = manifest.contributes.configuration.properties;
    for (const [name, value] of Object.entries(DEFAULT_CONNECTION_SETTINGS)) {
      assert.deepEqual(declared[`iamPassword.${name}`]?.default, value, `iamPassword.${name}`);
    }
  });
});
