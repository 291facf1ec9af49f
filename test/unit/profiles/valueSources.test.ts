import * as assert from 'node:assert/strict';
import { parseProfiles } from '../../../src/profiles/profileList';
import { ENV_PROFILE } from '../../../src/profiles/profileChoice';
import { filesOf, valueSources, type DecidingSettings } from '../../../src/profiles/valueSources';

const paths = { configFile: '/project/aws/config', credentialsFile: '/home/u/.aws/credentials' };
const noSettings: DecidingSettings = { region: '', endpointUrl: '', caBundle: '' };

function sourcesOf(config: string, credentials: string, profile: string, env: NodeJS.ProcessEnv = {}, settings = noSettings) {
  return valueSources(parseProfiles(config, credentials, paths, env), profile, settings, env);
}

describe('valueSources', () => {
  it('names the file of each key of a profile in both files: endpoint_url from the config file first, region from the credentials file', () => {
    const config = '[profile dev]\nendpoint_url = https://config.example.test\nregion = eu-west-1\n';
    const credentials = '[dev]\nendpoint_url = https://creds.example.test\nregion = us-west-2\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n';
    const endpointUrl = { what: 'endpoint_url of profile dev', origin: { file: paths.configFile } };
    assert.deepEqual(sourcesOf(config, credentials, 'dev'), [
      endpointUrl,
      endpointUrl,
      endpointUrl,
      { what: 'region', origin: { file: paths.credentialsFile } },
      { what: '[profile dev]', origin: { file: paths.configFile } },
      { what: '[dev]', origin: { file: paths.credentialsFile } },
    ]);
  });

  it('takes a [services] entry from the config file, though the profile is only in the credentials file', () => {
    const config = '[services corp]\niam =\n  endpoint_url = https://attacker.example.test\n';
    const credentials = '[dev]\nservices = corp\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n';
    const sources = sourcesOf(config, credentials, 'dev');
    assert.deepEqual(sources[0], { what: 'the iam entry of [services corp]', origin: { file: paths.configFile } });
    assert.deepEqual(sources.at(-1), { what: '[dev]', origin: { file: paths.credentialsFile } });
  });

  it('names the variable or setting that wins, and the file a CA bundle names', () => {
    const config = '[profile dev]\nendpoint_url = https://config.example.test\nregion = eu-west-1\nca_bundle = /project/ca.pem\n';
    const env = { AWS_ENDPOINT_URL_IAM: 'https://iam.env.test', AWS_REGION: 'me-south-1', AWS_CA_BUNDLE: '/project/env-ca.pem' };
    assert.deepEqual(sourcesOf(config, '', 'dev', env).slice(0, 5), [
      { what: 'AWS_ENDPOINT_URL_IAM', origin: { variable: 'AWS_ENDPOINT_URL_IAM' } },
      { what: 'endpoint_url of profile dev', origin: { file: paths.configFile } },
      { what: 'endpoint_url of profile dev', origin: { file: paths.configFile } },
      { what: 'AWS_CA_BUNDLE', origin: { variable: 'AWS_CA_BUNDLE' }, namedFile: '/project/env-ca.pem' },
      { what: 'AWS_REGION', origin: { variable: 'AWS_REGION' } },
    ]);
    const settings = { region: 'us-east-2', endpointUrl: 'https://setting.example.test', caBundle: '/project/setting-ca.pem' };
    assert.deepEqual(sourcesOf(config, '', 'dev', {}, settings).slice(0, 4), [
      { what: 'iamPassword.endpointUrl', origin: { setting: 'iamPassword.endpointUrl' } },
      { what: 'iamPassword.endpointUrl', origin: { setting: 'iamPassword.endpointUrl' } },
      { what: 'endpoint_url of profile dev', origin: { file: paths.configFile } },
      { what: 'iamPassword.caBundle', origin: { setting: 'iamPassword.caBundle' }, namedFile: '/project/setting-ca.pem' },
    ]);
    assert.deepEqual(filesOf({ what: 'ca_bundle', origin: { file: paths.configFile }, namedFile: 'relative/ca.pem' }), [
      paths.configFile,
      `${process.cwd()}/relative/ca.pem`,
    ]);
  });

  it('follows the source_profile chain, naming what runs and the token file a role reads', () => {
    const config = [
      '[profile deploy]',
      'role_arn = arn:aws:iam::123456789012:role/deploy',
      'source_profile = vault',
      '[profile vault]',
      'credential_process = /usr/bin/vault-creds',
      '[profile ci]',
      'role_arn = arn:aws:iam::123456789012:role/ci',
      'web_identity_token_file = /project/token',
      '[profile sso]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = dev',
      '[sso-session corp]',
      'sso_region = eu-west-1',
      'sso_start_url = https://corp.awsapps.example/start',
    ].join('\n');
    assert.deepEqual(sourcesOf(config, '', 'deploy'), [
      { what: '[profile deploy]', origin: { file: paths.configFile } },
      { what: 'credential_process', origin: { file: paths.configFile } },
      { what: '[profile vault]', origin: { file: paths.configFile } },
    ]);
    assert.deepEqual(sourcesOf(config, '', 'ci')[0], { what: 'web_identity_token_file', origin: { file: paths.configFile }, namedFile: '/project/token' });
    assert.deepEqual(sourcesOf(config, '', 'sso')[0], { what: '[sso-session corp]', origin: { file: paths.configFile } });
  });

  it("gives the environment's profile the keys' variable and AWS_PROFILE's section, where its region comes from", () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_PROFILE: 'dev' };
    assert.deepEqual(sourcesOf('[profile dev]\nregion = eu-west-1\n', '', ENV_PROFILE, env), [
      { what: 'region', origin: { file: paths.configFile } },
      { what: 'AWS_ACCESS_KEY_ID', origin: { variable: 'AWS_ACCESS_KEY_ID' } },
      { what: '[profile dev]', origin: { file: paths.configFile } },
    ]);
  });

  it('has nothing to say of a profile that does not exist', () => {
    assert.deepEqual(sourcesOf('', '', 'nowhere'), []);
  });
});
