/**
 * The profiles of the AWS config and credentials files as the AWS SDK for JavaScript v3 resolves
 * them: each with its kind, region, endpoints and CA bundle, and what stops it from working.
 * Reading the files is sharedConfigFiles.ts, kinds and source chains profileKinds.ts, endpoints
 * endpoints.ts; this module puts them together. Pure apart from loadProfiles' file reads.
 */
import * as l10n from '@vscode/l10n';
import { readEndpointEnvironment, setProfileEndpoints, EndpointEnvironment } from './endpoints';
import { ENV_PROFILE } from './profileChoice';
import { credentialKind, credentialProblems, ProfileKind, SourceChains, ssoSettings } from './profileKinds';
import {
  AwsFilePaths,
  awsFilePaths,
  MergedProfile,
  ProfileFileProblem,
  readSharedConfig,
  readSharedConfigFile,
  SectionLocation,
  Settings,
  SharedConfig,
} from './sharedConfigFiles';

export { ENV_PROFILE, awsFilePaths };
export type { AwsFilePaths, ProfileFileProblem, ProfileKind, SectionLocation };

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  /** 'static keys' | 'role' | 'role (web identity)' | 'SSO' | 'process' | 'console sign-in' | 'environment variables' | 'no credentials' */
  kindLabel: string;
  /** Absolute paths of the files that define it (config and/or credentials). */
  sourceFiles: string[];
  /** Every section header that defines it, the config file's first, each file's in line order; none for ENV_PROFILE. */
  sections: SectionLocation[];
  /** AWS_REGION, else the profile's region (the credentials file's value wins over the config's). */
  region?: string;
  /** AWS_ENDPOINT_URL_IAM > AWS_ENDPOINT_URL > the profile's [services] entry > its endpoint_url (endpoints.ts). */
  iamEndpoint?: string;
  /** As iamEndpoint, for STS. */
  stsEndpoint?: string;
  /** As iamEndpoint, for the SSO portal (GetRoleCredentials). */
  ssoEndpoint?: string;
  /** Which variable or setting gave iamEndpoint, for messages. */
  iamEndpointSource?: string;
  stsEndpointSource?: string;
  ssoEndpointSource?: string;
  /** AWS_CA_BUNDLE, else the profile's ca_bundle. */
  caBundle?: string;
  /** AWS_USE_FIPS_ENDPOINT, else use_fips_endpoint: the SDK then resolves the region's FIPS endpoints. */
  useFipsEndpoint?: boolean;
  /** AWS_USE_DUALSTACK_ENDPOINT, else use_dualstack_endpoint. */
  useDualstackEndpoint?: boolean;
  /** AWS_SDK_UA_APP_ID, else sdk_ua_app_id: named in the user agent. */
  userAgentAppId?: string;
  mfaSerial?: string;
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  /** The profile's sso_start_url, or its sso-session's. */
  ssoStartUrl?: string;
  problems: string[];
}

export interface ProfileList {
  paths: AwsFilePaths;
  /** ENV_PROFILE first when AWS_ACCESS_KEY_ID is set, then 'default', then by name. */
  profiles: ProfileInfo[];
  problems: ProfileFileProblem[];
}

/** The AWS_* variables that apply to every profile in the same way, read once per parse. */
interface AwsEnvironment {
  /** Whether the keys are set, never their values. */
  hasAccessKeyId: boolean;
  hasSecretAccessKey: boolean;
  /** AWS_PROFILE, else 'default' */
  profile: string;
  region?: string;
  caBundle?: string;
  userAgentAppId?: string;
  endpoints: EndpointEnvironment;
}

export function defaultProfileName(env: NodeJS.ProcessEnv): string {
  return env.AWS_PROFILE || 'default';
}

export async function loadProfiles(env: NodeJS.ProcessEnv, homeDir: string): Promise<ProfileList> {
  const paths = awsFilePaths(env, homeDir);
  const [config, credentials] = await Promise.all([readSharedConfigFile(paths.configFile), readSharedConfigFile(paths.credentialsFile)]);
  const list = parseProfiles(config.text, credentials.text, paths, env);
  return { ...list, problems: [...config.problems, ...credentials.problems, ...list.problems] };
}

export function parseProfiles(
  configText: string | undefined,
  credentialsText: string | undefined,
  paths: AwsFilePaths,
  processEnv: NodeJS.ProcessEnv,
): ProfileList {
  const env = readEnvironment(processEnv);
  const config = readSharedConfig(configText, credentialsText, paths);
  const sourceChains = new SourceChains(config.profiles);
  const profiles: ProfileInfo[] = [];
  for (const profile of Array.from(config.profiles.values()).sort(compareProfiles)) {
    profiles.push(describeProfile(profile, paths, config, sourceChains, env));
  }
  if (env.hasAccessKeyId) {
    profiles.unshift(describeEnvironmentProfile(config.profiles.get(env.profile)?.settings, config, env));
  }
  return { paths, profiles, problems: config.problems };
}

/** An empty variable counts as unset, as in the SDK. */
function readEnvironment(env: NodeJS.ProcessEnv): AwsEnvironment {
  return {
    hasAccessKeyId: Boolean(env.AWS_ACCESS_KEY_ID),
    hasSecretAccessKey: Boolean(env.AWS_SECRET_ACCESS_KEY),
    profile: defaultProfileName(env),
    region: env.AWS_REGION || undefined,
    caBundle: env.AWS_CA_BUNDLE || undefined,
    userAgentAppId: env.AWS_SDK_UA_APP_ID || undefined,
    endpoints: readEndpointEnvironment(env),
  };
}

/** 'default' first, then case-insensitively by name. */
function compareProfiles(a: MergedProfile, b: MergedProfile): number {
  if (a.name === 'default' || b.name === 'default') {
    return a.name === 'default' ? -1 : 1;
  }
  if (a.sortKey !== b.sortKey) {
    return a.sortKey < b.sortKey ? -1 : 1;
  }
  return a.name < b.name ? -1 : 1;
}

function describeProfile(profile: MergedProfile, paths: AwsFilePaths, config: SharedConfig, sourceChains: SourceChains, env: AwsEnvironment): ProfileInfo {
  const { name, settings } = profile;
  const { kind, kindLabel } = credentialKind(settings);
  const info: ProfileInfo = {
    name,
    kind,
    kindLabel,
    sourceFiles: sourceFilesOf(profile, paths),
    sections: sectionsOf(profile, paths),
    problems: credentialProblems(name, settings, kind, sourceChains),
  };
  setConnectionSettings(info, settings, config, env);
  setIfDefined(info, 'mfaSerial', settings.get('mfa_serial'));
  setIfDefined(info, 'roleArn', settings.get('role_arn'));
  setIfDefined(info, 'sourceProfile', settings.get('source_profile'));
  setIfDefined(info, 'credentialSource', settings.get('credential_source'));
  if (kind === 'sso') {
    const sso = ssoSettings(settings, config.ssoSessions);
    setIfDefined(info, 'ssoStartUrl', sso.ssoStartUrl);
    info.problems.push(...sso.problems);
  }
  if (profile.problems) {
    info.problems.push(...profile.problems);
  }
  return info;
}

/** Config file first, as the SDK reads them. */
function sourceFilesOf(profile: MergedProfile, paths: AwsFilePaths): string[] {
  if (profile.credentialsLine === 0) {
    return [paths.configFile];
  }
  return profile.configLine !== 0 ? [paths.configFile, paths.credentialsFile] : [paths.credentialsFile];
}

/** Config file first, each file's in line order. */
function sectionsOf(profile: MergedProfile, paths: AwsFilePaths): SectionLocation[] {
  const { configLine, credentialsLine, moreSections } = profile;
  const config = { file: paths.configFile, line: configLine };
  const credentials = { file: paths.credentialsFile, line: credentialsLine };
  if (moreSections) {
    const inFile = (first: SectionLocation): SectionLocation[] => (first.line === 0 ? [] : [first, ...moreSections.filter((section) => section.file === first.file)]);
    return [...inFile(config), ...inFile(credentials)];
  }
  if (configLine === 0) {
    return [credentials];
  }
  return credentialsLine === 0 ? [config] : [config, credentials];
}

/** For AWS_ACCESS_KEY_ID; region and endpoints still come from AWS_PROFILE's (or default's) profile, as in the SDK. */
function describeEnvironmentProfile(settings: Settings | undefined, config: SharedConfig, env: AwsEnvironment): ProfileInfo {
  const kindLabel = l10n.t({ message: 'environment variables', comment: 'Profile kind: keys in environment variables' });
  const info: ProfileInfo = { name: ENV_PROFILE, kind: 'env', kindLabel, sourceFiles: [], sections: [], problems: [] };
  if (!env.hasSecretAccessKey) {
    info.problems.push(l10n.t('AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.'));
  }
  setConnectionSettings(info, settings ?? new Map(), config, env);
  return info;
}

function setConnectionSettings(info: ProfileInfo, settings: Settings, config: SharedConfig, env: AwsEnvironment): void {
  setIfDefined(info, 'region', env.region ?? settings.get('region'));
  setIfDefined(info, 'caBundle', env.caBundle ?? settings.get('ca_bundle'));
  setIfDefined(info, 'userAgentAppId', env.userAgentAppId ?? settings.get('sdk_ua_app_id'));
  setProfileEndpoints(info, settings, config.services, env.endpoints);
}

type OptionalTextField = {
  [K in keyof ProfileInfo]-?: undefined extends ProfileInfo[K] ? (ProfileInfo[K] extends string | undefined ? K : never) : never;
}[keyof ProfileInfo];

/** Leaves the field out rather than setting it to undefined. */
function setIfDefined(info: ProfileInfo, field: OptionalTextField, value: string | undefined): void {
  if (value !== undefined) {
    info[field] = value;
  }
}
