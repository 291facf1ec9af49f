import IAMUserChangePassword from './policies/IAMUserChangePassword.json';
import mfaSelfManage from './policies/mfa-self-manage.json';
import passwordSelfManage from './policies/password-self-manage.json';
import type { PolicyDocument } from './policy';
import type { Seed, SessionSeed, UserSeed } from './state';

/** The accounts seed's account: AWS's documentation example account id. */
export const ACCOUNTS_ACCOUNT_ID = '111122223333';

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNTS_ACCOUNT_ID}:${resource}`;

/** AWS's example policies as the seed names them (README: "Identity policies" cites each text). */
export const EXAMPLE_POLICIES = {
  /** IAM User Guide: Allows MFA-authenticated IAM users to manage their own credentials on the Security credentials page. */
  mfaSelfManage: mfaSelfManage as PolicyDocument,
  /** IAM User Guide: Allows IAM users to change their own console password on the Security credentials page. */
  passwordSelfManage: passwordSelfManage as PolicyDocument,
  /** The AWS managed policy IAMUserChangePassword, version v3. */
  iamUserChangePassword: IAMUserChangePassword as PolicyDocument,
};

/** One seeded user: its name, console password, keys and (where it has one) the device that shows codes. */
export interface AccountUser {
  name: string;
  password: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial?: string;
  mfaCode?: string;
}

function accountUser(name: string, key: string, mfa?: { device: string; code: string }): AccountUser {
  const password = `${name.replace(/(^|-)(\w)/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase())}-Pass-1`;
  return {
    name,
    password,
    accessKeyId: `AKIAACCOUNTS${key.padEnd(8, '0')}`,
    secretAccessKey: `accounts${key}SecretKey`.padEnd(40, '0'),
    ...(mfa && { mfaSerial: arn(`mfa/${mfa.device}`), mfaCode: mfa.code }),
  };
}

/** The seed's users, one per kind of account people have; README: "Accounts seed". Each virtual device is named unlike its user. */
export const ACCOUNT_USERS = {
  /** The MFA-enforcing self-manage policy (customer managed, MfaSelfManage); a virtual device not named after the user. */
  mfaEnforced: accountUser('mfa-enforced-user', 'MFAENF', { device: 'mfa-enforced-phone', code: '246810' }),
  /** The password-only self-manage policy, inline. */
  passwordOnly: accountUser('password-only-user', 'PWONLY', { device: 'password-only-phone', code: '112233' }),
  /** The AWS managed policy IAMUserChangePassword. */
  managedPolicy: accountUser('managed-policy-user', 'MANAGED', { device: 'managed-policy-phone', code: '445566' }),
  /** No identity policy: only the account's AllowUsersToChangePassword lets it change its password. */
  settingOnly: accountUser('setting-only-user', 'SETTING', { device: 'setting-only-phone', code: '778899' }),
  /** MfaSelfManage, and two ready sessions as a session tool leaves them: profiles session-tool-mfa and session-tool-no-mfa. */
  sessionTool: accountUser('session-tool-user', 'SESSION', { device: 'session-tool-phone', code: '135790' }),
  /** MfaSelfManage with a passkey as its only device: no code to type, so no MFA session from the CLI or an SDK. */
  passkey: accountUser('passkey-user', 'PASSKEY'),
};

export const PASSKEY_SERIAL = arn('u2f/user/passkey-user/YubiKey-7XNL7NFNLZ2WKPPUQKEXAMPLE');

/** Temporary keys of the session-tool-user sessions (principal: the user, as GetSessionToken gives). */
export const SESSION_TOOL_SESSIONS = {
  withMfa: { profileName: 'session-tool-mfa', accessKeyId: 'ASIAACCOUNTSSESSMFA1', mfaAuthenticated: true },
  withoutMfa: { profileName: 'session-tool-no-mfa', accessKeyId: 'ASIAACCOUNTSSESSNOMF', mfaAuthenticated: false },
};

function userSeed(user: AccountUser, identityPolicies: UserSeed['identityPolicies'], mfaDevices: UserSeed['mfaDevices'] = []): UserSeed {
  return {
    name: user.name,
    accessKeys: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
    loginProfile: { password: user.password },
    identityPolicies,
    mfaDevices: user.mfaSerial !== undefined ? [{ serialNumber: user.mfaSerial, code: user.mfaCode }, ...mfaDevices] : mfaDevices,
  };
}

/**
 * Account 111122223333: one user per kind of account (ACCOUNT_USERS), AllowUsersToChangePassword on,
 * and the session tool's two sessions. Tests that need the setting off call `setPasswordPolicy`.
 */
export function accountsSeed(): Seed {
  const inTwelveHours = new Date(Math.floor(Date.now() / 1000 + 12 * 3600) * 1000).toISOString();
  const users = ACCOUNT_USERS;
  const sessions: SessionSeed[] = Object.values(SESSION_TOOL_SESSIONS).map((session) => ({
    ...session,
    secretAccessKey: `${session.profileName}SecretKey`.padEnd(40, '0'),
    sessionToken: `${session.profileName}SessionToken`,
    expiration: inTwelveHours,
    principal: { type: 'user', userName: users.sessionTool.name },
  }));
  return {
    account: { id: ACCOUNTS_ACCOUNT_ID, alias: 'accounts' },
    managedPolicies: { MfaSelfManage: EXAMPLE_POLICIES.mfaSelfManage },
    users: [
      userSeed(users.mfaEnforced, { managed: ['MfaSelfManage'] }),
      userSeed(users.passwordOnly, { inline: { SelfManagePassword: EXAMPLE_POLICIES.passwordSelfManage } }),
      userSeed(users.managedPolicy, { managed: ['IAMUserChangePassword'] }),
      userSeed(users.settingOnly, {}),
      userSeed(users.sessionTool, { managed: ['MfaSelfManage'] }),
      userSeed(users.passkey, { managed: ['MfaSelfManage'] }, [{ serialNumber: PASSKEY_SERIAL }]),
    ],
    passwordPolicy: {
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 3,
    },
    sessions,
  };
}
