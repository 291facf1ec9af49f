/** From a profile and the settings to the options of one IAM/STS connection, or why there can be none. */
import { endpointProblem, resolveEndpoint, ResolvedEndpoint } from './endpoints';
import { ErrorContext } from './errors';
import type { ConnectOptions } from './iam';
import { Logger } from './log';
import { ENV_PROFILE, ProfileInfo, ProfileList } from './profiles';

/** The iamPassword.* settings that shape a connection. */
export interface ConnectionSettings {
  region: string;
  endpointUrl: string;
  caBundle: string;
  verifySsl: boolean;
  connectTimeoutSeconds: number;
  readTimeoutSeconds: number;
  maxAttempts: number;
}

/** The defaults package.json declares (60 s timeouts and 3 attempts, like the AWS CLI). */
export const DEFAULT_CONNECTION_SETTINGS: Readonly<ConnectionSettings> = {
  region: '',
  endpointUrl: '',
  caBundle: '',
  verifySsl: true,
  connectTimeoutSeconds: 60,
  readTimeoutSeconds: 60,
  maxAttempts: 3,
};

export interface ConnectionPlan {
  profile: ProfileInfo;
  options: ConnectOptions;
  iamEndpoint: ResolvedEndpoint;
  stsEndpoint: ResolvedEndpoint;
  errorContext: ErrorContext;
}

export function planConnection(
  list: ProfileList,
  profileName: string,
  settings: ConnectionSettings,
  logger: Logger,
  mfaCodeProvider: (serial: string, profile: string) => Promise<string | undefined>,
): ConnectionPlan | { refusal: string } {
  const profile = list.profiles.find((p) => p.name === profileName);
  if (!profile) {
    return {
      refusal: `There is no AWS profile named "${profileName}" in ${list.paths.configFile} or ${list.paths.credentialsFile}. Run "aws configure --profile ${profileName}", or switch to another profile.`,
    };
  }
  // IAM is global: without a region the commercial partition's endpoint is right.
  const region = settings.region || profile.region || 'us-east-1';
  const iamEndpoint = resolveEndpoint('iam', region, settings.endpointUrl, profile.iamEndpoint, profile.iamEndpointSource);
  const stsEndpoint = resolveEndpoint('sts', region, settings.endpointUrl, profile.stsEndpoint, profile.stsEndpointSource);
  // The SSO portal gets the bearer token from `aws sso login`; it is held to the same rule.
  const ssoEndpoint = profile.ssoEndpoint === undefined ? undefined : { url: profile.ssoEndpoint, source: profile.ssoEndpointSource ?? 'the profile' };
  for (const endpoint of [iamEndpoint, stsEndpoint, ssoEndpoint]) {
    const problem = endpoint && endpointProblem(endpoint.url);
    if (problem) {
      return { refusal: `${problem} It comes from ${endpoint.source}. Nothing was sent.` };
    }
  }
  const options: ConnectOptions = {
    profile: profile.name === ENV_PROFILE ? undefined : profile.name,
    configFile: list.paths.configFile,
    credentialsFile: list.paths.credentialsFile,
    region,
    iamEndpoint: iamEndpoint.url,
    stsEndpoint: stsEndpoint.url,
    signsInWithSso: profile.kind === 'sso',
    ssoEndpoint: ssoEndpoint?.url,
    caBundlePath: settings.caBundle || profile.caBundle,
    verifySsl: settings.verifySsl,
    connectTimeoutMs: settings.connectTimeoutSeconds * 1000,
    readTimeoutMs: settings.readTimeoutSeconds * 1000,
    maxAttempts: settings.maxAttempts,
    sessionMfaSerial: profile.kind === 'static' ? profile.mfaSerial : undefined,
    mfaCodeProvider: (serial) => mfaCodeProvider(serial, profile.name),
    logger,
  };
  return {
    profile,
    options,
    iamEndpoint,
    stsEndpoint,
    errorContext: {
      profile: profile.name,
      configFile: list.paths.configFile,
      endpoint: iamEndpoint.url,
      endpointSource: iamEndpoint.source,
      connectTimeoutSeconds: settings.connectTimeoutSeconds,
      readTimeoutSeconds: settings.readTimeoutSeconds,
    },
  };
}
