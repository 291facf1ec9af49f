/** What a failure report is made of: the report the user reads, the context it is worded in, and one description's facts. */
import type { ProxyConfig } from '../proxy';
import type { PasswordOutcome, SessionFailure } from './sessionFailure';

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
