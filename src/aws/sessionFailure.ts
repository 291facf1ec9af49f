// A failed AWS call as data (which call, its attempts, what it means for the password), and the report types.
import type { ProxyConfig } from './proxy';
import { type CallRecord, errorCode, errorMessage } from './requestTrace';

/** credentials: the credential chain failed without an AWS error; configuration: the SDK refused the settings before sending. */
export type FailureKind = 'cancelled' | 'service' | 'transport' | 'unreadable' | 'credentials' | 'configuration';

/** For ChangePassword: what can honestly be said about the password after the failure. */
export type PasswordOutcome = 'notChanged' | 'mayHaveChanged';

export class MfaCancelledError extends Error {
  constructor() {
    super('MFA code entry was cancelled; nothing was sent.');
    this.name = 'MfaCancelledError';
  }
}

export class SessionFailure extends Error {
  readonly kind: FailureKind;
  readonly code: string;
  readonly failedCall: CallRecord | undefined;
  readonly outcome: PasswordOutcome;

  constructor(
    readonly operation: string,
    readonly cause: unknown,
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

// Whether a failed ChangePassword may have changed the password. It is never resent once it may have left this machine
// (awsClients.ts): only IAM's own clear 4xx says "not changed"; no answer, a 5xx or a reply not from IAM leave it unknown.
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
  title: string;
  detail: string;
  actions: ErrorAction[];
  setting?: string;
  outcome: PasswordOutcome;
  cliLine: string;
}

export interface EndpointInfo {
  url: string;
  signingRegion: string;
  source: string;
}

export interface ErrorContext {
  profile: string;
  /** The config file the profile was read from; `aws sso login` must read the same one. */
  configFile: string;
  endpoints: EndpointInfo[];
  connectTimeoutSeconds: number;
  readTimeoutSeconds: number;
  /** The profile's mfa_serial: with one, the session already signs with MFA. */
  mfaSerial?: string;
  /** The profile's keys are a session's (aws_session_token): IAM takes them only if the session was started with MFA. */
  sessionKeys?: boolean;
  caller?: { account: string; arn: string; name: string };
  passwordPolicyKnown?: boolean;
  proxy?: Pick<ProxyConfig, 'label' | 'source' | 'setting' | 'noProxy'>;
}

export interface Facts {
  failure: SessionFailure;
  code: string;
  message: string;
  operation: string;
  endpoint: EndpointInfo;
  host: string;
  attempts: number;
  ctx: ErrorContext;
}

export type Description = Pick<ErrorReport, 'title' | 'detail'> & Partial<Pick<ErrorReport, 'actions' | 'setting'>>;
export type Describe = (facts: Facts) => Description;
