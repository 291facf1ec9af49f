/**
 * Every profile fixture, read by this extension and by the AWS SDK's own code: the profiles listed,
 * their kinds, regions and IAM and STS endpoints are the same, except the differences the README's
 * Profiles table documents, each listed here (and each checked to still be a difference).
 *
 * The SDK side: loadSharedConfigFiles and parseKnownFiles (the files as fromIni merges them), the
 * region as the clients load it (credentials file first), getEndpointFromInstructions (the
 * endpoint the IAM and STS clients would use, from the profile's endpoint configuration), and
 * fromIni itself where it needs no network. Nothing is sent.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { loadConfig, loadSharedConfigFiles, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, parseKnownFiles } from '@smithy/core/config';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { parseProfiles, ProfileInfo } from '../../../src/profiles/profileList';

// Tests run from out/test/unit; the fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, '../../../../test/unit/fixtures/profiles');

type Aspect = 'listed' | 'kind' | 'region' | 'iam' | 'sts';

interface Documented {
  fixture: string;
  profile: string;
  aspect: Aspect;
  /** The README row it is. */
  why: string;
}

const PREFIXED_IN_CREDENTIALS = '[profile x] in the credentials file: the SDK lists profile.x, this extension ignores the section and says so';
const NO_KEYS = 'a section without keys: the SDK has no such profile, this extension lists it (with no credentials)';

const DOCUMENTED: Documented[] = [
  { fixture: 'credentials-sections', profile: 'profile.prefixed', aspect: 'listed', why: PREFIXED_IN_CREDENTIALS },
  {
    fixture: 'credentials-sections',
    profile: 'sso-session.corp',
    aspect: 'listed',
    why: 'an sso-session section in the credentials file: the SDK lists it as a profile',
  },
  { fixture: 'both-files', profile: 'profile.prefixed', aspect: 'listed', why: PREFIXED_IN_CREDENTIALS },
  { fixture: 'names', profile: 'no-keys', aspect: 'listed', why: NO_KEYS },
];

interface Paths {
  configFile: string;
  credentialsFile: string;
}

function pathsOf(fixture: string): Paths {
  return { configFile: path.join(FIXTURES, fixture, 'config'), credentialsFile: path.join(FIXTURES, fixture, 'credentials') };
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** resolveProfileData's order in @aws-sdk/credential-provider-ini 3.1169 (not exported), on the SDK's merged profile. */
function sdkKind(data: Record<string, string> | undefined): string {
  const has = (key: string): boolean => typeof data?.[key] === 'string';
  if (has('role_arn') && has('source_profile') !== has('credential_source')) {
    return 'role';
  }
  if (has('aws_access_key_id') && has('aws_secret_access_key')) {
    return 'static';
  }
  if (has('role_arn') && has('web_identity_token_file')) {
    return 'role';
  }
  if (has('credential_process')) {
    return 'process';
  }
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some(has)) {
    return 'sso';
  }
  return has('login_session') ? 'login' : 'unknown';
}

/** The region the SDK's clients load for the profile, without their last resort (instance metadata). */
async function sdkRegion(paths: Paths, profile: string): Promise<string | undefined> {
  const selectors = {
    environmentVariableSelector: () => undefined,
    configFileSelector: NODE_REGION_CONFIG_OPTIONS.configFileSelector,
    default: () => undefined,
  };
  return loadConfig(selectors, {
    ...NODE_REGION_CONFIG_FILE_OPTIONS,
    profile,
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    ignoreCache: true,
  })();
}

const ENDPOINT_VARIABLES = [
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_ENDPOINT_URL_STS',
];
const ENDPOINT_FLAGS = ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_REGION'];

/**
 * Where the SDK's client sends the service's requests: for this profile, by the SDK's endpoint
 * configuration (it reads AWS_PROFILE), or to `endpoint` as this extension passes it; or the error.
 */
async function sdkEndpoint(service: 'iam' | 'sts', paths: Paths, profile: string, endpoint?: string): Promise<string> {
  const saved = Object.fromEntries([...ENDPOINT_VARIABLES, ...ENDPOINT_FLAGS].map((name) => [name, process.env[name]]));
  for (const name of [...ENDPOINT_VARIABLES, ...ENDPOINT_FLAGS]) {
    delete process.env[name];
  }
  Object.assign(process.env, { AWS_PROFILE: profile, AWS_CONFIG_FILE: paths.configFile, AWS_SHARED_CREDENTIALS_FILE: paths.credentialsFile });
  const config = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'not-a-secret' },
    ...(endpoint ? { endpoint, ignoreConfiguredEndpointUrls: true } : {}),
  };
  const client = service === 'iam' ? new IAMClient(config) : new STSClient(config);
  try {
    const command = service === 'iam' ? GetAccountPasswordPolicyCommand : GetCallerIdentityCommand;
    const resolved = await getEndpointFromInstructions({}, command as never, client.config as never);
    return resolved.url.href.replace(/\/$/, '');
  } catch (error) {
    return `error: ${(error as Error).message}`;
  } finally {
    client.destroy();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
}

interface View {
  listed: boolean;
  kind?: string;
  region?: string;
  iam?: string;
  sts?: string;
}

describe('parity with the AWS SDK: every profile fixture', function () {
  this.timeout(60000);
  const fixtures = readdirSync(FIXTURES).sort();
  const defaults: { iam?: string; sts?: string } = {};

  before(async () => {
    // Where the clients go with no endpoint configured; the fixtures name no FIPS or dual-stack.
    const none = pathsOf('no-such-fixture');
    defaults.iam = await sdkEndpoint('iam', none, 'default');
    defaults.sts = await sdkEndpoint('sts', none, 'default');
    assert.match(defaults.iam, /^https:\/\/iam\.amazonaws\.com$/);
  });

  it('covers the fixtures that the documented differences name', () => {
    for (const row of DOCUMENTED) {
      assert.ok(fixtures.includes(row.fixture), row.fixture);
    }
  });

  for (const fixture of fixtures) {
    it(fixture, async () => {
      const paths = pathsOf(fixture);
      const ours = new Map<string, ProfileInfo>(
        parseProfiles(readIfExists(paths.configFile), readIfExists(paths.credentialsFile), paths, {}).profiles.map((profile) => [profile.name, profile]),
      );
      const { configFile, credentialsFile } = await loadSharedConfigFiles({
        filepath: paths.credentialsFile,
        configFilepath: paths.configFile,
        ignoreCache: true,
      });
      const merged = await parseKnownFiles({ filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true });
      const sdkNames = new Set([...Object.keys(configFile).filter((key) => !/^(sso-session|services)\./.test(key)), ...Object.keys(credentialsFile)]);

      const differences: string[] = [];
      for (const name of [...new Set([...ours.keys(), ...sdkNames])].sort()) {
        const mine = ours.get(name);
        const sdk: View = { listed: sdkNames.has(name) };
        const ext: View = { listed: mine !== undefined };
        if (sdk.listed && ext.listed && mine) {
          sdk.kind = sdkKind(merged[name] as Record<string, string>);
          sdk.region = await sdkRegion(paths, name);
          sdk.iam = await sdkEndpoint('iam', paths, name);
          sdk.sts = await sdkEndpoint('sts', paths, name);
          ext.kind = mine.kind;
          ext.region = mine.region;
          ext.iam = mine.endpoints.iam ? await sdkEndpoint('iam', paths, name, mine.endpoints.iam.url) : defaults.iam;
          ext.sts = mine.endpoints.sts ? await sdkEndpoint('sts', paths, name, mine.endpoints.sts.url) : defaults.sts;
        }
        for (const aspect of ['listed', 'kind', 'region', 'iam', 'sts'] as const) {
          const documented = DOCUMENTED.some((row) => row.fixture === fixture && row.profile === name && row.aspect === aspect);
          const differs = sdk[aspect] !== ext[aspect];
          if (differs !== documented) {
            differences.push(
              `${name} ${aspect}: SDK ${JSON.stringify(sdk[aspect])}, this extension ${JSON.stringify(ext[aspect])}${documented ? ' (documented as a difference)' : ''}`,
            );
          }
        }
      }
      assert.deepEqual(differences, []);
    });
  }

  it("gets credentials with the SDK's own fromIni for every static-key profile and every role sourced from one, with nothing sent", async () => {
    let checked = 0;
    for (const fixture of fixtures) {
      const paths = pathsOf(fixture);
      const list = parseProfiles(readIfExists(paths.configFile), readIfExists(paths.credentialsFile), paths, {}).profiles;
      const byName = new Map(list.map((profile) => [profile.name, profile]));
      for (const profile of list) {
        const source = profile.sourceProfile === undefined ? undefined : byName.get(profile.sourceProfile);
        const roleFromKeys = profile.kind === 'role' && profile.credentialSource === undefined && source?.kind === 'static' && source.name !== profile.name;
        if (profile.problems.length > 0 || !(profile.kind === 'static' || roleFromKeys)) {
          continue;
        }
        let assumed = 0;
        const credentials = await fromIni({
          profile: profile.name,
          filepath: paths.credentialsFile,
          configFilepath: paths.configFile,
          ignoreCache: true,
          mfaCodeProvider: async () => '123456',
          roleAssumer: async () => {
            assumed++;
            return { accessKeyId: 'ASIAASSUMED', secretAccessKey: 'assumed' };
          },
        })();
        assert.equal(assumed, profile.kind === 'role' ? 1 : 0, `${fixture}/${profile.name}`);
        assert.ok(credentials.accessKeyId, `${fixture}/${profile.name}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `only ${checked} profiles checked`);
  });
});
