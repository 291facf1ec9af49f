/**
 * One conversation with AWS for one flow: the chosen profile, the settings, the SDK clients and
 * every call made, from the identity check to ChangePassword. A flow opens it and disposes it.
 */
import { ChangePasswordCommand, GetAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import * as l10n from '@vscode/l10n';
import { AwsClients, createAwsClients, resolveEndpoints } from './awsClients';
import { MfaCancelledError, SessionFailure } from './failure/sessionFailure';
import { configuredEndpoint } from './endpoints';
import { endpointProblem } from './safeEndpoint';
import type { EndpointInfo, ErrorContext } from './failure/errorReport';
import { CallerIdentity, classifyArn } from './identity';
import { Logger } from './log';
import type { MfaSessionCache } from './mfaSessionCache';
import { fromIamPolicy, PolicyState } from './passwordPolicy';
import type { ProfileInfo, ProfileList } from './profiles';
import { Environment, proxyConfig, ProxySetupError } from './proxy';
import { KnownSecrets } from './redact';
import { CallRecorder } from './requestTrace';
import type { SessionSettings } from './sessionSettings';

export interface SessionOptions {
  list: ProfileList;
  profileName: string;
  settings: SessionSettings;
  logger: Logger;
  /** Named in the user agent of every request: [name, version]. */
  clientName: [string, string];
  /** Asks the user for an MFA code; undefined when they cancel. */
  askMfaCode: (serial: string, profile: string) => Promise<string | undefined>;
  /** GetSessionToken sessions kept between sessions; the owner clears them. */
  mfaSessions: MfaSessionCache;
  /** Where HTTPS_PROXY and NO_PROXY are read; process.env by default. */
  env?: Environment;
}

/** A session, or why no request may be made with this profile and these settings (nothing was sent). */
export type SessionOpening = { session: AwsSession } | { refusal: string };

export async function openSession(options: SessionOptions): Promise<SessionOpening> {
  const { list, profileName, settings, logger } = options;
  const profile = list.profiles.find((p) => p.name === profileName);
  if (!profile) {
    return {
      refusal: l10n.t(
        'There is no AWS profile named "{0}" in {1} or {2}. Run "aws configure --profile {0}", or switch to another profile.',
        profileName,
        list.paths.configFile,
        list.paths.credentialsFile,
      ),
    };
  }
  const iam = configuredEndpoint(settings.endpointUrl, profile.endpoints.iam);
  const sts = configuredEndpoint(settings.endpointUrl, profile.endpoints.sts);
  // The SSO portal gets the bearer token from `aws sso login`; it is held to the same rule.
  const sso = profile.endpoints.sso;
  for (const endpoint of [iam, sts, sso]) {
    const problem = endpoint && endpointProblem(endpoint.url);
    if (problem) {
      return {
        refusal: `${problem} ${l10n.t({ message: 'It comes from {0}. Nothing was sent.', args: [endpoint.source], comment: '{0} is where the endpoint comes from, e.g. "the iamPassword.endpointUrl setting"' })}`,
      };
    }
  }
  // IAM is global: without a region the commercial partition's endpoint is the right one.
  const region = settings.region || profile.region || 'us-east-1';
  if (!settings.verifySsl) {
    logger.warn('TLS certificate verification is OFF (iamPassword.verifySsl = false): requests can be intercepted.');
  }
  let proxy;
  try {
    proxy = proxyConfig(settings.http, options.env ?? process.env);
  } catch (error) {
    if (error instanceof ProxySetupError) {
      return { refusal: `${error.message} ${l10n.t('Nothing was sent.')}` };
    }
    throw error;
  }
  if (proxy) {
    logger.info(`HTTPS requests go through proxy ${proxy.label} (${proxy.source})${proxy.noProxy.length ? `, except to ${proxy.noProxy.join(', ')}` : ''}.`);
    if (!proxy.strictSSL && proxy.url.protocol === 'https:') {
      logger.warn("The proxy's own TLS certificate is not verified (http.proxyStrictSSL = false).");
    }
  }
  const recorder = new CallRecorder();
  const secrets = new KnownSecrets();
  let clients: AwsClients;
  try {
    clients = createAwsClients(
      {
        profile: profile.kind === 'env' ? undefined : profile.name,
        configFile: list.paths.configFile,
        credentialsFile: list.paths.credentialsFile,
        region,
        iamEndpoint: iam?.url,
        stsEndpoint: sts?.url,
        ssoEndpoint: sso?.url,
        useFipsEndpoint: profile.useFipsEndpoint ?? false,
        useDualstackEndpoint: profile.useDualstackEndpoint ?? false,
        userAgentAppId: profile.userAgentAppId,
        clientName: options.clientName,
        caBundlePath: settings.caBundle || profile.caBundle,
        verifySsl: settings.verifySsl,
        proxy,
        connectTimeoutMs: settings.connectTimeoutSeconds * 1000,
        readTimeoutMs: settings.readTimeoutSeconds * 1000,
        maxAttempts: settings.maxAttempts,
        signsInWithSso: profile.kind === 'sso',
        sessionMfaSerial: profile.kind === 'static' ? profile.mfaSerial : undefined,
      },
      { recorder, logger, verifySsl: settings.verifySsl, secrets },
      async (serial) => {
        const code = await options.askMfaCode(serial, profile.name);
        if (code === undefined) {
          throw new MfaCancelledError();
        }
        secrets.add(code);
        return code;
      },
      options.mfaSessions,
    );
  } catch (error) {
    // Only local set-up fails here (an unreadable CA bundle).
    return { refusal: l10n.t('Cannot prepare the requests for profile {0}: {1}. Nothing was sent.', profileName, (error as Error).message) };
  }
  let endpoints: SessionEndpoints;
  try {
    const resolved = await resolveEndpoints(clients);
    const fallback = l10n.t({ message: 'the AWS endpoint for region {0}', args: [region], comment: 'Where an endpoint comes from' });
    endpoints = { iam: { ...resolved.iam, source: iam?.source ?? fallback }, sts: { ...resolved.sts, source: sts?.source ?? fallback } };
  } catch (error) {
    clients.destroy();
    // The SDK's endpoint rules refused the settings, e.g. FIPS together with a custom endpoint.
    return { refusal: l10n.t('The AWS SDK cannot choose an endpoint for profile {0}: {1}. Nothing was sent.', profileName, (error as Error).message) };
  }
  const flags = [profile.useFipsEndpoint && 'FIPS', profile.useDualstackEndpoint && 'dual-stack'].filter(Boolean).join(', ');
  logger.info(
    `Profile ${profile.name} (${profile.kindLabel}), region ${region}${flags ? ` (${flags})` : ''}: ` +
      `IAM ${describeEndpoint(endpoints.iam)}, STS ${describeEndpoint(endpoints.sts)}.`,
  );
  const errorContext: ErrorContext = {
    profile: profile.name,
    configFile: list.paths.configFile,
    endpoints: [endpoints.iam, endpoints.sts],
    connectTimeoutSeconds: settings.connectTimeoutSeconds,
    readTimeoutSeconds: settings.readTimeoutSeconds,
    mfaSerial: profile.mfaSerial,
    proxy,
  };
  return { session: new AwsSession(profile, endpoints, errorContext, clients, recorder, secrets) };
}

export interface SessionEndpoints {
  iam: EndpointInfo;
  sts: EndpointInfo;
}

function describeEndpoint(endpoint: EndpointInfo): string {
  return `${endpoint.url} signed for ${endpoint.signingRegion} (${endpoint.source})`;
}

export class AwsSession {
  /** Use openSession(). */
  constructor(
    readonly profile: ProfileInfo,
    /** Where IAM and STS requests go, as the SDK resolved them. */
    readonly endpoints: SessionEndpoints,
    /** What describeFailure.ts needs to explain a failure of this session. */
    readonly errorContext: ErrorContext,
    private readonly clients: AwsClients,
    private readonly recorder: CallRecorder,
    /** Everything secret this session has been given or has fetched, hidden in its trace. */
    private readonly secrets: KnownSecrets,
  ) {}

  /** The passwords, MFA codes and credentials this session has learnt so far. */
  knownSecrets(): readonly string[] {
    return this.secrets.list();
  }

  /**
   * Fetches the credentials the calls will sign with, asking for an MFA code if the profile needs
   * one. A flow calls it first when an MFA box may appear, so that it never opens over a password box.
   */
  async signIn(): Promise<void> {
    // Named after the call the credentials are for, as when whoAmI() fetches them itself.
    await this.run('GetCallerIdentity', () => this.clients.credentials());
  }

  /** The abort signals here and below end a wait the timeouts may not (a timeout of 0 waits for ever). */
  whoAmI(abortSignal?: AbortSignal): Promise<CallerIdentity> {
    return this.run('GetCallerIdentity', async () => {
      const out = await this.clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal });
      const arn = out.Arn ?? '';
      return { account: out.Account ?? '', arn, userId: out.UserId ?? '', ...classifyArn(arn) };
    });
  }

  async getPasswordPolicy(abortSignal?: AbortSignal): Promise<PolicyState> {
    try {
      const out = await this.run('GetAccountPasswordPolicy', () => this.clients.iam.send(new GetAccountPasswordPolicyCommand({}), { abortSignal }));
      return out.PasswordPolicy === undefined ? { kind: 'default' } : { kind: 'account', policy: fromIamPolicy(out.PasswordPolicy) };
    } catch (error) {
      const answered = error instanceof SessionFailure && error.kind === 'service' && error.failedCall?.role === 'operation';
      if (answered && error.code === 'NoSuchEntity') {
        return { kind: 'default' };
      }
      if (answered && error.code === 'AccessDenied') {
        return {
          kind: 'unknown',
          reason: l10n.t({ message: 'this profile may not call iam:GetAccountPasswordPolicy', comment: 'Why the password policy is unknown' }),
        };
      }
      throw error;
    }
  }

  /**
   * Resolves when IAM said yes; rejects with a SessionFailure. Never sent again once it may have
   * left this machine (see awsClients.ts). Aborting stops the wait, not a request already sent.
   */
  async changePassword(oldPassword: string, newPassword: string, abortSignal?: AbortSignal): Promise<void> {
    // Before the first byte: the trace hides both wherever an answer may echo them.
    this.secrets.add(oldPassword, newPassword);
    const command = new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: newPassword });
    await this.run('ChangePassword', () => this.clients.changePassword.send(command, { abortSignal }));
  }

  dispose(): void {
    this.clients.destroy();
  }

  /** Calls on the two clients may overlap (identity and policy are fetched at once): each failure keeps only its own calls. */
  private async run<T>(operation: string, send: () => Promise<T>): Promise<T> {
    const mark = this.recorder.mark();
    try {
      return await send();
    } catch (error) {
      const calls = this.recorder.since(mark).filter((call) => call.role === 'credentials' || call.action === operation);
      throw new SessionFailure(operation, error, calls);
    }
  }
}
