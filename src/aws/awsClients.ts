// One session's SDK clients and their credential chain, from one set of settings: every client the chain creates (AssumeRole,
// GetSessionToken, web identity, the SSO portal) gets the same endpoints, TLS, timeouts, retries, user agent and tracing.
import { readFileSync } from 'node:fs';
import { GetAccountPasswordPolicyCommand, IAMClient, type IAMClientConfig, ListMFADevicesCommand } from '@aws-sdk/client-iam';
import {
  GetCallerIdentityCommand,
  getDefaultRoleAssumer,
  getDefaultRoleAssumerWithWebIdentity,
  GetSessionTokenCommand,
  STSClient,
  type STSClientConfig,
} from '@aws-sdk/client-sts';
import { fromEnv, fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { requireChangePasswordReply } from './changePasswordReply';
import { type EndpointInfo, MfaCancelledError } from './sessionFailure';
import type { Logger } from './log';
import { isFresh, type MfaSessionCache } from './mfaSessionCache';
import type { ProfileInfo, ProfileList } from '../profiles/profileList';
import type { Environment, ProxyConfig } from './proxy';
import { ConnectionWatch, WatchedHttpAgent } from './connectionWatch';
import { HostRoutes, type HostProxy } from './hostProxy';
import { EndpointTls, SessionHttpsAgent } from './proxyAgent';
import { CallRole, TracedRequestHandler, TraceTarget, wasNeverWritten } from './requestTrace';
import type { SessionSettings } from './sessionSettings';

export interface SessionOptions {
  list: ProfileList;
  profileName: string;
  settings: SessionSettings;
  logger: Logger;
  clientName: [string, string];
  askMfaCode: (serial: string, profile: string) => Promise<string | undefined>;
  mfaSessions: MfaSessionCache;
  env?: Environment;
  /** VS Code's own proxy support, when it would route the session's requests (http.proxySupport "override" or "fallback"). */
  hostProxy?: HostProxy;
}

export interface ClientPlan {
  profile: ProfileInfo;
  region: string;
  /** Configured endpoints only: without one the SDK resolves the endpoint for the region and flags. */
  endpoints: { iam?: string; sts?: string; sso?: string };
  proxy?: ProxyConfig;
}

/** One client per action: a request handler never sees the command, so each client's handler is named after its one action. */
export type AwsClients = ReturnType<typeof createAwsClients>;

// ChangePassword is not idempotent: a request that reached IAM may have changed the password, and the same request again is
// refused (the old password no longer matches), which would read as "not changed". So an attempt is retried only when it
// provably never left this machine (refused, DNS, TLS, connect timeout); a 5xx, throttling, a reset, a timeout after writing
// or an unreadable reply end the call.
class SendOnceRetryStrategy extends StandardRetryStrategy {
  override refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    if (!wasNeverWritten(errorInfo.error)) {
      return Promise.reject(new Error('ChangePassword is not sent twice'));
    }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

export function createAwsClients({ list, settings, logger, clientName, mfaSessions, askMfaCode: askUser, hostProxy }: SessionOptions, plan: ClientPlan) {
  const { profile, region, endpoints } = plan;
  const { configFile, credentialsFile } = list.paths;
  const trace: TraceTarget = {
    calls: [],
    logger,
    verifySsl: settings.verifySsl,
    secrets: new Set<string>(),
    connections: new ConnectionWatch(),
    readTimeoutMs: settings.readTimeoutSeconds * 1000,
  };
  // The SDK's MFA callback: a cancel rejects, and the trace hides the code from now on.
  const askMfaCode = async (serial: string): Promise<string> => {
    const code = await askUser(serial, profile.name);
    if (code === undefined) {
      throw new MfaCancelledError();
    }
    trace.secrets.add(code);
    return code;
  };
  const caBundle = settings.caBundle || profile.caBundle;
  const endpointTls: EndpointTls = { rejectUnauthorized: settings.verifySsl, ...(caBundle ? { ca: readFileSync(caBundle) } : {}) };
  const routes = hostProxy && new HostRoutes(hostProxy, plan.proxy, settings.http?.proxyStrictSSL ?? true, !caBundle, logger);
  trace.routes = routes;
  const httpAgent = new WatchedHttpAgent(trace.connections);
  const httpsAgent = new SessionHttpsAgent(endpointTls, plan.proxy, logger, trace.connections, routes);
  const transport = new NodeHttpHandler({
    connectionTimeout: settings.connectTimeoutSeconds * 1000 || undefined,
    requestTimeout: settings.readTimeoutSeconds * 1000 || undefined,
    // Without it a read timeout only warns, and the call waits for ever.
    throwOnRequestTimeout: true,
    httpAgent: routes ? routes.exempt(httpAgent) : httpAgent,
    httpsAgent: routes ? routes.exempt(httpsAgent) : httpsAgent,
  });
  const handler = (role: CallRole, action: string): TracedRequestHandler => new TracedRequestHandler(transport, trace, role, action);
  const at = (url: string | undefined): { endpoint?: string } => (url ? { endpoint: url } : {});
  const common = {
    retryStrategy: new StandardRetryStrategy(settings.maxAttempts),
    customUserAgent: [clientName],
    userAgentAppId: profile.userAgentAppId,
    useFipsEndpoint: profile.useFipsEndpoint ?? false,
    useDualstackEndpoint: profile.useDualstackEndpoint ?? false,
    // Configured endpoints are decided for the chosen profile before a client exists; the SDK would
    // otherwise read them for AWS_PROFILE's profile, whichever profile the client signs for.
    ignoreConfiguredEndpointUrls: true,
  };
  const stsConfig = (action: string): STSClientConfig => ({
    ...common,
    region,
    ...at(endpoints.sts),
    requestHandler: handler('credentials', action),
  });
  // The SSO portal's region is the profile's sso_region, which the SDK reads; a token refresh
  // (SSO OIDC CreateToken) rides the same configuration.
  const ssoConfig = { ...common, ...at(endpoints.sso), requestHandler: handler('credentials', 'GetRoleCredentials') };

  function profileCredentials(): AwsCredentialIdentityProvider {
    if (profile.kind === 'env') {
      return fromEnv();
    }
    const files = { profile: profile.name, filepath: credentialsFile, configFilepath: configFile, ignoreCache: true };
    if (profile.kind === 'sso') {
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
    const key = { configFile, credentialsFile, profile: profile.name, serial };
    const sessionSts = new STSClient({ ...stsConfig('GetSessionToken'), credentials: keys });
    return async () => {
      const cached = mfaSessions.get(key);
      if (cached) {
        return cached;
      }
      const code = await askMfaCode(serial);
      const { Credentials: c } = await sessionSts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }));
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new Error('STS GetSessionToken returned no credentials.');
      }
      const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      mfaSessions.set(key, session);
      logger.info(`Got an MFA session for profile ${profile.name} (until ${session.expiration?.toISOString()}).`);
      return session;
    };
  }

  const own = profileCredentials();
  let provider = profile.kind === 'static' && profile.mfaSerial ? mfaSession(profile.mfaSerial, own) : own;
  // One credential fetch for all clients until it nears expiry. Each SDK client caches its own, so
  // without this a role profile would call AssumeRole, and ask for an MFA code, once per client.
  let current: Promise<AwsCredentialIdentity> | undefined;
  const credentials: AwsCredentialIdentityProvider = async (properties) => {
    if (!current || !(await current.then(isFresh, () => false))) {
      current = provider(properties);
      const { secretAccessKey, sessionToken } = await current;
      // The trace hides the signing secrets too, should an answer ever echo them.
      trace.secrets.add(secretAccessKey).add(sessionToken ?? '');
    }
    return current;
  };
  // The clients the session's own operations go through; they share one credential fetch, and one
  // keep-alive agent: ChangePassword reuses the connection GetAccountPasswordPolicy opened.
  const operations = { ...common, region, credentials };
  const iamConfig = (action: string): IAMClientConfig => ({
    ...operations,
    ...at(endpoints.iam),
    requestHandler: handler('operation', action),
  });
  // Each SDK client memoizes the credentials it was first given (long-term keys for ever): a found MFA device needs new clients.
  const operationClients = () => {
    const changePassword = new IAMClient({ ...iamConfig('ChangePassword'), retryStrategy: new SendOnceRetryStrategy(settings.maxAttempts) });
    requireChangePasswordReply(changePassword);
    return {
      policy: new IAMClient(iamConfig('GetAccountPasswordPolicy')),
      changePassword,
      identity: new STSClient({ ...operations, ...at(endpoints.sts), requestHandler: handler('operation', 'GetCallerIdentity') }),
      mfaDevices: new IAMClient(iamConfig('ListMFADevices')),
    };
  };
  let clients = operationClients();
  return {
    get policy() {
      return clients.policy;
    },
    get changePassword() {
      return clients.changePassword;
    },
    get identity() {
      return clients.identity;
    },
    /** The caller's own devices: AWS's MFA-enforcing policy allows this call without MFA. */
    listMfaDevices: async (abortSignal?: AbortSignal) => (await clients.mfaDevices.send(new ListMFADevicesCommand({}), { abortSignal })).MFADevices ?? [],
    /** From now on every call is signed with a GetSessionToken session of this device (the next credential fetch asks for its code). */
    useMfaDevice: (serial: string): void => {
      provider = mfaSession(serial, own);
      current = undefined;
      // The old clients are dropped, not destroyed: destroying one would close the transport (and its connections) they share.
      clients = operationClients();
    },
    credentials,
    calls: trace.calls,
    secrets: trace.secrets,
    routes,
    destroy: (): void => transport.destroy(),
  };
}

export async function resolveEndpoints(clients: AwsClients): Promise<Omit<EndpointInfo, 'source'>[]> {
  const [iam, sts] = await Promise.all([
    getEndpointFromInstructions({}, GetAccountPasswordPolicyCommand, clients.policy.config as never),
    getEndpointFromInstructions({}, GetCallerIdentityCommand, clients.identity.config as never),
  ]);
  const region = await clients.policy.config.region();
  const describe = (endpoint: typeof iam): Omit<EndpointInfo, 'source'> => {
    const scheme = (endpoint.properties?.authSchemes as { signingRegion?: string }[] | undefined)?.[0];
    return { url: endpoint.url.href.replace(/\/$/, ''), signingRegion: scheme?.signingRegion ?? region };
  };
  return [describe(iam), describe(sts)];
}
