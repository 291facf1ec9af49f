import { createHash, randomBytes } from 'node:crypto';
import { AWS_MANAGED_POLICIES } from './awsManagedPolicies';
import { validatePolicy, type PolicyDocument } from './policy';

/** Seeds are plain JSON-able data, so the command line can read one from a file. */
export interface AccessKeySeed {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface LoginProfileSeed {
  password: string;
  /** Earlier passwords, most recent first; checked by PasswordReusePrevention. */
  passwordHistory?: string[];
  passwordResetRequired?: boolean;
  /** ISO 8601; when the password was last set (default: when the seed is loaded). With MaxPasswordAge it can be expired. */
  passwordLastChanged?: string;
}

export interface MfaDeviceSeed {
  /**
   * A virtual device `arn:aws:iam::ACCOUNT:mfa/DEVICE_NAME` (any name, not necessarily the user's),
   * a security key or passkey `arn:aws:iam::ACCOUNT:u2f/user/USER/KEYNAME-XXXX`, or a hardware serial.
   */
  serialNumber: string;
  /** The one code the device "shows"; any other code fails. None: a security key, which STS never accepts. */
  code?: string;
  /** ISO 8601; ListMFADevices' EnableDate (default: when the seed is loaded). */
  enableDate?: string;
}

/**
 * A user's identity policies: inline ones by name, and managed ones by name (the seed's customer managed
 * policies, or the AWS managed policies of awsManagedPolicies.ts).
 */
export interface IdentityPoliciesSeed {
  inline?: Record<string, PolicyDocument>;
  managed?: string[];
}

export interface UserSeed {
  name: string;
  id?: string;
  path?: string;
  accessKeys?: AccessKeySeed[];
  loginProfile?: LoginProfileSeed;
  mfaDevices?: MfaDeviceSeed[];
  /**
   * Absent: the user's policies are not modelled and every IAM call is allowed, less `deniedActions` and
   * `requireMfa`. Present, even `{}`: IAM calls are evaluated against these policies (and the account's
   * AllowUsersToChangePassword), as IAM does; `{}` is a user with no identity policy at all.
   */
  identityPolicies?: IdentityPoliciesSeed;
  /** Without identityPolicies: IAM actions are denied unless the request comes from an MFA-authenticated session. */
  requireMfa?: boolean;
  /** Without identityPolicies: actions such as `iam:GetAccountPasswordPolicy` that no policy allows this user. */
  deniedActions?: string[];
}

export interface RoleSeed {
  name: string;
  id?: string;
  /** ARNs that may assume the role; `arn:aws:iam::ACCOUNT:root` trusts every user of the account. */
  trustedPrincipals: string[];
  requireMfa?: boolean;
  maxSessionDurationSeconds?: number;
  /** The SSO portal hands out this role's credentials, as for an IAM Identity Center permission set. */
  ssoAssignable?: boolean;
}

/** Field names as the IAM API spells them. */
export interface PasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  /** Defaults to true here, so a seed that leaves it out still lets users change passwords. */
  AllowUsersToChangePassword?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export type PrincipalRef =
  | { type: 'root' }
  | { type: 'user'; userName: string }
  | { type: 'assumed-role'; roleName: string; sessionName: string }
  | { type: 'federated-user'; name: string };

export interface SessionSeed extends AccessKeySeed {
  sessionToken: string;
  /** ISO 8601. */
  expiration: string;
  principal: PrincipalRef;
  mfaAuthenticated?: boolean;
  /** writeAwsConfig writes a profile of this name for the session. */
  profileName?: string;
}

export interface Seed {
  account: {
    id: string;
    alias?: string;
    rootAccessKeys?: AccessKeySeed[];
    /** Every user is denied IAM actions without an MFA session, as AWS's self-service policy for MFA does. */
    denyWithoutMfa?: boolean;
  };
  users?: UserSeed[];
  /** Customer managed policies by name, for users' `identityPolicies.managed`. */
  managedPolicies?: Record<string, PolicyDocument>;
  roles?: RoleSeed[];
  /** Absent: no policy is set, and AWS's default rules apply. */
  passwordPolicy?: PasswordPolicy;
  sessions?: SessionSeed[];
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface SessionOptions {
  /** Lifetime from now; zero or negative makes an already expired session. Default 3600. */
  durationSeconds?: number;
  /** Whether the session counts as MFA-authenticated (GetSessionToken with a valid code). Default false. */
  mfaAuthenticated?: boolean;
}

export interface LoginProfile {
  password: string;
  history: string[];
  failedAttempts: number;
  passwordResetRequired: boolean;
  createDate: Date;
  /** Set by ChangePassword; the console refuses the password MaxPasswordAge days later (consoleSignIn.ts). */
  passwordLastChanged: Date;
}

export interface MfaDevice {
  serialNumber: string;
  code?: string;
  enableDate: Date;
}

export interface User {
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: Date;
  loginProfile?: LoginProfile;
  mfaDevices: MfaDevice[];
  /** Undefined: not modelled (see UserSeed.identityPolicies). */
  identityPolicies?: PolicyDocument[];
  requireMfa: boolean;
  deniedActions: string[];
}

export interface Role {
  name: string;
  id: string;
  arn: string;
  trustedPrincipals: string[];
  requireMfa: boolean;
  maxSessionDurationSeconds: number;
  ssoAssignable: boolean;
}

/** What `aws sso login` gets from IAM Identity Center: a bearer token for the SSO portal. */
export interface SsoAccessToken {
  accessToken: string;
  expiresAt: Date;
  /** The Identity Center user; role sessions from the portal are named after them. */
  userName: string;
}

export interface Session {
  token: string;
  expiresAt: Date;
  mfaAuthenticated: boolean;
}

interface CredentialEntry {
  secretAccessKey: string;
  principal: PrincipalRef;
  session?: Session;
}

/** Who a request acts as, once its access key is known. */
export interface Caller {
  principal: PrincipalRef;
  arn: string;
  userId: string;
  accessKeyId: string;
  secretAccessKey: string;
  session?: Session;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function encodeId(bytes: Buffer, length: number): string {
  return Array.from(bytes.subarray(0, length), (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** The same name always gets the same id, so seeds without ids stay deterministic. */
function stableId(prefix: string, text: string): string {
  return prefix + encodeId(createHash('sha256').update(text).digest(), 17);
}

function randomId(prefix: string, length: number): string {
  return prefix + encodeId(randomBytes(length), length);
}

/** When the seed was loaded stands in for every entity's CreateDate. */
const SEEDED_AT = new Date(Date.UTC(2024, 0, 15, 9, 30, 0));

export class AccountState {
  readonly accountId: string;
  readonly alias: string | undefined;
  readonly denyWithoutMfa: boolean;
  readonly createDate = SEEDED_AT;
  passwordPolicy: PasswordPolicy | undefined;
  private readonly users = new Map<string, User>();
  private readonly roles = new Map<string, Role>();
  private readonly credentials = new Map<string, CredentialEntry>();
  private readonly ssoTokens = new Map<string, SsoAccessToken>();

  constructor(seed: Seed) {
    if (!/^\d{12}$/.test(seed.account?.id ?? '')) {
      throw new Error('seed.account.id must be a 12-digit account id');
    }
    this.accountId = seed.account.id;
    this.alias = seed.account.alias;
    this.denyWithoutMfa = seed.account.denyWithoutMfa ?? false;
    this.passwordPolicy = seed.passwordPolicy === undefined ? undefined : { ...seed.passwordPolicy };
    for (const key of seed.account.rootAccessKeys ?? []) {
      this.addCredential(key, { type: 'root' });
    }
    const managedPolicies = new Map<string, PolicyDocument>();
    for (const [name, document] of Object.entries(seed.managedPolicies ?? {})) {
      managedPolicies.set(name, validatePolicy(name, document));
    }
    for (const user of seed.users ?? []) {
      this.addUser(user, managedPolicies);
    }
    for (const role of seed.roles ?? []) {
      this.roles.set(role.name, {
        name: role.name,
        id: role.id ?? stableId('AROA', `${this.accountId}:role:${role.name}`),
        arn: `arn:aws:iam::${this.accountId}:role/${role.name}`,
        trustedPrincipals: [...role.trustedPrincipals],
        requireMfa: role.requireMfa ?? false,
        maxSessionDurationSeconds: role.maxSessionDurationSeconds ?? 3600,
        ssoAssignable: role.ssoAssignable ?? false,
      });
    }
    for (const session of seed.sessions ?? []) {
      this.checkPrincipal(session.principal);
      this.addCredential(session, session.principal, {
        token: session.sessionToken,
        expiresAt: new Date(session.expiration),
        mfaAuthenticated: session.mfaAuthenticated ?? false,
      });
    }
  }

  private addUser(seed: UserSeed, managedPolicies: Map<string, PolicyDocument>): void {
    const path = seed.path ?? '/';
    const user: User = {
      name: seed.name,
      id: seed.id ?? stableId('AIDA', `${this.accountId}:user:${seed.name}`),
      path,
      arn: `arn:aws:iam::${this.accountId}:user${path}${seed.name}`,
      createDate: SEEDED_AT,
      mfaDevices: (seed.mfaDevices ?? []).map((device) => ({
        serialNumber: device.serialNumber,
        code: device.code,
        enableDate: device.enableDate ? new Date(device.enableDate) : SEEDED_AT,
      })),
      identityPolicies: seed.identityPolicies && this.identityPolicies(seed, seed.identityPolicies, managedPolicies),
      requireMfa: seed.requireMfa ?? false,
      deniedActions: seed.deniedActions ?? [],
    };
    if (seed.loginProfile) {
      user.loginProfile = {
        password: seed.loginProfile.password,
        history: [...(seed.loginProfile.passwordHistory ?? [])],
        failedAttempts: 0,
        passwordResetRequired: seed.loginProfile.passwordResetRequired ?? false,
        createDate: SEEDED_AT,
        passwordLastChanged: seed.loginProfile.passwordLastChanged ? new Date(seed.loginProfile.passwordLastChanged) : new Date(),
      };
    }
    this.users.set(seed.name, user);
    for (const key of seed.accessKeys ?? []) {
      this.addCredential(key, { type: 'user', userName: seed.name });
    }
  }

  /** The user's policy documents, each checked; a name that is neither the seed's nor AWS's is an error. */
  private identityPolicies(seed: UserSeed, policies: IdentityPoliciesSeed, managedPolicies: Map<string, PolicyDocument>): PolicyDocument[] {
    if (seed.requireMfa !== undefined || seed.deniedActions !== undefined) {
      throw new Error(`user ${seed.name}: requireMfa and deniedActions stand in for policies; with identityPolicies, write them as policies`);
    }
    const inline = Object.entries(policies.inline ?? {}).map(([name, document]) => validatePolicy(`${seed.name}/${name}`, document));
    const managed = (policies.managed ?? []).map((name) => {
      const document = managedPolicies.get(name) ?? (Object.hasOwn(AWS_MANAGED_POLICIES, name) ? AWS_MANAGED_POLICIES[name] : undefined);
      if (!document) {
        throw new Error(`user ${seed.name}: no managed policy named ${name} in the seed's managedPolicies or awsManagedPolicies.ts`);
      }
      return document;
    });
    return [...inline, ...managed];
  }

  private addCredential(key: AccessKeySeed, principal: PrincipalRef, session?: Session): void {
    if (this.credentials.has(key.accessKeyId)) {
      throw new Error(`access key ${key.accessKeyId} is seeded twice`);
    }
    this.credentials.set(key.accessKeyId, { secretAccessKey: key.secretAccessKey, principal, session });
  }

  private checkPrincipal(principal: PrincipalRef): void {
    if (principal.type === 'user' && !this.users.has(principal.userName)) {
      throw new Error(`no user named ${principal.userName}`);
    }
    if (principal.type === 'assumed-role' && !this.roles.has(principal.roleName)) {
      throw new Error(`no role named ${principal.roleName}`);
    }
  }

  user(name: string): User | undefined {
    return this.users.get(name);
  }

  role(name: string): Role | undefined {
    return this.roles.get(name);
  }

  roleByArn(arn: string): Role | undefined {
    const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    return match && match[1] === this.accountId ? this.roles.get(match[2]) : undefined;
  }

  /** The caller behind an access key, or undefined when the key is unknown. */
  callerFor(accessKeyId: string): Caller | undefined {
    const entry = this.credentials.get(accessKeyId);
    if (!entry) {
      return undefined;
    }
    return {
      principal: entry.principal,
      ...this.identityOf(entry.principal),
      accessKeyId,
      secretAccessKey: entry.secretAccessKey,
      session: entry.session,
    };
  }

  /** Arn and UserId as GetCallerIdentity reports them. */
  identityOf(principal: PrincipalRef): { arn: string; userId: string } {
    switch (principal.type) {
      case 'root':
        return { arn: `arn:aws:iam::${this.accountId}:root`, userId: this.accountId };
      case 'user': {
        const user = this.users.get(principal.userName);
        return { arn: user?.arn ?? '', userId: user?.id ?? '' };
      }
      case 'assumed-role':
        return {
          arn: `arn:aws:sts::${this.accountId}:assumed-role/${principal.roleName}/${principal.sessionName}`,
          userId: `${this.roles.get(principal.roleName)?.id ?? ''}:${principal.sessionName}`,
        };
      case 'federated-user':
        return {
          arn: `arn:aws:sts::${this.accountId}:federated-user/${principal.name}`,
          userId: `${this.accountId}:${principal.name}`,
        };
    }
  }

  /** Issues temporary credentials (ASIA... key id) for a principal. */
  createSession(principal: PrincipalRef, options: SessionOptions = {}): TemporaryCredentials {
    this.checkPrincipal(principal);
    const credentials: TemporaryCredentials = {
      accessKeyId: randomId('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      // STS reports expiry to the second.
      expiration: new Date(Math.floor(Date.now() / 1000 + (options.durationSeconds ?? 3600)) * 1000),
    };
    this.addCredential(credentials, principal, {
      token: credentials.sessionToken,
      expiresAt: credentials.expiration,
      mfaAuthenticated: options.mfaAuthenticated ?? false,
    });
    return credentials;
  }

  /** A portal bearer token, as a finished `aws sso login` would hold. Default lifetime 8 hours. */
  issueSsoAccessToken(options: { userName?: string; durationSeconds?: number } = {}): SsoAccessToken {
    const token: SsoAccessToken = {
      accessToken: `aoa${randomBytes(48).toString('base64url')}`,
      expiresAt: new Date(Math.floor(Date.now() / 1000 + (options.durationSeconds ?? 8 * 3600)) * 1000),
      userName: options.userName ?? 'sso-user',
    };
    this.ssoTokens.set(token.accessToken, token);
    return token;
  }

  /** Signing out of the portal: every token issued so far stops working. */
  revokeSsoAccessTokens(): void {
    this.ssoTokens.clear();
  }

  /** The live token behind a bearer value, or undefined when unknown or expired. */
  ssoAccessToken(accessToken: string): SsoAccessToken | undefined {
    const token = this.ssoTokens.get(accessToken);
    return token && token.expiresAt.getTime() > Date.now() ? token : undefined;
  }
}
