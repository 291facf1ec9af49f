import * as vscode from 'vscode';
import { endpointProblem, resolveEndpoint, ResolvedEndpoint } from '../core/endpoints';
import { ErrorContext } from '../core/errors';
import type { ConnectOptions, IamConnection } from '../core/iam';
import { ENV_PROFILE, ProfileInfo, ProfileList } from '../core/profiles';
import { loadIam } from './lazyBundles';
import { askMfaCode } from './mfaPrompt';
import { ExtensionSettings } from './settings';

export interface Connection {
  profile: ProfileInfo;
  iam: IamConnection;
  iamEndpoint: ResolvedEndpoint;
  errorContext: ErrorContext;
}

/** Why no request can be made with this profile and these settings, or a ready connection. */
export function openConnection(
  list: ProfileList,
  profileName: string,
  settings: ExtensionSettings,
  log: vscode.LogOutputChannel,
): Connection | { refusal: string } {
  const profile = list.profiles.find((p) => p.name === profileName);
  if (!profile) {
    return {
      refusal: `There is no AWS profile named "${profileName}" in ${list.paths.configFile} or ${list.paths.credentialsFile}. Run "aws configure --profile ${profileName}", or switch to another profile.`,
    };
  }
  const region = settings.region || profile.region || 'us-east-1';
  const iamEndpoint = resolveEndpoint('iam', region, settings.endpointUrl, profile.iamEndpoint, profile.iamEndpointSource);
  const stsEndpoint = resolveEndpoint('sts', region, settings.endpointUrl, profile.stsEndpoint, profile.stsEndpointSource);
  for (const endpoint of [iamEndpoint, stsEndpoint]) {
    const problem = endpointProblem(endpoint.url);
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
    caBundlePath: settings.caBundle || profile.caBundle,
    verifySsl: settings.verifySsl,
    connectTimeoutMs: settings.connectTimeoutSeconds * 1000,
    readTimeoutMs: settings.readTimeoutSeconds * 1000,
    maxAttempts: settings.maxAttempts,
    sessionMfaSerial: profile.kind === 'static' ? profile.mfaSerial : undefined,
    mfaCodeProvider: (serial) => askMfaCode(serial, profile.name),
    logger: log,
  };
  log.info(`Profile ${profile.name} (${profile.kindLabel}), region ${region}, IAM ${iamEndpoint.url} (${iamEndpoint.source}), STS ${stsEndpoint.url}.`);
  return {
    profile,
    iam: loadIam().connect(options),
    iamEndpoint,
    errorContext: {
      profile: profile.name,
      endpoint: iamEndpoint.url,
      endpointSource: iamEndpoint.source,
      connectTimeoutSeconds: settings.connectTimeoutSeconds,
      readTimeoutSeconds: settings.readTimeoutSeconds,
    },
  };
}
