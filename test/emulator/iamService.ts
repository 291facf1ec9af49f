import { ApiError, INVALID_TOKEN_MESSAGE, noSuchEntity, notAuthorized, validationError } from './errors';
import { passwordParameterFailures, passwordPolicyViolation } from './passwordRules';
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

export class IamService implements QueryService {
  readonly signingName = 'iam';
  readonly version = '2010-05-08';
  readonly namespace = IAM_NAMESPACE;
  private readonly actions: Record<string, IamAction> = {
    ChangePassword: (params, caller) => this.changePassword(params, caller),
    GetAccountPasswordPolicy: (_params, caller) => this.getAccountPasswordPolicy(caller),
    GetUser: (params, caller) => this.getUser(params, caller),
    GetLoginProfile: (params, caller) => this.getLoginProfile(params, caller),
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

  /** Per-user denials from the seed: a missing allow, or an MFA condition the request does not meet. */
  private authorize(caller: Caller, action: string, resource: string): void {
    if (caller.principal.type !== 'user') {
      return;
    }
    const user = this.callingUser(caller);
    if (user.deniedActions.has(`iam:${action}`)) {
      throw notAuthorized(caller.arn, `iam:${action}`, resource);
    }
    if ((user.requireMfa || this.state.denyWithoutMfa) && !caller.session?.mfaAuthenticated) {
      throw notAuthorized(caller.arn, `iam:${action}`, resource, 'explicit-deny');
    }
  }

  private callingUser(caller: Caller): User {
    const user = caller.principal.type === 'user' ? this.state.user(caller.principal.userName) : undefined;
    if (!user) {
      throw new ApiError('InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE);
    }
    return user;
  }

  /** The user named by UserName, or the calling user when it is absent (only IAM users have a default). */
  private targetUser(params: URLSearchParams, caller: Caller): User {
    const userName = params.get('UserName');
    if (userName === null) {
      if (caller.principal.type !== 'user') {
        throw new ApiError('ValidationError', 400, 'Must specify userName when calling with non-User credentials');
      }
      return this.callingUser(caller);
    }
    if (!/^[\w+=,.@-]{1,64}$/.test(userName)) {
      throw validationError([
        `Value '${userName}' at 'userName' failed to satisfy constraint: ` + 'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
      ]);
    }
    const user = this.state.user(userName);
    if (!user) {
      throw noSuchEntity(`The user with name ${userName} cannot be found.`);
    }
    return user;
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
    if (policy?.AllowUsersToChangePassword === false) {
      throw notAuthorized(caller.arn, 'iam:ChangePassword', user.arn);
    }
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
    const user = this.targetUser(params, caller);
    this.authorize(caller, 'GetUser', user.arn);
    return {
      User: { Path: user.path, UserName: user.name, UserId: user.id, Arn: user.arn, CreateDate: user.createDate },
    };
  }

  private getLoginProfile(params: URLSearchParams, caller: Caller): XmlFields {
    const user = this.targetUser(params, caller);
    this.authorize(caller, 'GetLoginProfile', user.arn);
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
}
