/**
 * The only module that loads the AWS SDK. It is bundled on its own (dist/iam.js) and required on
 * the first command that needs it, so activation never pays for the SDK.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import {
  ChangePasswordCommand,
  GetAccountPasswordPolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { fromEnv, fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Pluggable, RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { AttemptRecord, isOperationError, OperationError, wasNeverSent } from './attempts';
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
  const common = { region: options.region, requestHandler, retryStrategy: new RetriesExceptLimitExceeded(options.maxAttempts) };

  // GetSessionToken is signed with the profile's own keys; everything else with signingCredentials().
  const stsBase = new STSClient({ ...common, endpoint: options.stsEndpoint, credentials: baseCredentials() });
  stsBase.middlewareStack.use(tracePlugin(logger, options.verifySsl, () => attempts));
  const signing = sharedCredentials(signingCredentials());
  const sts = new STSClient({ ...common, endpoint: options.stsEndpoint, credentials: signing });
  sts.middlewareStack.use(tracePlugin(logger, options.verifySsl, () => attempts));
  const iam = new IAMClient({ ...common, endpoint: options.iamEndpoint, credentials: signing });
  iam.middlewareStack.use(tracePlugin(logger, options.verifySsl, () => attempts));

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
    const client = new STSClient({ ...common, endpoint: options.stsEndpoint, credentials: source });
    client.middlewareStack.use(tracePlugin(logger, options.verifySsl, () => attempts));
    const out = await client.send(new AssumeRoleCommand({ ...params, RoleSessionName: params.RoleSessionName.replace(/^aws-sdk-js-/, 'vscode-iam-password-') }));
    return toIdentity(out.Credentials);
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
      const out = await stsBase.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }));
      const session = toIdentity(out.Credentials);
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
        const out = await sts.send(new GetCallerIdentityCommand({}));
        const arn = out.Arn ?? '';
        return { account: out.Account ?? '', arn, userId: out.UserId ?? '', ...classifyArn(arn) };
      }),
    getPasswordPolicy: async () => {
      try {
        const out = await run('GetAccountPasswordPolicy', () => iam.send(new GetAccountPasswordPolicyCommand({})));
        return out.PasswordPolicy ? { kind: 'account', policy: fromIamPolicy(out.PasswordPolicy) } : { kind: 'default' };
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
        await iam.send(new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: newPassword }));
      }),
    dispose: () => {
      iam.destroy();
      sts.destroy();
      stsBase.destroy();
      requestHandler.destroy();
    },
  };
}

/**
 * The SDK's standard retries, except for IAM's LimitExceeded: the SDK takes it for throttling, but
 * from ChangePassword it means too many wrong passwords, which retrying only prolongs (the CLI does
 * not retry it either).
 */
class RetriesExceptLimitExceeded extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    if ((errorInfo.error as { name?: string } | undefined)?.name === 'LimitExceededException') {
      throw errorInfo.error;
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

/**
 * One credential fetch for both clients. Each SDK client caches credentials only for itself, so
 * without this a role profile calls AssumeRole, and asks for an MFA code, once per client.
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

function toIdentity(credentials: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    throw new Error('STS returned no credentials.');
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

interface RawRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Logs each attempt at Trace with secrets redacted, and records whether the request left this
 * machine: that decides whether a failed ChangePassword may still have happened.
 */
function tracePlugin<Input extends object, Output extends object>(
  logger: Logger,
  verifySsl: boolean,
  currentAttempts: () => AttemptRecord[],
): Pluggable<Input, Output> {
  return {
    applyToStack: (stack) => {
      stack.add(
        (next, context) => async (args) => {
          const request = args.request as RawRequest;
          const operation = (context as { commandName?: string }).commandName?.replace(/Command$/, '') ?? 'request';
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
            const result = await next(args);
            const response = result.response as RawResponse;
            attempt.status = response.statusCode;
            const body = await bufferBody(response);
            attempt.requestId = response.headers['x-amzn-requestid'];
            logger.trace(`<- ${response.statusCode} ${operation} in ${Date.now() - started} ms\n${JSON.stringify(response.headers)}\n${body}`);
            return result;
          } catch (error) {
            attempt.sent = !wasNeverSent(error);
            attempt.networkError = errorSummary(error);
            logger.trace(`<- ${operation} failed after ${Date.now() - started} ms: ${attempt.networkError}`);
            throw error;
          }
        },
        { step: 'deserialize', name: 'iamPasswordTrace', priority: 'low' },
      );
    },
  };
}

/** Reads the (small) IAM/STS response so it can be logged, and hands the bytes on to the parser. */
async function bufferBody(response: RawResponse): Promise<string> {
  const body = response.body as AsyncIterable<Uint8Array> | undefined;
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
    return '';
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) {
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  response.body = new Uint8Array(bytes);
  return redactResponseBody(bytes.toString('utf8'));
}

function errorSummary(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string };
  return [e.name, e.code, e.message].filter(Boolean).join(': ');
}
