/** Turns a failed call to AWS into what the user is told and what they can do next. */
import { errorCode, errorMessage, FailureKind, PasswordOutcome, SessionFailure } from './awsFailure';
import { ROOT_PASSWORD_HOWTO } from './identity';
import { CONNECT_TIMEOUT_TEXT, TLS_ERROR_CODES } from './requestTrace';

export type ErrorAction = 'showLogs' | 'switchProfile' | 'ssoLogin' | 'openSettings' | 'retry' | 'openConsoleSignIn';

export interface ErrorReport {
  code: string;
  /** What happened, one sentence. */
  title: string;
  /** What to do next. */
  detail: string;
  actions: ErrorAction[];
  /** The setting the openSettings action opens. */
  setting?: string;
  outcome: PasswordOutcome;
  /** The AWS CLI's line for the same failure, for the log. */
  cliLine: string;
}

/** An endpoint a session sends to, as the SDK resolved it. */
export interface EndpointInfo {
  url: string;
  signingRegion: string;
  /** Where it comes from, e.g. "the iamPassword.endpointUrl setting". */
  source: string;
}

export interface ErrorContext {
  profile: string;
  /** The config file the profile was read from; `aws sso login` must read the same one. */
  configFile: string;
  /** IAM's first. */
  endpoints: EndpointInfo[];
  connectTimeoutSeconds: number;
  readTimeoutSeconds: number;
  /** The profile's mfa_serial: with one, the session already signs with MFA. */
  mfaSerial?: string;
  /** Who the profile signs in as, once the identity check has said. */
  caller?: { account: string; arn: string; name: string };
  /** False when GetAccountPasswordPolicy was refused, so the new password was checked against no policy. */
  passwordPolicyKnown?: boolean;
}

/** The CLI's wording: `An error occurred (CODE) when calling the OP operation: MESSAGE`. */
export function cliErrorLine(code: string, operation: string, message: string, attempts: number): string {
  const retries = attempts > 1 ? ` (reached max retries: ${attempts - 1})` : '';
  return `An error occurred (${code}) when calling the ${operation} operation${retries}: ${message}`;
}

/** The facts one description needs, read once from the failure. */
interface Facts {
  failure: SessionFailure;
  code: string;
  message: string;
  operation: string;
  /** The endpoint of the call that failed. */
  endpoint: EndpointInfo;
  host: string;
  /** Attempts of the failed call that left this machine. */
  attempts: number;
  ctx: ErrorContext;
}

type Description = Pick<ErrorReport, 'title' | 'detail'> & Partial<Pick<ErrorReport, 'actions' | 'setting'>>;
type Describe = (facts: Facts) => Description;

const SWITCH: ErrorAction[] = ['switchProfile', 'showLogs'];

const credentialsRefused: Describe = ({ code, message, ctx }) => ({
  actions: SWITCH,
  title: `The credentials of profile ${ctx.profile} were refused or could not be loaded (${code}).`,
  detail: `${message} Check the profile's keys (aws configure --profile ${ctx.profile}) or switch to another profile.`,
});

const awsFailing: Describe = ({ code, operation, attempts }) => ({
  actions: ['retry', 'showLogs'],
  title: `AWS is ${/thrott|limit|many/i.test(code) ? 'throttling requests' : 'failing'} (${code}) and ${operation} did not succeed after ${attempts} attempt${attempts === 1 ? '' : 's'}.`,
  detail: 'Your password was not changed. Try again in a minute.',
});

/** AWS error codes answered to the operation itself (IAM's modelled errors, and what STS and IAM say of credentials). */
const SERVICE_ERRORS: Readonly<Record<string, Describe>> = {
  PasswordPolicyViolation: ({ message }) => ({
    title: `The new password does not meet the account's password policy: ${message}`,
    detail: 'Your password was not changed. Choose a password that meets every rule (the Generate button makes one).',
  }),
  InvalidUserType: () => ({
    actions: SWITCH,
    title: 'These are root user credentials, and ChangePassword only works for IAM users.',
    detail: ROOT_PASSWORD_HOWTO,
  }),
  NoSuchEntity: ({ operation, message }) => ({
    title: operation === 'ChangePassword' ? 'This IAM user has no console password (no login profile).' : `IAM could not find what ${operation} asked for: ${message}`,
    detail: 'An administrator must enable console access for the user first (IAM console: Users > the user > Security credentials > Enable console access, or aws iam create-login-profile).',
  }),
  LimitExceeded: () => ({
    title: 'IAM refused: too many attempts to change this password.',
    detail: 'Wait a while (IAM blocks further attempts for a time), then try again with the right current password.',
  }),
  EntityTemporarilyUnmodifiable: () => ({
    actions: ['retry', 'showLogs'],
    title: 'IAM cannot change this user right now (EntityTemporarilyUnmodifiable).',
    detail: 'The user is being changed or deleted by another request. Your password was not changed; try again in a few minutes.',
  }),
  AccessDenied: (facts) =>
    facts.operation === 'ChangePassword'
      ? changePasswordDenied(facts)
      : { title: `${facts.operation} was refused (AccessDenied): ${facts.message}`, detail: 'Ask an administrator for the permission named above.' },
  InvalidClientTokenId: credentialsRefused,
  SignatureDoesNotMatch: credentialsRefused,
  ExpiredToken: credentialsRefused,
  InvalidAccessKeyId: credentialsRefused,
  UnrecognizedClient: credentialsRefused,
  IncompleteSignature: credentialsRefused,
  MissingAuthenticationToken: credentialsRefused,
  Throttling: awsFailing,
  RequestLimitExceeded: awsFailing,
  ServiceFailure: awsFailing,
  ServiceUnavailable: awsFailing,
  InternalFailure: awsFailing,
};

/**
 * AccessDenied on ChangePassword, the most common failure, told apart by AWS's own words: IAM gives
 * the same code to a wrong current password, a missing permission and a deny.
 */
function changePasswordDenied({ message, ctx }: Facts): Description {
  const notChanged = 'Your password was not changed.';
  // "... with an explicit deny in an identity-based policy": most often a policy that denies all but a few actions without MFA.
  if (/with an explicit deny/i.test(message)) {
    const device = ctx.caller ? `arn:${ctx.caller.arn.split(':')[1]}:iam::${ctx.caller.account}:mfa/${ctx.caller.name}` : 'arn:aws:iam::ACCOUNT:mfa/DEVICE';
    return {
      title: 'IAM refused the change: a policy denies it (AccessDenied, explicit deny).',
      detail: ctx.mfaSerial
        ? `${notChanged} The request was signed with an MFA session, so another policy denies iam:ChangePassword: ask an administrator which one.`
        : `${notChanged} Most often this is a policy that denies everything without MFA. Add your MFA device to the profile (mfa_serial = ${device}, the device's ARN from Security credentials in the IAM console, under [profile ${ctx.profile}] in ${ctx.configFile}), and the extension signs in with an MFA code first.`,
    };
  }
  // "... because no identity-based policy allows the iam:ChangePassword action".
  if (/no identity-based policy allows/i.test(message)) {
    return {
      title: 'IAM refused the change: no policy allows this user iam:ChangePassword (AccessDenied).',
      detail: `${notChanged} An administrator must grant it, for example with the AWS managed policy IAMUserChangePassword (iam:ChangePassword on the user itself and iam:GetAccountPasswordPolicy).`,
    };
  }
  const policy = ctx.passwordPolicyKnown === false ? " or the new password may not meet the account's password policy, which this profile may not read;" : ';';
  return {
    title: `IAM refused the change (AccessDenied): ${message}`,
    detail: `${notChanged} The current password may be wrong (IAM answers that this way too)${policy} otherwise the user needs iam:ChangePassword (the managed policy IAMUserChangePassword), and the account must let users change their password.`,
  };
}

const unreachable: Describe = ({ code, endpoint, ctx, message }) => ({
  actions: ['openSettings', 'showLogs'],
  setting: 'iamPassword.endpointUrl',
  title: `Could not reach ${endpoint.url} (${describeTransport(code, message, endpoint, ctx)}).`,
  detail: `The endpoint comes from ${endpoint.source}. Check it and your network or proxy. Nothing was sent.`,
});

const noAnswer: Describe = ({ code, message, operation, endpoint, ctx }) => {
  const connect = CONNECT_TIMEOUT_TEXT.test(message);
  return {
    actions: ['openSettings', 'showLogs'],
    setting: connect ? 'iamPassword.connectTimeoutSeconds' : 'iamPassword.readTimeoutSeconds',
    title: `${endpoint.url} did not answer ${operation} (${describeTransport(code, message, endpoint, ctx)}).`,
    detail: `The endpoint comes from ${endpoint.source}. Check your network, or raise the timeout setting.`,
  };
};

/** Node's error codes for a request that got no answer. */
const TRANSPORT_ERRORS: Readonly<Record<string, Describe>> = {
  ECONNREFUSED: unreachable,
  ENOTFOUND: unreachable,
  EAI_AGAIN: unreachable,
  EHOSTUNREACH: unreachable,
  ENETUNREACH: unreachable,
  TimeoutError: noAnswer,
  ETIMEDOUT: noAnswer,
  ECONNRESET: noAnswer,
  EPIPE: noAnswer,
  ...Object.fromEntries(
    [...TLS_ERROR_CODES].map((code): [string, Describe] => [
      code,
      ({ host }) => ({
        actions: ['openSettings', 'showLogs'],
        setting: 'iamPassword.caBundle',
        title: `The TLS certificate of ${host} is not trusted (${code}).`,
        detail: 'If a proxy or private CA signs it, set iamPassword.caBundle (or AWS_CA_BUNDLE, or ca_bundle in the profile) to its PEM file. Nothing was sent.',
      }),
    ]),
  ),
};

const ssoLogin: Describe = ({ ctx }) => ({
  actions: ['ssoLogin', 'showLogs'],
  title: `The SSO session of profile ${ctx.profile} has expired or is missing.`,
  detail: `Run "aws sso login --profile ${ctx.profile}", then try again.`,
});

/** A refused AssumeRole, GetSessionToken or SSO portal call: the operation itself was never sent. */
const credentialCallRefused: Describe = (facts) => {
  const { failure, code, message, operation, ctx } = facts;
  const action = failure.failedAction;
  const status = failure.failedCall?.attempts.at(-1)?.status;
  if (action === 'GetRoleCredentials') {
    // The portal answers 401 (UnauthorizedException) to a token it no longer accepts; 403 is a role it does not hand out.
    return status === 401
      ? ssoLogin(facts)
      : { actions: SWITCH, title: `The SSO portal refused profile ${ctx.profile} (${code}): ${message}`, detail: `No access: check the profile's sso_account_id and sso_role_name. ${operation} was not sent.` };
  }
  // STS says only in words that the MFA code was wrong.
  if (/MultiFactorAuthentication/i.test(message)) {
    return { actions: ['showLogs'], title: `The MFA code was not accepted (${action}: ${code}).`, detail: `${operation} was not sent. Try again with the next code your MFA device shows.` };
  }
  return {
    actions: SWITCH,
    title: `Profile ${ctx.profile} could not get credentials: ${action} was refused (${code}): ${message}`,
    detail: `${operation} was not sent. Check the profile's role_arn, source_profile and mfa_serial, or switch to another profile.`,
  };
};

/**
 * The credential chain failed before any AWS error. The SDK and Node describe these only in words,
 * so each case below names the text it looks for.
 */
const credentialsUnavailable: Describe = (facts) => {
  const { message, ctx } = facts;
  // @aws-sdk/credential-provider-sso: "The SSO session associated with this profile has expired / is invalid ... run aws sso login".
  if (/SSO session|aws sso login|SSO token/i.test(message)) {
    return ssoLogin(facts);
  }
  // @aws-sdk/credential-provider-ini without an MFA callback.
  if (/requires multi-factor authentication/i.test(message)) {
    return { title: `Profile ${ctx.profile} needs an MFA code.`, detail: message };
  }
  // Node's exec: "Command failed: <command line>\n<stderr>"; stdout, which may hold credentials, is never in it.
  const processFailure = /^Command failed: [^\n]*\n?([^]*)$/.exec(message);
  if (processFailure) {
    const stderr = processFailure[1].trim();
    return {
      actions: SWITCH,
      title: `The credential_process of profile ${ctx.profile} failed${stderr ? `: ${stderr}` : ' without an error message'}.`,
      detail: 'Fix what it says (often a login the process needs), then try again, or switch to another profile.',
    };
  }
  return credentialsRefused(facts);
};

const BY_KIND: Readonly<Record<FailureKind, Describe>> = {
  cancelled: () => ({ actions: [], title: 'Cancelled at the MFA prompt.', detail: 'Nothing was sent.' }),
  service: (facts) => {
    if (facts.failure.failedCall?.role === 'credentials') {
      return credentialCallRefused(facts);
    }
    const status = facts.failure.failedCall?.attempts.at(-1)?.status ?? 0;
    const describe = SERVICE_ERRORS[facts.code] ?? (status >= 500 ? awsFailing : undefined);
    return describe
      ? describe(facts)
      : { title: `${facts.operation} failed (${facts.code}): ${facts.message}`, detail: 'See the log for the request and response.' };
  },
  transport: (facts) =>
    (TRANSPORT_ERRORS[facts.code] ?? noAnswer)(facts),
  unreadable: ({ code, operation, host, endpoint }) => ({
    title: `The reply from ${host} to ${operation} could not be read (${code}).`,
    detail: `The endpoint comes from ${endpoint.source}: is it really AWS IAM/STS?`,
  }),
  credentials: credentialsUnavailable,
  configuration: ({ message, ctx }) => ({
    actions: ['openSettings', 'showLogs'],
    setting: 'iamPassword',
    title: `The AWS SDK refused the settings of profile ${ctx.profile}: ${message}`,
    detail: 'Check the region and endpoint settings. Nothing was sent.',
  }),
};

/** What a ChangePassword that may have been applied is called, whatever else went wrong. */
function uncertainChange({ failure, code, message, host, endpoint, ctx }: Facts): Description | undefined {
  const own = failure.calls.find((call) => call.role === 'operation');
  if (failure.outcome === 'probablyChanged') {
    const refusedRetry = code === 'AccessDenied' || code === 'PasswordPolicyViolation';
    return {
      actions: ['openConsoleSignIn', 'showLogs'],
      title: refusedRetry
        ? `Your password was probably changed: an earlier attempt got no answer, and the retry was refused (${code}) as if the current password had already changed.`
        : `Your password was probably changed: IAM answered, but its reply could not be read (${code}).`,
      detail: refusedRetry
        ? 'Sign in to the AWS console with the NEW password to confirm. If it does not work, the first attempt was refused too (a wrong current password, say) and the old password still works.'
        : 'Sign in to the AWS console with the NEW password to confirm.',
    };
  }
  if (failure.outcome === 'mayHaveChanged') {
    const lastAnswered = own?.attempts.at(-1)?.status !== undefined;
    return {
      actions: ['openConsoleSignIn', 'showLogs'],
      title: lastAnswered
        ? `The change may have happened: an earlier attempt reached ${host} but got no answer, and the retry failed (${code}).`
        : `The change may have happened: the request reached ${host} but no answer came back (${describeTransport(code, message, endpoint, ctx)}).`,
      detail: 'Try signing in to the AWS console with the NEW password. If that fails, the old one still works: try again.',
    };
  }
  return undefined;
}

export function describeError(error: unknown, ctx: ErrorContext): ErrorReport {
  if (!(error instanceof SessionFailure)) {
    const code = errorCode(error);
    const message = errorMessage(error);
    return { code, outcome: 'notChanged', actions: ['showLogs'], cliLine: message, title: `The request failed (${code}): ${message}`, detail: 'See the log for details.' };
  }
  const failedCall = error.failedCall;
  const endpoint = ctx.endpoints.find((e) => failedCall && originOf(e.url) === failedCall.origin) ?? ctx.endpoints[0];
  const facts: Facts = {
    failure: error,
    code: error.code,
    message: error.message,
    operation: error.operation,
    endpoint,
    host: failedCall ? new URL(failedCall.origin).host : hostOf(endpoint.url),
    attempts: failedCall?.attempts.filter((a) => a.written).length ?? 0,
    ctx,
  };
  const description = uncertainChange(facts) ?? BY_KIND[error.kind](facts);
  return {
    code: error.code,
    outcome: error.outcome,
    cliLine: cliErrorLine(error.code, error.failedAction, error.message, facts.attempts),
    actions: ['showLogs'],
    ...description,
  };
}

function describeTransport(code: string, message: string, endpoint: EndpointInfo, ctx: ErrorContext): string {
  if (CONNECT_TIMEOUT_TEXT.test(message)) {
    return `no connection within ${ctx.connectTimeoutSeconds} s`;
  }
  const names: Record<string, string> = {
    TimeoutError: `no answer within ${ctx.readTimeoutSeconds} s`,
    ETIMEDOUT: `no answer within ${ctx.readTimeoutSeconds} s`,
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: `host ${hostOf(endpoint.url)} not found`,
    EAI_AGAIN: `host ${hostOf(endpoint.url)} could not be looked up`,
    ECONNRESET: 'connection reset',
    EPIPE: 'connection closed',
  };
  return names[code] ?? code;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
