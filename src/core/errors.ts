/** Turns any failure of an IAM/STS call into what the user is told and what they can do next. */
import { ROOT_PASSWORD_HOWTO } from './identity';
import { AttemptRecord, errorCode, errorMessage, isOperationError, OperationError, TLS_ERROR_CODES } from './attempts';

export type ErrorAction = 'showLogs' | 'switchProfile' | 'ssoLogin' | 'openSettings' | 'retry';

/** For ChangePassword: what we can honestly say about the password after this failure. */
export type PasswordOutcome = 'notChanged' | 'mayHaveChanged' | 'probablyChanged';

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

export interface ErrorContext {
  profile: string;
  /** The config file the profile was read from; `aws sso login` must read the same one. */
  configFile: string;
  endpoint: string;
  /** Where the endpoint came from, e.g. "the iamPassword.endpointUrl setting". */
  endpointSource: string;
  connectTimeoutSeconds: number;
  readTimeoutSeconds: number;
}

const CREDENTIAL_CODES = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'UnrecognizedClient',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
]);

const RETRYABLE_SERVICE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ServiceFailure',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
]);

/** True when the user cancelled an MFA prompt: like Escape anywhere else, nothing to report. */
export function isUserCancellation(error: unknown): boolean {
  const inner = isOperationError(error) ? error.error : error;
  return (inner as { name?: unknown } | undefined)?.name === 'MfaCancelledError';
}

/** The CLI's wording: `An error occurred (CODE) when calling the OP operation: MESSAGE`. */
export function cliErrorLine(code: string, operation: string, message: string, attempts: number): string {
  const retries = attempts > 1 ? ` (reached max retries: ${attempts - 1})` : '';
  return `An error occurred (${code}) when calling the ${operation} operation${retries}: ${message}`;
}

function isTransportFailure(attempt: AttemptRecord | undefined): boolean {
  return attempt?.status === undefined && attempt?.networkError !== undefined;
}

/** Attempts of the operation itself, without the STS calls (AssumeRole, GetSessionToken) that got its credentials. */
function ownAttempts(error: OperationError): AttemptRecord[] {
  return error.attempts.filter((a) => a.operation === error.operation);
}

/** The STS calls iam.ts makes to get credentials; they are traced with the operation they serve. */
const CREDENTIAL_CALLS: ReadonlySet<string> = new Set(['AssumeRole', 'GetSessionToken']);

/** The credential call that STS refused before the operation itself could be sent. */
function refusedCredentialCall(error: OperationError): string | undefined {
  const last = error.attempts[error.attempts.length - 1];
  const refused = last !== undefined && last.status !== undefined && last.operation !== error.operation;
  return refused && CREDENTIAL_CALLS.has(last.operation) ? last.operation : undefined;
}

/**
 * Whether a failed ChangePassword may have changed the password. A request that left this machine
 * and got no answer may have been applied, whatever later retries were told; a later "wrong
 * password" or "password reused" then means it probably was.
 */
export function passwordOutcome(error: OperationError): PasswordOutcome {
  if (error.operation !== 'ChangePassword') {
    return 'notChanged';
  }
  const sent = ownAttempts(error).filter((a) => a.sent);
  const last = sent[sent.length - 1];
  const earlierUnanswered = sent.slice(0, -1).some((a) => isTransportFailure(a));
  if (earlierUnanswered && ['AccessDenied', 'PasswordPolicyViolation'].includes(error.code)) {
    return 'probablyChanged';
  }
  if (last?.status !== undefined && last.status >= 200 && last.status < 300) {
    return 'probablyChanged';
  }
  if (sent.some((a) => isTransportFailure(a))) {
    return 'mayHaveChanged';
  }
  return 'notChanged';
}

/** The SDK's own SSO messages, a failed token refresh, or the portal refusing the token (UnauthorizedException). */
function isSsoLoginError(code: string, message: string): boolean {
  return (
    (/sso/i.test(message) && /(expired|invalid|aws sso login|token)/i.test(message) && !/mfa/i.test(message)) ||
    code === 'SSOTokenProviderFailure' ||
    /\bUnauthorizedException\b/.test(`${code} ${message}`)
  );
}

export function describeError(error: unknown, ctx: ErrorContext): ErrorReport {
  const operation = isOperationError(error) ? error.operation : 'request';
  const inner = isOperationError(error) ? error.error : error;
  const code = isOperationError(error) ? error.code : errorCode(error);
  const message = errorMessage(inner);
  const credentialCall = isOperationError(error) ? refusedCredentialCall(error) : undefined;
  // The CLI names the call that failed, which for a refused AssumeRole is not the operation asked for.
  const failedOperation = credentialCall ?? operation;
  const attempts = isOperationError(error) ? error.attempts.filter((a) => a.sent && a.operation === failedOperation).length : 0;
  const outcome = isOperationError(error) ? passwordOutcome(error) : 'notChanged';
  const base = {
    code,
    outcome,
    cliLine: cliErrorLine(code, failedOperation, message, attempts),
    actions: ['showLogs'] as ErrorAction[],
  };
  const host = hostOf(ctx.endpoint);

  if (outcome === 'probablyChanged') {
    const refusedRetry = code === 'AccessDenied' || code === 'PasswordPolicyViolation';
    return {
      ...base,
      title: refusedRetry
        ? `Your password was probably changed: an earlier attempt got no answer, and the retry was refused (${code}) as if the current password had already changed.`
        : `Your password was probably changed: IAM answered, but its reply could not be read (${code}).`,
      detail: refusedRetry
        ? 'Sign in to the AWS console with the NEW password to confirm. If it does not work, the first attempt was refused too (a wrong current password, say) and the old password still works.'
        : 'Sign in to the AWS console with the NEW password to confirm.',
    };
  }
  if (outcome === 'mayHaveChanged') {
    return {
      ...base,
      title:
        lastStatus(error) === undefined
          ? `The change may have happened: the request reached ${host} but no answer came back (${describeTransport(code, message, ctx)}).`
          : `The change may have happened: an earlier attempt reached ${host} but got no answer, and the retry failed (${code}).`,
      detail: 'Try signing in to the AWS console with the NEW password. If that fails, the old one still works: try again.',
    };
  }
  if ((inner as { name?: string } | undefined)?.name === 'MfaCancelledError') {
    return { ...base, actions: [], title: 'Cancelled at the MFA prompt.', detail: 'Nothing was sent.' };
  }
  if (credentialCall) {
    const mfa = /MultiFactorAuthentication/i.test(message);
    return {
      ...base,
      actions: mfa ? ['showLogs'] : ['switchProfile', 'showLogs'],
      title: mfa
        ? `The MFA code was not accepted (${credentialCall}: ${code}).`
        : `Profile ${ctx.profile} could not get credentials: ${credentialCall} was refused (${code}): ${message}`,
      detail: mfa
        ? `${operation} was not sent. Try again with the next code your MFA device shows.`
        : `${operation} was not sent. Check the profile's role_arn, source_profile and mfa_serial, or switch to another profile.`,
    };
  }
  if (isSsoLoginError(code, message)) {
    return {
      ...base,
      actions: ['ssoLogin', 'showLogs'],
      title: `The SSO session of profile ${ctx.profile} has expired or is missing.`,
      detail: `Run "aws sso login --profile ${ctx.profile}", then try again.`,
    };
  }
  if (/requires multi-factor authentication/i.test(message)) {
    return { ...base, title: `Profile ${ctx.profile} needs an MFA code.`, detail: message };
  }
  switch (code) {
    case 'PasswordPolicyViolation':
      return {
        ...base,
        title: `The new password does not meet the account's password policy: ${message}`,
        detail: 'Your password was not changed. Choose a password that meets every rule (the Generate button makes one).',
      };
    case 'InvalidUserType':
      return {
        ...base,
        actions: ['switchProfile', 'showLogs'],
        title: 'These are root user credentials, and ChangePassword only works for IAM users.',
        detail: ROOT_PASSWORD_HOWTO,
      };
    case 'NoSuchEntity':
      return {
        ...base,
        title: operation === 'ChangePassword' ? 'This IAM user has no console password (no login profile).' : `IAM could not find what ${operation} asked for: ${message}`,
        detail: 'An administrator must enable console access for the user first (IAM console: Users > the user > Security credentials > Enable console access, or aws iam create-login-profile).',
      };
    case 'LimitExceeded':
      return {
        ...base,
        title: 'IAM refused: too many attempts to change this password.',
        detail: 'Wait a while (IAM blocks further attempts for a time), then try again with the right current password.',
      };
    case 'EntityTemporarilyUnmodifiable':
      return {
        ...base,
        actions: ['retry', 'showLogs'],
        title: 'IAM cannot change this user right now (EntityTemporarilyUnmodifiable).',
        detail: 'The user is being changed or deleted by another request. Your password was not changed; try again in a few minutes.',
      };
    case 'AccessDenied':
    case 'AccessDeniedException':
      return {
        ...base,
        title:
          operation === 'ChangePassword'
            ? 'IAM refused the change (AccessDenied).'
            : `${operation} was refused (AccessDenied): ${message}`,
        detail:
          operation === 'ChangePassword'
            ? 'Your password was not changed. The current password may be wrong (IAM answers that this way too); otherwise the user needs iam:ChangePassword and iam:GetAccountPasswordPolicy (the managed policy IAMUserChangePassword), and the account must let users change their password.'
            : 'Ask an administrator for the permission named above.',
      };
  }
  // Node's exec puts the command line and then the process's stderr in the message; stdout, which
  // may hold credentials, is never in it. Show only stderr.
  const processFailure = /^Command failed: [^\n]*\n?([^]*)$/.exec(message);
  if (processFailure) {
    const stderr = processFailure[1].trim();
    return {
      ...base,
      actions: ['switchProfile', 'showLogs'],
      title: `The credential_process of profile ${ctx.profile} failed${stderr ? `: ${stderr}` : ' without an error message'}.`,
      detail: 'Fix what it says (often a login the process needs), then try again, or switch to another profile.',
    };
  }
  if (CREDENTIAL_CODES.has(code) || /could not load credentials|unable to (find|load) credentials|profile .* (not found|could not be found)/i.test(message)) {
    return {
      ...base,
      actions: ['switchProfile', 'showLogs'],
      title: `The credentials of profile ${ctx.profile} were refused or could not be loaded (${code}).`,
      detail: `${message} Check the profile's keys (aws configure --profile ${ctx.profile}) or switch to another profile.`,
    };
  }
  if (TLS_ERROR_CODES.has(code) || /certificate|self[- ]signed/i.test(message)) {
    return {
      ...base,
      actions: ['openSettings', 'showLogs'],
      setting: 'iamPassword.caBundle',
      title: `The TLS certificate of ${host} is not trusted (${code}).`,
      detail: 'If a proxy or private CA signs it, set iamPassword.caBundle (or AWS_CA_BUNDLE, or ca_bundle in the profile) to its PEM file. Nothing was sent.',
    };
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return {
      ...base,
      actions: ['openSettings', 'showLogs'],
      setting: 'iamPassword.endpointUrl',
      title: `Could not reach ${ctx.endpoint} (${describeTransport(code, message, ctx)}).`,
      detail: `The endpoint comes from ${ctx.endpointSource}. Check it and your network or proxy. Nothing was sent.`,
    };
  }
  if (code === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EPIPE') {
    const connect = /did not establish a connection/.test(message);
    return {
      ...base,
      actions: ['openSettings', 'showLogs'],
      setting: connect ? 'iamPassword.connectTimeoutSeconds' : 'iamPassword.readTimeoutSeconds',
      title: `${ctx.endpoint} did not answer ${operation} (${describeTransport(code, message, ctx)}).`,
      detail: `The endpoint comes from ${ctx.endpointSource}. Check your network, or raise the timeout setting.`,
    };
  }
  if (RETRYABLE_SERVICE_CODES.has(code) || /^5\d\d$/.test(String(lastStatus(error)))) {
    return {
      ...base,
      actions: ['retry', 'showLogs'],
      title: `AWS is ${/thrott|limit|many/i.test(code) ? 'throttling requests' : 'failing'} (${code}) and ${operation} did not succeed after ${attempts} attempt${attempts === 1 ? '' : 's'}.`,
      detail: 'Your password was not changed. Try again in a minute.',
    };
  }
  if (/deserializ|xml|unexpected end|parse/i.test(message) || code === 'SyntaxError') {
    return {
      ...base,
      title: `The reply from ${host} to ${operation} could not be read (${code}).`,
      detail: `The endpoint comes from ${ctx.endpointSource}: is it really AWS IAM/STS?`,
    };
  }
  return { ...base, title: `${operation} failed (${code}): ${message}`, detail: 'See the log for the request and response.' };
}

function lastStatus(error: unknown): number | undefined {
  if (!isOperationError(error)) {
    return undefined;
  }
  return error.attempts[error.attempts.length - 1]?.status;
}

function describeTransport(code: string, message: string, ctx: ErrorContext): string {
  if (/did not establish a connection/.test(message)) {
    return `no connection within ${ctx.connectTimeoutSeconds} s`;
  }
  if (code === 'TimeoutError' || code === 'ETIMEDOUT') {
    return `no answer within ${ctx.readTimeoutSeconds} s`;
  }
  const names: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: `host ${hostOf(ctx.endpoint)} not found`,
    EAI_AGAIN: `host ${hostOf(ctx.endpoint)} could not be looked up`,
    ECONNRESET: 'connection reset',
    EPIPE: 'connection closed',
  };
  return names[code] ?? code;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
