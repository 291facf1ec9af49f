import { ApiError, INVALID_TOKEN_MESSAGE, noSuchEntity, notAuthorized, validationError } from './errors';
import { passwordParameterFailures, passwordPolicyViolation } from './passwordRules';
import { evaluatePolicies, type PolicyDocument, type PolicyStatement } from './policy';
import { invalidAction, type QueryService } from './service';
import type { AccountState, Caller, User } from './state';
import { IAM_NAMESPACE, type XmlFields } from './xml';

/** An error IAM answers with in a case whose exact answer AWS does not document, so tests may choose. */
export interface ErrorAnswer {
  code: string;
  status: number;
  message: string;
}

export const DEFAULT_WRONG_PASSWORD_ERROR: ErrorAnswer = {
  code: 'AccessDenied',
  status: 403,
  message: 'The old password is incorrect.',
};

export interface IamOptions {
  /** Consecutive wrong current passwords after which ChangePassword answers LimitExceeded. */
  maxFailedPasswordAttempts: number;
  wrongPasswordError: ErrorAnswer;
  /** What a new password against the policy gets; undefined: PasswordPolicyViolation naming the rule. */
  policyViolationError?: ErrorAnswer;
}

/** How many earlier passwords a login profile keeps; PasswordReusePrevention goes up to 24. */
const HISTORY_LENGTH = 24;

type IamAction = (params: URLSearchParams, caller: Caller) => XmlFields | undefined;

/** A user named by a request: its ARN (for the policy check) and, when it exists, the user. */
interface NamedUser {
  arn: string;
  user: User | undefined;
}

const NO_MFA_CONDITION = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } };

export class IamService implements QueryService {
  readonly signingName = 'iam';
  readonly version = '2010-05-08';
  readonly namespace = IAM_NAMESPACE;
  private readonly actions: Record<string, IamAction> = {
    ChangePassword: (params, caller) => this.changePassword(params, caller),
    GetAccountPasswordPolicy: (_params, caller) => this.getAccountPasswordPolicy(caller),
    GetUser: (params, caller) => this.getUser(params, caller),
    GetLoginProfile: (params, caller) => this.getLoginProfile(params, caller),
    ListMFADevices: (params, caller) => this.listMfaDevices(params, caller),
  };

  constructor(
    private readonly state: AccountState,
    private readonly options: IamOptions,
  ) {}

  hasAction(action: string): boolean {
    return Object.hasOwn(this.actions, action);
  }

  handle(action: string, params: URLSearchParams, caller: Caller): XmlFields | undefined {
    if (!this.hasAction(action)) {
      throw invalidAction(action, this.version);
    }
    // AWS refuses IAM calls made with GetSessionToken credentials that were issued without MFA.
    const userSession = caller.principal.type === 'user' || caller.principal.type === 'root';
    if (caller.session && userSession && !caller.session.mfaAuthenticated) {
      throw new ApiError('InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE);
    }
    return this.actions[action](params, caller);
  }

  /** An IAM user's call, evaluated against the user's policies as IAM does; other principals are not evaluated. */
  private authorize(caller: Caller, action: string, resource: string): void {
    if (caller.principal.type !== 'user') {
      return;
    }
    const user = this.callingUser(caller);
    const context: Record<string, string> = { 'aws:username': user.name };
    if (caller.session) {
      context['aws:multifactorauthpresent'] = String(caller.session.mfaAuthenticated);
    }
    const decision = evaluatePolicies(this.policiesOf(user), { action: `iam:${action}`, resource, context });
    if (decision !== 'allow') {
      throw notAuthorized(caller.arn, `iam:${action}`, resource, decision === 'explicit-deny' ? 'explicit-deny' : 'no-allow');
    }
  }

  /**
   * The user's identity policies plus what the account grants every user: AllowUsersToChangePassword
   * gives iam:ChangePassword on the user itself and iam:GetAccountPasswordPolicy. A user whose policies
   * are not modelled gets an allow of everything but its deniedActions (and ChangePassword when the
   * account forbids it), and a deny without MFA for requireMfa. The account's denyWithoutMfa denies
   * every user everything without MFA.
   */
  private policiesOf(user: User): PolicyDocument[] {
    const passwordPolicy = this.state.passwordPolicy;
    const statements: PolicyStatement[] = [];
    if (user.identityPolicies === undefined) {
      const denied = [...user.deniedActions, ...(passwordPolicy?.AllowUsersToChangePassword === false ? ['iam:ChangePassword'] : [])];
      statements.push(denied.length > 0 ? { Effect: 'Allow', NotAction: denied, Resource: '*' } : { Effect: 'Allow', Action: '*', Resource: '*' });
      if (user.requireMfa) {
        statements.push({ Effect: 'Deny', Action: '*', Resource: '*', Condition: NO_MFA_CONDITION });
      }
    } else if (passwordPolicy !== undefined && passwordPolicy.AllowUsersToChangePassword !== false) {
      statements.push(
        { Effect: 'Allow', Action: 'iam:ChangePassword', Resource: user.arn },
        { Effect: 'Allow', Action: 'iam:GetAccountPasswordPolicy', Resource: '*' },
      );
    }
    if (this.state.denyWithoutMfa) {
      statements.push({ Effect: 'Deny', Action: '*', Resource: '*', Condition: NO_MFA_CONDITION });
    }
    return [...(user.identityPolicies ?? []), { Version: '2012-10-17', Statement: statements }];
  }

  private callingUser(caller: Caller): User {
    const user = caller.principal.type === 'user' ? this.state.user(caller.principal.userName) : undefined;
    if (!user) {
      throw new ApiError('InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE);
    }
    return user;
  }

  /**
   * The user named by UserName, or the calling user when it is absent (only IAM users have a default),
   * authorized for the action first: IAM answers AccessDenied before it says whether the user exists.
   */
  private targetUser(params: URLSearchParams, caller: Caller, action: string): User {
    const { arn, user } = this.namedUser(params, caller);
    this.authorize(caller, action, arn);
    if (!user) {
      throw noSuchEntity(`The user with name ${params.get('UserName')} cannot be found.`);
    }
    return user;
  }

  private namedUser(params: URLSearchParams, caller: Caller): NamedUser {
    const userName = params.get('UserName');
    if (userName === null) {
      if (caller.principal.type !== 'user') {
        throw new ApiError('ValidationError', 400, 'Must specify userName when calling with non-User credentials');
      }
      const user = this.callingUser(caller);
      return { arn: user.arn, user };
    }
    if (!/^[\w+=,.@-]{1,64}$/.test(userName)) {
      throw validationError([
        `Value '${userName}' at 'userName' failed to satisfy constraint: ` + 'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
      ]);
    }
    const user = this.state.user(userName);
    return { arn: user?.arn ?? `arn:aws:iam::${this.state.accountId}:user/${userName}`, user };
  }

  private changePassword(params: URLSearchParams, caller: Caller): undefined {
    const oldPassword = params.get('OldPassword');
    const newPassword = params.get('NewPassword');
    const failures = [...passwordParameterFailures('oldPassword', oldPassword), ...passwordParameterFailures('newPassword', newPassword)];
    if (oldPassword === null || newPassword === null || failures.length > 0) {
      throw validationError(failures);
    }
    if (caller.principal.type === 'root') {
      throw new ApiError('InvalidUserType', 400, 'Only IAM users can change their own password.');
    }
    if (caller.principal.type !== 'user') {
      throw notAuthorized(caller.arn, 'iam:ChangePassword', '*');
    }
    const user = this.callingUser(caller);
    this.authorize(caller, 'ChangePassword', user.arn);
    const policy = this.state.passwordPolicy;
    const profile = user.loginProfile;
    if (!profile) {
      throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    }
    if (profile.failedAttempts >= this.options.maxFailedPasswordAttempts) {
      throw new ApiError('LimitExceeded', 409, 'Too many invalid password change attempts. Try again later.');
    }
    if (oldPassword !== profile.password) {
      profile.failedAttempts += 1;
      const { code, status, message } = this.options.wrongPasswordError;
      throw new ApiError(code, status, message);
    }
    profile.failedAttempts = 0;
    const violation = passwordPolicyViolation(newPassword, policy, {
      current: profile.password,
      history: profile.history,
      forbiddenNames: [user.name, this.state.alias ?? ''].filter((name) => name !== ''),
    });
    if (violation !== undefined) {
      // The AWS console words one answer "not authorized ... or ... does not comply with account password policy".
      const answer = this.options.policyViolationError;
      throw answer ? new ApiError(answer.code, answer.status, answer.message) : new ApiError('PasswordPolicyViolation', 400, violation);
    }
    profile.history = [profile.password, ...profile.history].slice(0, HISTORY_LENGTH);
    profile.password = newPassword;
    profile.passwordResetRequired = false;
    // AWS lets a user with iam:ChangePassword and access keys replace an expired password, HardExpiry or not.
    profile.passwordLastChanged = new Date();
    return undefined;
  }

  private getAccountPasswordPolicy(caller: Caller): XmlFields {
    this.authorize(caller, 'GetAccountPasswordPolicy', '*');
    const policy = this.state.passwordPolicy;
    if (!policy) {
      throw noSuchEntity(`The Password Policy with domain name ${this.state.accountId} cannot be found.`);
    }
    return {
      PasswordPolicy: {
        MinimumPasswordLength: policy.MinimumPasswordLength ?? 6,
        RequireSymbols: policy.RequireSymbols ?? false,
        RequireNumbers: policy.RequireNumbers ?? false,
        RequireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
        RequireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
        AllowUsersToChangePassword: policy.AllowUsersToChangePassword ?? true,
        ExpirePasswords: policy.MaxPasswordAge !== undefined,
        MaxPasswordAge: policy.MaxPasswordAge,
        PasswordReusePrevention: policy.PasswordReusePrevention,
        HardExpiry: policy.HardExpiry,
      },
    };
  }

  private getUser(params: URLSearchParams, caller: Caller): XmlFields {
    if (params.get('UserName') === null && caller.principal.type === 'root') {
      return { User: { UserId: this.state.accountId, Arn: caller.arn, CreateDate: this.state.createDate } };
    }
    const user = this.targetUser(params, caller, 'GetUser');
    return {
      User: { Path: user.path, UserName: user.name, UserId: user.id, Arn: user.arn, CreateDate: user.createDate },
    };
  }

  private getLoginProfile(params: URLSearchParams, caller: Caller): XmlFields {
    const user = this.targetUser(params, caller, 'GetLoginProfile');
    if (!user.loginProfile) {
      throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
    }
    return {
      LoginProfile: {
        UserName: user.name,
        CreateDate: user.loginProfile.createDate,
        PasswordResetRequired: user.loginProfile.passwordResetRequired,
      },
    };
  }

  /** The user's MFA devices (root's are not modelled: an empty list); no paging, as a user has at most 8. */
  private listMfaDevices(params: URLSearchParams, caller: Caller): XmlFields {
    if (params.get('UserName') === null && caller.principal.type === 'root') {
      return { MFADevices: [], IsTruncated: false };
    }
    const user = this.targetUser(params, caller, 'ListMFADevices');
    return {
      MFADevices: user.mfaDevices.map((device) => ({ UserName: user.name, SerialNumber: device.serialNumber, EnableDate: device.enableDate })),
      IsTruncated: false,
    };
  }
}
