/**
 * The only module that loads the AWS SDK (credential providers, signing, transport, retries; the
 * IAM and STS calls themselves go through awsQuery.ts). It is bundled on its own (dist/iam.js)
 * and required on the first command that needs it, so activation never pays for the SDK.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { fromEnv, fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AttemptRecord, isOperationError, OperationError, wasNeverSent } from './attempts';
import { AttemptTracer, IAM_SERVICE, QueryClient, QueryResult, STS_SERVICE } from './awsQuery';
import { iamSigningRegion } from './endpoints';
import { CallerIdentity, classifyArn } from './identity';
import { Logger } from './log';
import { fromIamPolicy, PolicyState } from './passwordPolicy';
import { redactHeaders, redactQueryString, redactResponseBody } from './redact';

export interface ConnectOptions {
  /** Profile name, or undefined to sign with the AWS_* environment variables. */
  profile: string | undefined;
  configFile: string;
  credentialsFile: string;
  region: string;
  iamEndpoint: string;
  stsEndpoint: string;
  /** The profile's own credentials come from the SSO portal with a token from `aws sso login`. */
  signsInWithSso?: boolean;
  /** The SSO portal's URL for SSO profiles; undefined leaves it to the SDK (the region's portal). */
  ssoEndpoint?: string;
  /** PEM file of extra certificate authorities. */
  caBundlePath?: string;
  verifySsl: boolean;
  /** 0 waits forever. */
  connectTimeoutMs: number;
  readTimeoutMs: number;
  maxAttempts: number;
  /** A static-key profile's mfa_serial: sign with a GetSessionToken session instead of the keys. */
  sessionMfaSerial?: string;
  /** Asks the user for a code; undefined means the user cancelled. */
  mfaCodeProvider?: (serial: string) => Promise<string | undefined>;
  logger: Logger;
}

export interface IamConnection {
  whoAmI(): Promise<CallerIdentity>;
  getPasswordPolicy(): Promise<PolicyState>;
  /** Resolves when IAM said yes. Rejects with an OperationError that carries every attempt. */
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  dispose(): void;
}

/** Thrown when the user cancels an MFA prompt: nothing was sent. */
export class MfaCancelledError extends Error {
  constructor() {
    super('MFA code entry was cancelled; nothing was sent.');
    this.name = 'MfaCancelledError';
  }
}

// GetSessionToken sessions for static keys with mfa_serial, in memory only, until shortly before expiry.
const mfaSessions = new Map<string, AwsCredentialIdentity>();
const SESSION_MARGIN_MS = 5 * 60 * 1000;

export function connect(options: ConnectOptions): IamConnection {
  const { logger } = options;
  if (!options.verifySsl) {
    logger.warn('TLS certificate verification is OFF (iamPassword.verifySsl = false): requests can be intercepted.');
  }
  const requestHandler = new NodeHttpHandler({
    connectionTimeout: options.connectTimeoutMs || undefined,
    requestTimeout: options.readTimeoutMs || undefined,
    throwOnRequestTimeout: true,
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({
      keepAlive: true,
      rejectUnauthorized: options.verifySsl,
      ...(options.caBundlePath ? { ca: readFileSync(options.caBundlePath) } : {}),
    }),
  });
  let attempts: AttemptRecord[] = [];
  const common = { region: options.region, requestHandler, retryStrategy: new StandardRetryStrategy(options.maxAttempts) };
  const query = { ...common, maxAttempts: options.maxAttempts, trace: tracer(logger, options.verifySsl, () => attempts) };

  // GetSessionToken is signed with the profile's own keys; everything else with signingCredentials().
  const stsBase = new QueryClient(STS_SERVICE, { ...query, endpoint: options.stsEndpoint, credentials: baseCredentials() });
  const signing = sharedCredentials(signingCredentials());
  const sts = new QueryClient(STS_SERVICE, { ...query, endpoint: options.stsEndpoint, credentials: signing });
  const iam = new QueryClient(IAM_SERVICE, { ...query, region: iamSigningRegion(options.region), endpoint: options.iamEndpoint, credentials: signing });

  function baseCredentials(): AwsCredentialIdentityProvider {
    if (options.profile === undefined) {
      return fromEnv();
    }
    const files = { profile: options.profile, filepath: options.credentialsFile, configFilepath: options.configFile, ignoreCache: true };
    if (options.signsInWithSso) {
      // Not through fromIni, which forgets the file paths when it hands an SSO profile to fromSSO.
      // The portal client gets the same TLS settings, timeouts and retries as IAM and STS.
      return fromSSO({
        ...files,
        clientConfig: { ...common, region: undefined, ...(options.ssoEndpoint ? { endpoint: options.ssoEndpoint } : {}) },
      });
    }
    return fromIni({ ...files, mfaCodeProvider: askMfa, roleAssumer: assumeRole });
  }

  async function askMfa(serial: string): Promise<string> {
    const code = await options.mfaCodeProvider?.(serial);
    if (code === undefined) {
      throw new MfaCancelledError();
    }
    return code;
  }

  // Our own AssumeRole, so role profiles use the same endpoint, TLS settings and redacted logging.
  async function assumeRole(
    source: AwsCredentialIdentity,
    params: { RoleArn: string; RoleSessionName: string; DurationSeconds?: number; ExternalId?: string; SerialNumber?: string; TokenCode?: string },
  ): Promise<AwsCredentialIdentity> {
    const client = new QueryClient(STS_SERVICE, { ...query, endpoint: options.stsEndpoint, credentials: async () => source });
    const out = await client.send('AssumeRole', queryParameters({ ...params, RoleSessionName: params.RoleSessionName.replace(/^aws-sdk-js-/, 'vscode-iam-password-') }));
    return toIdentity(out);
  }

  function signingCredentials(): AwsCredentialIdentityProvider {
    const serial = options.sessionMfaSerial;
    if (!serial) {
      return baseCredentials();
    }
    const key = `${options.configFile}\0${options.credentialsFile}\0${options.profile}\0${serial}`;
    return async () => {
      const cached = mfaSessions.get(key);
      if (cached?.expiration && isFresh(cached)) {
        return cached;
      }
      const code = await askMfa(serial);
      const out = await stsBase.send('GetSessionToken', { SerialNumber: serial, TokenCode: code });
      const session = toIdentity(out);
      mfaSessions.set(key, session);
      logger.info(`Got an MFA session for profile ${options.profile} (until ${session.expiration?.toISOString()}).`);
      return session;
    };
  }

  async function run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    attempts = [];
    try {
      return await call();
    } catch (error) {
      throw new OperationError(operation, error, attempts);
    }
  }

  return {
    whoAmI: () =>
      run('GetCallerIdentity', async () => {
        const out = await sts.send('GetCallerIdentity');
        const arn = out.Arn ?? '';
        return { account: out.Account ?? '', arn, userId: out.UserId ?? '', ...classifyArn(arn) };
      }),
    getPasswordPolicy: async () => {
      try {
        const out = await run('GetAccountPasswordPolicy', () => iam.send('GetAccountPasswordPolicy'));
        return out.PasswordPolicy === undefined ? { kind: 'default' } : { kind: 'account', policy: fromIamPolicy(passwordPolicyOf(out)) };
      } catch (error) {
        const code = isOperationError(error) ? error.code : undefined;
        if (code === 'NoSuchEntity') {
          return { kind: 'default' };
        }
        if (code === 'AccessDenied') {
          return { kind: 'unknown', reason: 'this profile may not call iam:GetAccountPasswordPolicy' };
        }
        throw error;
      }
    },
    changePassword: (oldPassword, newPassword) =>
      run('ChangePassword', async () => {
        await iam.send('ChangePassword', { OldPassword: oldPassword, NewPassword: newPassword });
      }),
    dispose: () => requestHandler.destroy(),
  };
}

/**
 * One credential fetch for both clients until it expires. The signer asks its provider on every
 * request, so without this a role profile calls AssumeRole, and asks for an MFA code, every time.
 */
function sharedCredentials(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async (properties) => {
    if (!current || !(await current.then(isFresh, () => false))) {
      current = provider(properties);
    }
    return current;
  };
}

function isFresh(identity: AwsCredentialIdentity): boolean {
  return !identity.expiration || identity.expiration.getTime() - SESSION_MARGIN_MS > Date.now();
}

/** The Credentials of an AssumeRole or GetSessionToken result. */
function toIdentity(out: QueryResult): AwsCredentialIdentity {
  const accessKeyId = out['Credentials.AccessKeyId'];
  const secretAccessKey = out['Credentials.SecretAccessKey'];
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('STS returned no credentials.');
  }
  const expiration = out['Credentials.Expiration'];
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: out['Credentials.SessionToken'],
    expiration: expiration === undefined ? undefined : new Date(expiration),
  };
}

/** The parameters the SDK's role assumer passes, as Query parameters (it leaves unset ones undefined). */
function queryParameters(params: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
}

function passwordPolicyOf(out: QueryResult): Parameters<typeof fromIamPolicy>[0] {
  const number = (name: string): number | undefined => (out[`PasswordPolicy.${name}`] === undefined ? undefined : Number(out[`PasswordPolicy.${name}`]));
  const flag = (name: string): boolean | undefined => (out[`PasswordPolicy.${name}`] === undefined ? undefined : out[`PasswordPolicy.${name}`] === 'true');
  return {
    MinimumPasswordLength: number('MinimumPasswordLength'),
    RequireSymbols: flag('RequireSymbols'),
    RequireNumbers: flag('RequireNumbers'),
    RequireUppercaseCharacters: flag('RequireUppercaseCharacters'),
    RequireLowercaseCharacters: flag('RequireLowercaseCharacters'),
    AllowUsersToChangePassword: flag('AllowUsersToChangePassword'),
    ExpirePasswords: flag('ExpirePasswords'),
    MaxPasswordAge: number('MaxPasswordAge'),
    PasswordReusePrevention: number('PasswordReusePrevention'),
    HardExpiry: flag('HardExpiry'),
  };
}

/**
 * Logs each attempt at Trace with secrets redacted, and records whether the request left this
 * machine: that decides whether a failed ChangePassword may still have happened.
 */
function tracer(logger: Logger, verifySsl: boolean, currentAttempts: () => AttemptRecord[]): AttemptTracer {
  return async (operation, request, send) => {
    const attempt: AttemptRecord = { operation, sent: true };
    currentAttempts().push(attempt);
    // Counted per operation: the list also holds the STS calls that fetched credentials.
    const attemptNumber = currentAttempts().filter((a) => a.operation === operation).length;
    const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
    if (!verifySsl && request.protocol === 'https:') {
      logger.warn(`Sending ${operation} to ${url} without verifying its TLS certificate.`);
    }
    logger.trace(
      `-> ${request.method} ${url} (${operation}, attempt ${attemptNumber})\n` +
        `${JSON.stringify(redactHeaders(request.headers))}\n${typeof request.body === 'string' ? redactQueryString(request.body) : ''}`,
    );
    const started = Date.now();
    try {
      const response = await send();
      attempt.status = response.statusCode;
      attempt.requestId = response.headers['x-amzn-requestid'];
      logger.trace(`<- ${response.statusCode} ${operation} in ${Date.now() - started} ms\n${JSON.stringify(response.headers)}\n${redactResponseBody(response.body)}`);
      return response;
    } catch (error) {
      attempt.sent = !wasNeverSent(error);
      attempt.networkError = errorSummary(error);
      logger.trace(`<- ${operation} failed after ${Date.now() - started} ms: ${attempt.networkError}`);
      throw error;
    }
  };
}

function errorSummary(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string };
  return [e.name, e.code, e.message].filter(Boolean).join(': ');
}
