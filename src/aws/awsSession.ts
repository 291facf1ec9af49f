// One conversation with AWS for one flow: the chosen profile, the settings, the SDK clients and every call made.
import { ChangePasswordCommand, GetAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import * as l10n from '@vscode/l10n';
import { AwsClients, createAwsClients, resolveEndpoints, type SessionOptions } from './awsClients';
import { SessionFailure, type EndpointInfo, type ErrorContext } from './sessionFailure';
import { configuredEndpoint } from '../profiles/configuredEndpoints';
import { endpointProblem } from './safeEndpoint';
import { CallerIdentity, callerFromArn } from '../profiles/identity';
import { fromIamPolicy, PolicyState } from '../password/passwordPolicy';
import type { ProfileInfo } from '../profiles/profileList';
import { proxyConfig } from './proxy';

/** The policy, or that a policy denies reading it without MFA (AWS's MFA-enforcing policy does) to keys that could sign in with MFA. */
export type PolicyAnswer = PolicyState | { kind: 'needsMfa' };

/** A device of the caller's: a virtual or hardware code device, or a security key or passkey, which the API cannot use. */
export interface MfaDevice {
  serial: string;
  takesCode: boolean;
}

/** A session, or why no request may be made with this profile and these settings (nothing was sent). */
export type SessionOpening = { session: AwsSession } | { refusal: string };

export async function openSession(options: SessionOptions): Promise<SessionOpening> {
  const { list, profileName, settings, logger } = options;
  const profile = list.byName(profileName);
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
    // Only a proxy value that is not an http(s) URL fails here.
    return { refusal: `${(error as Error).message} ${l10n.t('Nothing was sent.')}` };
  }
  if (proxy) {
    logger.info(`HTTPS requests go through proxy ${proxy.label} (${proxy.source})${proxy.noProxy.length ? `, except to ${proxy.noProxy.join(', ')}` : ''}.`);
    if (!proxy.strictSSL && proxy.url.protocol === 'https:') {
      logger.warn("The proxy's own TLS certificate is not verified (http.proxyStrictSSL = false).");
    }
  }
  let clients: AwsClients;
  try {
    clients = createAwsClients(options, { profile, region, endpoints: { iam: iam?.url, sts: sts?.url, sso: sso?.url }, proxy });
  } catch (error) {
    // Only local set-up fails here (an unreadable CA bundle).
    return { refusal: l10n.t('Cannot prepare the requests for profile {0}: {1}. Nothing was sent.', profileName, (error as Error).message) };
  }
  let endpoints: EndpointInfo[];
  try {
    const [iamAt, stsAt] = await resolveEndpoints(clients);
    const fallback = l10n.t({ message: 'the AWS endpoint for region {0}', args: [region], comment: 'Where an endpoint comes from' });
    endpoints = [
      { ...iamAt, source: iam?.source ?? fallback },
      { ...stsAt, source: sts?.source ?? fallback },
    ];
  } catch (error) {
    clients.destroy();
    // The SDK's endpoint rules refused the settings, e.g. FIPS together with a custom endpoint.
    return { refusal: l10n.t('The AWS SDK cannot choose an endpoint for profile {0}: {1}. Nothing was sent.', profileName, (error as Error).message) };
  }
  // Where VS Code would send them, asked now: the first requests need the answer, and the first box does not.
  for (const { url } of endpoints) {
    void clients.routes?.prepare(url);
  }
  const flags = [profile.useFipsEndpoint && 'FIPS', profile.useDualstackEndpoint && 'dual-stack'].filter(Boolean).join(', ');
  const [iamAt, stsAt] = endpoints.map((e) => `${e.url} signed for ${e.signingRegion} (${e.source})`);
  logger.info(`Profile ${profile.name} (${profile.kindLabel}), region ${region}${flags ? ` (${flags})` : ''}: IAM ${iamAt}, STS ${stsAt}.`);
  const errorContext: ErrorContext = {
    profile: profile.name,
    configFile: list.paths.configFile,
    endpoints,
    connectTimeoutSeconds: settings.connectTimeoutSeconds,
    readTimeoutSeconds: settings.readTimeoutSeconds,
    mfaSerial: profile.mfaSerial,
    sessionKeys: profile.sessionToken,
    proxy,
  };
  return { session: new AwsSession(profile, errorContext, clients) };
}

export class AwsSession {
  /** The MFA device found with ListMFADevices that signs this session's calls from now on. */
  private foundMfaDevice?: string;

  constructor(
    readonly profile: ProfileInfo,
    readonly errorContext: ErrorContext,
    private readonly clients: AwsClients,
  ) {}

  knownSecrets(): readonly string[] {
    return [...this.clients.secrets];
  }

  // Asks for an MFA code if the profile needs one: a flow calls it first, so an MFA box never opens over a password box.
  async signIn(): Promise<void> {
    await this.run('GetCallerIdentity', () => this.clients.credentials());
  }

  whoAmI(abortSignal?: AbortSignal): Promise<CallerIdentity> {
    return this.run('GetCallerIdentity', async () => {
      const out = await this.clients.identity.send(new GetCallerIdentityCommand({}), { abortSignal });
      const arn = out.Arn ?? '';
      return { ...callerFromArn(arn), account: out.Account ?? '' };
    });
  }

  get mfaDevice(): string | undefined {
    return this.foundMfaDevice;
  }

  async getPasswordPolicy(abortSignal?: AbortSignal): Promise<PolicyAnswer> {
    try {
      const out = await this.run('GetAccountPasswordPolicy', () => this.clients.policy.send(new GetAccountPasswordPolicyCommand({}), { abortSignal }));
      return out.PasswordPolicy === undefined ? { kind: 'default' } : { kind: 'account', policy: fromIamPolicy(out.PasswordPolicy) };
    } catch (error) {
      const answered = error instanceof SessionFailure && error.kind === 'service' && error.failedCall?.role === 'operation';
      if (answered && error.code === 'NoSuchEntity') {
        return { kind: 'default' };
      }
      if (this.deniedWithoutMfa(error)) {
        return { kind: 'needsMfa' };
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

  // Never sent again once it may have left this machine (awsClients.ts); aborting stops the wait, not a request already sent.
  async changePassword(oldPassword: string, newPassword: string, abortSignal?: AbortSignal): Promise<void> {
    // Before the first byte: the trace hides both wherever an answer may echo them.
    this.clients.secrets.add(oldPassword).add(newPassword);
    const command = new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: newPassword });
    await this.run('ChangePassword', () => this.clients.changePassword.send(command, { abortSignal }));
  }

  /** The caller's MFA devices; a failure (a policy that denies even this) is the caller's to report. */
  async mfaDevices(abortSignal?: AbortSignal): Promise<MfaDevice[]> {
    const devices = await this.run('ListMFADevices', () => this.clients.listMfaDevices(abortSignal));
    // Security keys and passkeys (arn:...:u2f/...) answer a browser's challenge, not a code.
    return devices.flatMap(({ SerialNumber: serial }) => (serial ? [{ serial, takesCode: !serial.includes(':u2f/') }] : []));
  }

  /** The next call asks for the device's code and signs with a GetSessionToken session (signIn() makes it now). */
  useMfaDevice(serial: string): void {
    this.foundMfaDevice = serial;
    this.clients.useMfaDevice(serial);
  }

  dispose(): void {
    this.clients.destroy();
  }

  /**
   * IAM answered with an explicit deny (so nothing was applied) to long-term keys without MFA: GetSessionToken with a
   * device's code would give them the MFA that AWS's self-service policies ask for.
   */
  deniedWithoutMfa(error: unknown): boolean {
    const { kind, sessionToken, mfaSerial } = this.profile;
    return (
      error instanceof SessionFailure &&
      error.kind === 'service' &&
      error.failedCall?.role === 'operation' &&
      error.code === 'AccessDenied' &&
      /with an explicit deny/i.test(error.message) &&
      (kind === 'static' || kind === 'env') &&
      !sessionToken &&
      !mfaSerial &&
      this.foundMfaDevice === undefined
    );
  }

  private async run<T>(operation: string, send: () => Promise<T>): Promise<T> {
    const { calls } = this.clients;
    const mark = calls.length;
    try {
      return await send();
    } catch (error) {
      const own = calls.slice(mark).filter((call) => call.role === 'credentials' || call.action === operation);
      throw new SessionFailure(operation, error, own);
    }
  }
}
