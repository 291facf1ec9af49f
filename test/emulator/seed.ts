import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from './server';
import type { MfaDeviceSeed, Seed, UserSeed } from './state';

const DEMO_ACCOUNT_ID = '123456789012';

/**
 * The demo account: alice (console password, MFA device, may assume ReadOnly and, with MFA, Admin),
 * bob (keys but no console password), carol (whose IAM calls need MFA), root keys,
 * a federated-user session and a ReadOnly role session, ReadOnly also through the SSO portal, and a
 * strict password policy.
 */
export function demoSeed(): Seed {
  const aliceArn = `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/alice`;
  const inTwelveHours = new Date(Math.floor(Date.now() / 1000 + 12 * 3600) * 1000).toISOString();
  return {
    account: {
      id: DEMO_ACCOUNT_ID,
      alias: 'demo',
      rootAccessKeys: [{ accessKeyId: 'AKIADEMOROOT00000001', secretAccessKey: 'demoRootSecretKey00000000000000000000001' }],
    },
    users: [
      {
        name: 'alice',
        accessKeys: [{ accessKeyId: 'AKIADEMOALICE0000001', secretAccessKey: 'demoAliceSecretKey0000000000000000000001' }],
        loginProfile: { password: 'Correct-Horse-1', passwordHistory: ['Battery-Staple-2'] },
        mfaDevices: [{ serialNumber: `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/alice`, code: '123456' }],
      },
      {
        name: 'bob',
        accessKeys: [{ accessKeyId: 'AKIADEMOBOB000000001', secretAccessKey: 'demoBobSecretKey000000000000000000000001' }],
      },
      {
        name: 'carol',
        accessKeys: [{ accessKeyId: 'AKIADEMOCAROL0000001', secretAccessKey: 'demoCarolSecretKey0000000000000000000001' }],
        loginProfile: { password: 'Carol-Secret-3' },
        mfaDevices: [{ serialNumber: `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/carol`, code: '654321' }],
        requireMfa: true,
      },
    ],
    roles: [
      { name: 'ReadOnly', trustedPrincipals: [aliceArn], ssoAssignable: true },
      { name: 'Admin', trustedPrincipals: [aliceArn], requireMfa: true },
    ],
    passwordPolicy: {
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 3,
    },
    sessions: [
      {
        accessKeyId: 'ASIADEMOFEDERATED001',
        secretAccessKey: 'demoFederatedSecretKey000000000000000001',
        sessionToken: 'demoFederatedSessionToken0001',
        expiration: inTwelveHours,
        principal: { type: 'federated-user', name: 'dave' },
        profileName: 'federated',
      },
      {
        accessKeyId: 'ASIADEMOREADONLY0001',
        secretAccessKey: 'demoReadOnlySecretKey0000000000000000001',
        sessionToken: 'demoReadOnlySessionToken0001',
        expiration: inTwelveHours,
        principal: { type: 'assumed-role', roleName: 'ReadOnly', sessionName: 'demo' },
        profileName: 'readonly-session',
      },
    ],
  };
}

export interface AwsConfigFiles {
  configFile: string;
  credentialsFile: string;
  /** Written when the profiles point at the HTTPS endpoint. */
  caBundleFile?: string;
}

export interface AwsConfigOptions {
  /** Point profiles at the HTTPS endpoint and trust its certificate with ca_bundle. */
  https?: boolean;
  /** Point profiles here instead (a latency relay in front of the emulator); ca_bundle is still written with https. */
  endpointUrl?: string;
}

type Section = [name: string, settings: Record<string, string>];

function iniText(sections: Section[]): string {
  return sections
    .map(([name, settings]) => [`[${name}]`, ...Object.entries(settings).map(([key, value]) => `${key} = ${value}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

/** The user's first device with a code to type: what mfa_serial names (a security key cannot serve). */
function codeDevice(user: UserSeed): MfaDeviceSeed | undefined {
  return user.mfaDevices?.find((device) => device.code !== undefined);
}

function userArn(seed: Seed, user: UserSeed): string {
  return `arn:aws:iam::${seed.account.id}:user${user.path ?? '/'}${user.name}`;
}

/** The start URL of the emulator's SSO profiles; it names their token cache file. */
export function ssoStartUrl(emulator: Emulator): string {
  return `${emulator.url}/start`;
}

/**
 * Writes `config` and `credentials` into `dir`: a profile per user with keys (the first is also `default`),
 * `NAME-mfa` for users with an MFA device that shows codes, `root`, `ROLE-role` per role (sourced from a trusted user) and
 * `ROLE-sso` per role the SSO portal hands out (start URL ssoStartUrl(emulator), no token cached yet), and
 * one per seeded session with a profileName. Every profile has region us-east-1 and the emulator's endpoint_url.
 */
export function writeAwsConfig(dir: string, emulator: Emulator, seed: Seed, options: AwsConfigOptions = {}): AwsConfigFiles {
  mkdirSync(dir, { recursive: true });
  const files: AwsConfigFiles = { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
  let endpointUrl = emulator.url;
  const endpoint: Record<string, string> = { region: 'us-east-1' };
  if (options.https) {
    if (emulator.httpsUrl === undefined || emulator.caCertPem === undefined) {
      throw new Error('the emulator was started without https');
    }
    endpointUrl = emulator.httpsUrl;
    files.caBundleFile = join(dir, 'emulator-ca.pem');
    writeFileSync(files.caBundleFile, emulator.caCertPem);
    endpoint.ca_bundle = files.caBundleFile;
  }
  endpoint.endpoint_url = options.endpointUrl ?? endpointUrl;

  const credentials: Section[] = [];
  const config: Section[] = [];
  const addProfile = (name: string, keys: Record<string, string>, settings: Record<string, string> = {}): void => {
    if (Object.keys(keys).length > 0) {
      credentials.push([name, keys]);
    }
    config.push([name === 'default' ? 'default' : `profile ${name}`, { ...settings, ...endpoint }]);
  };
  const staticKeys = (key: { accessKeyId: string; secretAccessKey: string }): Record<string, string> => ({
    aws_access_key_id: key.accessKeyId,
    aws_secret_access_key: key.secretAccessKey,
  });

  const usersWithKeys = (seed.users ?? []).flatMap((user) => {
    const key = user.accessKeys?.[0];
    return key ? [{ user, keys: staticKeys(key) }] : [];
  });
  if (usersWithKeys.length > 0) {
    addProfile('default', usersWithKeys[0].keys);
  }
  for (const { user, keys } of usersWithKeys) {
    addProfile(user.name, keys);
    const device = codeDevice(user);
    if (device) {
      addProfile(`${user.name}-mfa`, keys, { mfa_serial: device.serialNumber });
    }
  }
  const rootKey = seed.account.rootAccessKeys?.[0];
  if (rootKey) {
    addProfile('root', staticKeys(rootKey));
  }
  const accountRoot = `arn:aws:iam::${seed.account.id}:root`;
  for (const role of seed.roles ?? []) {
    const source = usersWithKeys
      .map(({ user }) => user)
      .find((user) => role.trustedPrincipals.includes(userArn(seed, user)) || role.trustedPrincipals.includes(accountRoot));
    if (!source) {
      continue;
    }
    const settings: Record<string, string> = {
      role_arn: `arn:aws:iam::${seed.account.id}:role/${role.name}`,
      source_profile: source.name,
    };
    const device = codeDevice(source);
    if (role.requireMfa && device) {
      settings.mfa_serial = device.serialNumber;
    }
    addProfile(`${role.name.toLowerCase()}-role`, {}, settings);
  }
  for (const role of (seed.roles ?? []).filter((r) => r.ssoAssignable)) {
    addProfile(
      `${role.name.toLowerCase()}-sso`,
      {},
      {
        sso_start_url: ssoStartUrl(emulator),
        sso_region: 'us-east-1',
        sso_account_id: seed.account.id,
        sso_role_name: role.name,
      },
    );
  }
  for (const session of seed.sessions ?? []) {
    if (session.profileName !== undefined) {
      addProfile(session.profileName, { ...staticKeys(session), aws_session_token: session.sessionToken });
    }
  }

  writeFileSync(files.configFile, iniText(config), { mode: 0o600 });
  writeFileSync(files.credentialsFile, iniText(credentials), { mode: 0o600 });
  return files;
}
