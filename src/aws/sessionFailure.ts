/**
 * What went wrong in a session's call to AWS, as data (which call, its attempts, what it means for
 * the password), and the types of the report the user reads about it.
 */
import type { ProxyConfig } from './proxy';
import { type CallRecord, errorCode, errorMessage } from './requestTrace';

/**
 * - cancelled: the user cancelled an MFA prompt (nothing was sent) or stopped waiting for an answer.
 * - service: AWS answered with an error.
 * - transport: no answer (refused, DNS, TLS, timeout, reset).
 * - unreadable: an answer came that the SDK could not read.
 * - credentials: the credential chain failed without an AWS error (SSO token, credential_process, missing keys).
 * - configuration: the SDK refused the client's settings before sending (region, FIPS with a custom endpoint).
 */
export type FailureKind = 'cancelled' | 'service' | 'transport' | 'unreadable' | 'credentials' | 'configuration';

/** For ChangePassword: what can honestly be said about the password after the failure. */
export type PasswordOutcome = 'notChanged' | 'mayHaveChanged';

/** Thrown by the session's MFA prompt when the user cancels it. */
export class MfaCancelledError extends Error {
  constructor() {
    // Never shown (describeFailure.ts words a cancel itself); untranslated like any error's own text.
    super('MFA code entry was cancelled; nothing was sent.');
    this.name = 'MfaCancelledError';
  }
}

export class SessionFailure extends Error {
  readonly kind: FailureKind;
  /** The AWS error code (`AccessDenied`), a Node error code (`ECONNREFUSED`) or the error's name. */
  readonly code: string;
  /** The call that failed: the operation's own, or one the credential chain made; undefined before any request. */
  readonly failedCall: CallRecord | undefined;
  readonly outcome: PasswordOutcome;

  constructor(
    /** The IAM or STS action the flow asked for. */
    readonly operation: string,
    readonly cause: unknown,
    /** Every call made for the operation, in order. */
    readonly calls: readonly CallRecord[],
  ) {
    super(errorMessage(cause));
    this.name = 'SessionFailure';
    this.code = errorCode(cause);
    this.failedCall = calls[calls.length - 1];
    this.kind = failureKind(cause, this.failedCall);
    this.outcome = passwordOutcome(
      operation,
      cause,
      calls.find((call) => call.role === 'operation'),
    );
  }

  /** The name the AWS CLI would give the failed call. */
  get failedAction(): string {
    return this.failedCall?.action ?? this.operation;
  }
}

function failureKind(cause: unknown, failedCall: CallRecord | undefined): FailureKind {
  // The SDK's error for an aborted send (AbortSignal): the user stopped waiting.
  if (cause instanceof MfaCancelledError || (cause as { name?: unknown } | undefined)?.name === 'AbortError') {
    return 'cancelled';
  }
  const last = failedCall?.attempts[failedCall.attempts.length - 1];
  if (last?.transportError) {
    return 'transport';
  }
  if (last?.status !== undefined) {
    // An error status is AWS saying no; a failure after a 2xx is a reply the SDK could not read.
    return last.status >= 300 ? 'service' : 'unreadable';
  }
  const name = (cause as { name?: unknown } | undefined)?.name;
  return name === 'EndpointError' || /^Region is missing/.test(errorMessage(cause)) ? 'configuration' : 'credentials';
}

/** True for an error the SDK read from an AWS error body (`<Error><Code>`); a gateway's page gives none. */
export function isAwsError(cause: unknown): boolean {
  return typeof (cause as { Code?: unknown } | undefined)?.Code === 'string';
}

/**
 * Whether a failed ChangePassword may have changed the password. The client never sends it again
 * once it may have left this machine (awsClients.ts), so this is about that one written attempt:
 * only IAM's own clear 4xx refusal says "not changed"; no answer, a 5xx, or a reply that is not
 * IAM's (a gateway's page, garbage, the wrong format) leave the change unknown.
 */
function passwordOutcome(operation: string, cause: unknown, own: CallRecord | undefined): PasswordOutcome {
  if (operation !== 'ChangePassword' || !own) {
    return 'notChanged';
  }
  const written = own.attempts.filter((a) => a.written);
  if (written.length === 0) {
    return 'notChanged';
  }
  const status = written.length === 1 ? written[0].status : undefined;
  return status !== undefined && status >= 400 && status < 500 && isAwsError(cause) ? 'notChanged' : 'mayHaveChanged';
}

export type ErrorAction = 'showLogs' | 'switchProfile' | 'ssoLogin' | 'openSettings' | 'retry' | 'openConsoleSignIn';

export interface ErrorReport {
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
  /** The proxy HTTPS requests go through, if any. */
  proxy?: Pick<ProxyConfig, 'label' | 'source' | 'setting' | 'noProxy'>;
}

/** The facts one description needs, read once from the failure. */
export interface Facts {
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

export type Description = Pick<ErrorReport, 'title' | 'detail'> & Partial<Pick<ErrorReport, 'actions' | 'setting'>>;
export type Describe = (facts: Facts) => Description;
