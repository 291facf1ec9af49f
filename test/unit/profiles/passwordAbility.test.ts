import * as assert from 'node:assert/strict';
import { callerFromArn } from '../../../src/profiles/identity';
import { passwordAbility } from '../../../src/profiles/passwordAbility';
import { parseProfiles } from '../../../src/profiles/profileList';

const PATHS = { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };
const CONFIG = [
  '[profile keys]',
  '[profile keys-mfa]',
  'mfa_serial = arn:aws:iam::123456789012:mfa/alice',
  '[profile admin]',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = keys',
  'mfa_serial = arn:aws:iam::123456789012:mfa/alice',
  '[profile ci]',
  'role_arn = arn:aws:iam::123456789012:role/Deploy',
  'web_identity_token_file = /var/run/token',
  '[profile dev]',
  'sso_start_url = https://d-123.awsapps.com/start',
  'sso_region = eu-west-1',
  'sso_account_id = 123456789012',
  'sso_role_name = Dev',
  '[profile script]',
  'credential_process = /usr/bin/true',
].join('\n');
const KEYS = [
  ...['keys', 'keys-mfa'].map((name) => `[${name}]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n`),
  '[session]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = x\naws_session_token = token\n',
].join('');

describe('passwordAbility', () => {
  const profiles = new Map(parseProfiles(CONFIG, KEYS, PATHS, {}).profiles.map((p) => [p.name, p]));
  const profile = (name: string) => profiles.get(name) ?? assert.fail(name);
  const refusal = (name: string) => {
    const ability = passwordAbility(profile(name));
    return ability.can === 'no' ? ability : undefined;
  };

  it('refuses a role, naming it and its source profile, before any MFA prompt', () => {
    const admin = refusal('admin');
    assert.equal(admin?.short, 'signs in as a role');
    assert.match(admin?.full ?? '', /role arn:aws:iam::123456789012:role\/Admin\. A role has no console password.*source_profile, keys,/);
    assert.match(refusal('ci')?.full ?? '', /with a web identity token/);
  });

  it('refuses SSO, pointing at the access portal', () => {
    assert.match(refusal('dev')?.full ?? '', /IAM Identity Center.*AWS access portal \(https:\/\/d-123\.awsapps\.com\/start\)/);
  });

  it('leaves keys, sessions and credential_process to the identity check, saying what their kind allows and never a plain yes', () => {
    const keys = "Access keys: can change the password if they are an IAM user's and the user has one";
    const session = "Temporary keys: can change the password only if they are an IAM user's, from a session with MFA";
    const program = 'Can change a password only as an IAM user: known once AWS says who this profile signs in as';
    assert.deepEqual(passwordAbility(profile('keys')), { can: 'unknown', short: keys });
    assert.deepEqual(passwordAbility(profile('keys-mfa')), { can: 'unknown', short: keys });
    assert.deepEqual(passwordAbility(profile('session')), { can: 'unknown', short: session });
    assert.deepEqual(passwordAbility(profile('script')), { can: 'unknown', short: program });
    const fromEnv = (env: NodeJS.ProcessEnv) =>
      passwordAbility(parseProfiles('', '', PATHS, { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', ...env }).profiles[0]);
    assert.deepEqual(fromEnv({}), { can: 'unknown', short: keys });
    assert.deepEqual(fromEnv({ AWS_SESSION_TOKEN: 'token' }), { can: 'unknown', short: session });
  });

  it('once the identity is known, refuses everything but IAM users, saying why', () => {
    const withCaller = (arn: string) => passwordAbility(profile('keys'), { ...callerFromArn(arn), account: '123456789012' });
    const alice = callerFromArn('arn:aws:iam::123456789012:user/alice');
    assert.deepEqual(withCaller(alice.arn), {
      can: 'yes',
      caller: alice,
      short: 'IAM user arn:aws:iam::123456789012:user/alice: can change its password if it has one and is allowed to',
    });
    const full = (arn: string) => {
      const ability = withCaller(arn);
      return ability.can === 'no' ? ability.full : assert.fail(arn);
    };
    assert.match(full('arn:aws:iam::123456789012:root'), /root user.*Security credentials/s);
    assert.match(full('arn:aws:sts::123456789012:assumed-role/ReadOnly/s'), /role ReadOnly.*no console password/s);
    assert.match(full('arn:aws:sts::123456789012:federated-user/dave'), /federated/);
    assert.match(full('arn:aws:iam::123456789012:role/x'), /not an IAM user/);
  });

  it('refuses a role from the files even when AWS said who it is', () => {
    assert.equal(passwordAbility(profile('admin'), callerFromArn('arn:aws:sts::123456789012:assumed-role/Admin/s')).can, 'no');
  });
});
