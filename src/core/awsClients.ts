/**
 * The AWS SDK clients of one session, and the credential chain behind them, built from one set of
 * settings so that every client the chain creates (AssumeRole, GetSessionToken, web identity, the
 * SSO portal) gets the same endpoint rules, TLS settings, timeouts, retries, user agent and tracing.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, getDefaultRoleAssumer, getDefaultRoleAssumerWithWebIdentity, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { fromEnv, fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { HttpRequest } from '@smithy/core/protocols';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { requireChangePasswordReply } from './changePasswordReply';
import { isFresh, type MfaSessionCache } from './mfaSessionCache';
import type { ProxyConfig } from './proxy';
import { EndpointTls, SessionHttpsAgent } from './proxyAgent';
import { CallRole, RequestActions, TracedRequestHandler, TraceTarget, wasNeverWritten } from './requestTrace';

export interface AwsClientOptions {
  /** undefined: sign with the AWS_* environment variables. */
  profile: string | undefined;
  configFile: string;
  credentialsFile: string;
  region: string;
  /** Configured endpoints only: without one the SDK resolves the endpoint for the region and flags. */
  iamEndpoint?: string;
  stsEndpoint?: string;
  ssoEndpoint?: string;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** sdk_ua_app_id / AWS_SDK_UA_APP_ID */
  userAgentAppId?: string;
  /** Who is calling, for the user agent: [name, version]. */
  clientName: [string, string];
  /** PEM file of extra certificate authorities. */
  caBundlePath?: string;
  verifySsl: boolean;
  /** The proxy for HTTPS requests; plain-http (loopback) endpoints never use one. */
  proxy?: ProxyConfig;
  /** 0 waits forever. */
  connectTimeoutMs: number;
  readTimeoutMs: number;
  maxAttempts: number;
  /** The profile's own credentials come from the SSO portal with a token from `aws sso login`. */
  signsInWithSso: boolean;
  /** A static-key profile's mfa_serial: sign with a GetSessionToken session instead of the keys. */
  sessionMfaSerial?: string;
}

export interface AwsClients {
  iam: IAMClient;
  /** The IAM client ChangePassword goes through: it never sends the request twice. */
  changePassword: IAMClient;
  sts: STSClient;
  /** The credentials both clients sign with (an MFA code is asked for here when the profile needs one). */
  credentials: AwsCredentialIdentityProvider;
  destroy(): void;
}

/**
 * ChangePassword is not idempotent: a request that reached IAM may have changed the password, and
 * the same request again is then refused (the old password no longer matches), which would read as
 * "not changed". So an attempt is retried only when it provably never left this machine (refused,
 * DNS, TLS, connect timeout) and the SDK would retry it anyway; a 5xx, throttling, a reset or a
 * timeout after writing, and any reply the SDK could not read, end the call.
 */
class SendOnceRetryStrategy extends StandardRetryStrategy {
  override refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    if (!wasNeverWritten(errorInfo.error)) {
      return Promise.reject(new Error('ChangePassword is not sent twice'));
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

export function createAwsClients(
  settings: AwsClientOptions,
  trace: TraceTarget,
  /** Resolves with a code; rejects (MfaCancelledError) when the user cancels. */
  askMfaCode: (serial: string) => Promise<string>,
  /** Where a static-key profile's GetSessionToken session is kept between sessions. */
  mfaSessions: MfaSessionCache,
): AwsClients {
  const endpointTls: EndpointTls = { rejectUnauthorized: settings.verifySsl, ...(settings.caBundlePath ? { ca: readFileSync(settings.caBundlePath) } : {}) };
  const transport = new NodeHttpHandler({
    connectionTimeout: settings.connectTimeoutMs || undefined,
    requestTimeout: settings.readTimeoutMs || undefined,
    // Without it a read timeout only warns, and the call waits for ever.
    throwOnRequestTimeout: true,
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new SessionHttpsAgent(endpointTls, settings.proxy, trace.logger),
  });
  const handler = (role: CallRole, action: (request: HttpRequest) => string): TracedRequestHandler => new TracedRequestHandler(transport, trace, role, action);
  const common = {
    retryStrategy: new StandardRetryStrategy(settings.maxAttempts),
    customUserAgent: [settings.clientName],
    userAgentAppId: settings.userAgentAppId,
    useFipsEndpoint: settings.useFipsEndpoint,
    useDualstackEndpoint: settings.useDualstackEndpoint,
    // Configured endpoints are decided for the chosen profile before a client exists; the SDK would
    // otherwise read them for AWS_PROFILE's profile, whichever profile the client signs for.
    ignoreConfiguredEndpointUrls: true,
  };
  const stsConfig = (action: string): ConstructorParameters<typeof STSClient>[0] => ({
    ...common,
    region: settings.region,
    ...(settings.stsEndpoint ? { endpoint: settings.stsEndpoint } : {}),
    requestHandler: handler('credentials', () => action),
  });
  // The SSO portal's region is the profile's sso_region, which the SDK reads; a token refresh
  // (SSO OIDC CreateToken) rides the same configuration.
  const ssoConfig = {
    ...common,
    ...(settings.ssoEndpoint ? { endpoint: settings.ssoEndpoint } : {}),
    requestHandler: handler('credentials', () => 'GetRoleCredentials'),
  };

  function profileCredentials(): AwsCredentialIdentityProvider {
    if (settings.profile === undefined) {
      return fromEnv();
    }
    const files = { profile: settings.profile, filepath: settings.credentialsFile, configFilepath: settings.configFile, ignoreCache: true };
    if (settings.signsInWithSso) {
      // Not through fromIni, which forgets the file paths when it hands an SSO profile to fromSSO.
      return fromSSO({ ...files, clientConfig: ssoConfig });
    }
    return fromIni({
      ...files,
      mfaCodeProvider: askMfaCode,
      roleAssumer: getDefaultRoleAssumer(stsConfig('AssumeRole')),
      roleAssumerWithWebIdentity: getDefaultRoleAssumerWithWebIdentity(stsConfig('AssumeRoleWithWebIdentity')),
      // For the clients fromIni makes itself: the SSO portal (an SSO source profile) and `aws login`.
      clientConfig: ssoConfig,
    });
  }

  function mfaSession(serial: string, keys: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
    const key = { configFile: settings.configFile, credentialsFile: settings.credentialsFile, profile: settings.profile, serial };
    const sessionSts = new STSClient({ ...stsConfig('GetSessionToken'), credentials: keys });
    return async () => {
      const cached = mfaSessions.get(key);
      if (cached) {
        return cached;
      }
      const code = await askMfaCode(serial);
      const { Credentials: c } = await sessionSts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }));
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        // An error's own text, like the SDK's: untranslated, as it also ends the AWS CLI's error line.
        throw new Error('STS GetSessionToken returned no credentials.');
      }
      const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      mfaSessions.set(key, session);
      trace.logger.info(`Got an MFA session for profile ${settings.profile} (until ${session.expiration?.toISOString()}).`);
      return session;
    };
  }

  const own = profileCredentials();
  const shared = sharedCredentials(settings.sessionMfaSerial ? mfaSession(settings.sessionMfaSerial, own) : own);
  // The trace hides the signing secrets too, should an answer ever echo them.
  const credentials: AwsCredentialIdentityProvider = async (properties) => {
    const identity = await shared(properties);
    trace.secrets.add(identity.secretAccessKey, identity.sessionToken);
    return identity;
  };
  // The clients the session's own operations go through; they share one credential fetch, and one
  // keep-alive agent: ChangePassword reuses the connection GetAccountPasswordPolicy opened.
  const operations = { ...common, region: settings.region, credentials };
  const actions = new RequestActions();
  const operationHandler = handler('operation', (request) => actions.of(request));
  const iamConfig = { ...operations, requestHandler: operationHandler, ...(settings.iamEndpoint ? { endpoint: settings.iamEndpoint } : {}) };
  const iam = new IAMClient(iamConfig);
  const changePassword = new IAMClient({ ...iamConfig, retryStrategy: new SendOnceRetryStrategy(settings.maxAttempts) });
  requireChangePasswordReply(changePassword);
  const sts = new STSClient({ ...operations, requestHandler: operationHandler, ...(settings.stsEndpoint ? { endpoint: settings.stsEndpoint } : {}) });
  for (const client of [iam, changePassword, sts]) {
    actions.track(client);
  }
  return { iam, changePassword, sts, credentials, destroy: () => transport.destroy() };
}

/**
 * One credential fetch for both clients until it nears expiry. Each SDK client caches its own, so
 * without this a role profile would call AssumeRole, and ask for an MFA code, once per client.
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

/** Where each client sends its requests and for which region it signs, by the SDK's own resolution; nothing is sent. */
export async function resolveEndpoints(clients: AwsClients): Promise<{ iam: ResolvedEndpoint; sts: ResolvedEndpoint }> {
  const [iam, sts] = await Promise.all([
    getEndpointFromInstructions({}, GetAccountPasswordPolicyCommand, clients.iam.config as never),
    getEndpointFromInstructions({}, GetCallerIdentityCommand, clients.sts.config as never),
  ]);
  const region = await clients.iam.config.region();
  const describe = (endpoint: typeof iam): ResolvedEndpoint => {
    const scheme = (endpoint.properties?.authSchemes as { signingRegion?: string }[] | undefined)?.[0];
    return { url: endpoint.url.href.replace(/\/$/, ''), signingRegion: scheme?.signingRegion ?? region };
  };
  return { iam: describe(iam), sts: describe(sts) };
}

export interface ResolvedEndpoint {
  url: string;
  signingRegion: string;
}
