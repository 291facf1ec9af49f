import { accessDenied, ApiError, INVALID_MFA_MESSAGE, notAuthorized, validationError } from './errors';
import { invalidAction, type QueryService } from './service';
import type { AccountState, Caller, PrincipalRef, TemporaryCredentials } from './state';
import { STS_NAMESPACE, type XmlFields } from './xml';

type StsAction = (params: URLSearchParams, caller: Caller) => XmlFields;

interface DurationLimits {
  member: string;
  min: number;
  max: number;
  fallback: number;
}

function durationSeconds(params: URLSearchParams, limits: DurationLimits): number {
  const text = params.get('DurationSeconds');
  if (text === null) {
    return limits.fallback;
  }
  const constraint = `Value '${text}' at '${limits.member}' failed to satisfy constraint: Member must`;
  if (!/^-?\d+$/.test(text)) {
    throw validationError([`${constraint} be an integer`]);
  }
  const value = Number(text);
  if (value < limits.min) {
    throw validationError([`${constraint} have value greater than or equal to ${limits.min}`]);
  }
  if (value > limits.max) {
    throw validationError([`${constraint} have value less than or equal to ${limits.max}`]);
  }
  return value;
}

function credentialsXml(credentials: TemporaryCredentials): XmlFields {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: credentials.expiration,
  };
}

export class StsService implements QueryService {
  readonly signingName = 'sts';
  readonly version = '2011-06-15';
  readonly namespace = STS_NAMESPACE;
  private readonly actions: Record<string, StsAction> = {
    GetCallerIdentity: (_params, caller) => ({ Arn: caller.arn, UserId: caller.userId, Account: this.state.accountId }),
    GetSessionToken: (params, caller) => this.getSessionToken(params, caller),
    AssumeRole: (params, caller) => this.assumeRole(params, caller),
  };

  constructor(private readonly state: AccountState) {}

  hasAction(action: string): boolean {
    return Object.hasOwn(this.actions, action);
  }

  handle(action: string, params: URLSearchParams, caller: Caller): XmlFields {
    if (!this.hasAction(action)) {
      throw invalidAction(action, this.version);
    }
    return this.actions[action](params, caller);
  }

  /**
   * Whether the request proves MFA with the calling user's device. No SerialNumber and TokenCode: false.
   * A wrong serial or code is refused outright, as STS does.
   */
  private mfaPresented(params: URLSearchParams, caller: Caller): boolean {
    const serialNumber = params.get('SerialNumber');
    const tokenCode = params.get('TokenCode');
    if (serialNumber === null && tokenCode === null) {
      return false;
    }
    if (serialNumber === null || tokenCode === null) {
      throw accessDenied('MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.');
    }
    const failures: string[] = [];
    if (!/^[\w+=/:,.@-]{9,256}$/.test(serialNumber)) {
      failures.push(
        `Value '${serialNumber}' at 'serialNumber' failed to satisfy constraint: ` + 'Member must satisfy regular expression pattern: [\\w+=/:,.@-]*',
      );
    }
    if (!/^\d{6}$/.test(tokenCode)) {
      failures.push("Value at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]* and have length 6");
    }
    if (failures.length > 0) {
      throw validationError(failures);
    }
    const devices = caller.principal.type === 'user' ? (this.state.user(caller.principal.userName)?.mfaDevices ?? []) : [];
    // A security key has no code to type: no API caller can pass its serial.
    const device = devices.find((candidate) => candidate.serialNumber === serialNumber);
    if (device?.code === undefined || device.code !== tokenCode) {
      throw accessDenied(INVALID_MFA_MESSAGE);
    }
    return true;
  }

  private getSessionToken(params: URLSearchParams, caller: Caller): XmlFields {
    if (caller.session) {
      throw accessDenied('Cannot call GetSessionToken with session credentials');
    }
    const requested = durationSeconds(params, { member: 'durationSeconds', min: 900, max: 129600, fallback: 43200 });
    // Root sessions are capped at an hour rather than refused.
    const duration = caller.principal.type === 'root' ? Math.min(requested, 3600) : requested;
    const mfaAuthenticated = this.mfaPresented(params, caller);
    const credentials = this.state.createSession(caller.principal, { durationSeconds: duration, mfaAuthenticated });
    return { Credentials: credentialsXml(credentials) };
  }

  private assumeRole(params: URLSearchParams, caller: Caller): XmlFields {
    const roleArn = params.get('RoleArn');
    const sessionName = params.get('RoleSessionName');
    const failures: string[] = [];
    if (roleArn === null || roleArn.length < 20 || roleArn.length > 2048) {
      failures.push(
        roleArn === null
          ? "Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
          : `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048`,
      );
    }
    if (sessionName === null || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      failures.push(
        sessionName === null
          ? "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
          : `Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: ` +
              'Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64',
      );
    }
    if (roleArn === null || sessionName === null || failures.length > 0) {
      throw validationError(failures);
    }
    const duration = durationSeconds(params, { member: 'durationSeconds', min: 900, max: 43200, fallback: 3600 });
    if (caller.principal.type === 'root') {
      throw accessDenied('Roles may not be assumed by root accounts.');
    }
    const role = this.state.roleByArn(roleArn);
    if (!role || caller.principal.type === 'federated-user' || !this.trusts(role.trustedPrincipals, caller)) {
      throw notAuthorized(caller.arn, 'sts:AssumeRole', roleArn, 'unstated');
    }
    const mfaAuthenticated = this.mfaPresented(params, caller) || (caller.session?.mfaAuthenticated ?? false);
    if (role.requireMfa && !mfaAuthenticated) {
      throw notAuthorized(caller.arn, 'sts:AssumeRole', roleArn, 'unstated');
    }
    if (duration > role.maxSessionDurationSeconds) {
      throw new ApiError('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    const principal: PrincipalRef = { type: 'assumed-role', roleName: role.name, sessionName };
    const credentials = this.state.createSession(principal, { durationSeconds: duration, mfaAuthenticated });
    const identity = this.state.identityOf(principal);
    return {
      Credentials: credentialsXml(credentials),
      AssumedRoleUser: { AssumedRoleId: identity.userId, Arn: identity.arn },
    };
  }

  /** A trust policy names principals by ARN; a role session is named by its role's ARN. */
  private trusts(trustedPrincipals: string[], caller: Caller): boolean {
    const accountRoot = `arn:aws:iam::${this.state.accountId}:root`;
    const principalArn = caller.principal.type === 'assumed-role' ? this.state.role(caller.principal.roleName)?.arn : caller.arn;
    return trustedPrincipals.some((trusted) => trusted === accountRoot || trusted === principalArn);
  }
}
