/**
 * The profiles of the AWS config and credentials files as the AWS SDK for JavaScript v3 resolves
 * them: each with its kind, region, endpoints and CA bundle, and what stops it from working.
 * Reading the files is sharedConfigFiles.ts, kinds and source chains profileKinds.ts, endpoints
 * endpoints.ts; this module puts them together. Pure apart from loadProfiles' file reads.
 */
import * as l10n from '@vscode/l10n';
import { EndpointEnvironment, NO_ENDPOINTS, ProfileEndpoints, readEndpointEnvironment, setProfileEndpoints } from './endpoints';
import { ENV_PROFILE } from './profileChoice';
import { credentialKind, credentialProblems, ProfileKind, SourceChains, ssoSettings } from './profileKinds';
import {
  AwsFilePaths,
  awsFilePaths,
  FileProfile,
  ProfileFileProblem,
  readSharedConfig,
  readSharedConfigFile,
  SectionLocation,
  SharedConfig,
} from './sharedConfigFiles';

export { ENV_PROFILE, awsFilePaths };
export type { AwsFilePaths, ProfileEndpoints, ProfileFileProblem, ProfileKind, SectionLocation };

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  /** 'static keys' | 'role' | 'role (web identity)' | 'SSO' | 'process' | 'console sign-in' | 'environment variables' | 'no credentials' */
  kindLabel: string;
  /** Absolute paths of the files that define it, the config file first. */
  sourceFiles: string[];
  /** Every section header that defines it, the config file's first, each file's in line order; none for ENV_PROFILE. */
  sections: SectionLocation[];
  /** AWS_REGION, else the profile's region (the credentials file's value wins over the config's). */
  region?: string;
  /** Where IAM, STS and the SSO portal are configured to be, with what said so (endpoints.ts). */
  endpoints: ProfileEndpoints;
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
  // An empty variable counts as unset, as in the SDK.
  const env: AwsEnvironment = {
    hasAccessKeyId: Boolean(processEnv.AWS_ACCESS_KEY_ID),
    hasSecretAccessKey: Boolean(processEnv.AWS_SECRET_ACCESS_KEY),
    profile: defaultProfileName(processEnv),
    region: processEnv.AWS_REGION || undefined,
    caBundle: processEnv.AWS_CA_BUNDLE || undefined,
    userAgentAppId: processEnv.AWS_SDK_UA_APP_ID || undefined,
    endpoints: readEndpointEnvironment(processEnv),
  };
  const config = readSharedConfig(configText, credentialsText, paths);
  const sourceChains = new SourceChains(config.profiles);
  const profiles = Array.from(config.profiles.values())
    .sort(compareProfiles)
    .map((profile) => describeProfile(profile, paths, config, sourceChains, env));
  if (env.hasAccessKeyId) {
    // Region and endpoints still come from AWS_PROFILE's (or default's) profile, as in the SDK.
    const kindLabel = l10n.t({ message: 'environment variables', comment: 'Profile kind' });
    const info: ProfileInfo = { name: ENV_PROFILE, kind: 'env', kindLabel, sourceFiles: [], sections: [], endpoints: NO_ENDPOINTS, problems: [] };
    if (!env.hasSecretAccessKey) {
      info.problems.push(l10n.t('{0} is set without {1}.', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'));
    }
    setConnectionSettings(info, config.profiles.get(env.profile), config, env);
    profiles.unshift(info);
  }
  return { paths, profiles, problems: config.problems };
}

/** 'default' first, then case-insensitively by name. */
function compareProfiles(a: FileProfile, b: FileProfile): number {
  if (a.name === 'default' || b.name === 'default') {
    return a.name === 'default' ? -1 : 1;
  }
  if (a.sortKey !== b.sortKey) {
    return a.sortKey < b.sortKey ? -1 : 1;
  }
  return a.name < b.name ? -1 : 1;
}

function describeProfile(profile: FileProfile, paths: AwsFilePaths, config: SharedConfig, sourceChains: SourceChains, env: AwsEnvironment): ProfileInfo {
  const { name, settings, configLine, credentialsLine, moreSections } = profile;
  const { kind, kindLabel } = credentialKind(settings);
  // Array literals: a large parse makes thousands of these.
  const inConfig = { file: paths.configFile, line: configLine };
  const inCredentials = { file: paths.credentialsFile, line: credentialsLine };
  const both = configLine !== 0 && credentialsLine !== 0;
  const sourceFiles = both ? [paths.configFile, paths.credentialsFile] : [configLine !== 0 ? paths.configFile : paths.credentialsFile];
  let sections = both ? [inConfig, inCredentials] : [configLine !== 0 ? inConfig : inCredentials];
  if (moreSections) {
    // Each file's in line order, the config file's first.
    const inFile = (file: string): SectionLocation[] =>
      [...sections, ...moreSections].filter((section) => section.file === file).sort((a, b) => a.line - b.line);
    sections = [...inFile(paths.configFile), ...inFile(paths.credentialsFile)];
  }
  const info: ProfileInfo = {
    name,
    kind,
    kindLabel,
    sourceFiles,
    sections,
    endpoints: NO_ENDPOINTS,
    problems: credentialProblems(name, settings, kind, sourceChains),
  };
  setConnectionSettings(info, profile, config, env);
  setIfDefined(info, 'mfaSerial', settings.get('mfa_serial'));
  setIfDefined(info, 'roleArn', settings.get('role_arn'));
  setIfDefined(info, 'sourceProfile', settings.get('source_profile'));
  setIfDefined(info, 'credentialSource', settings.get('credential_source'));
  if (kind === 'sso') {
    const sso = ssoSettings(settings, config.ssoSessions);
    setIfDefined(info, 'ssoStartUrl', sso.ssoStartUrl);
    info.problems.push(...sso.problems);
  }
  return info;
}

function setConnectionSettings(info: ProfileInfo, profile: FileProfile | undefined, config: SharedConfig, env: AwsEnvironment): void {
  setIfDefined(info, 'region', env.region ?? profile?.settings.get('region'));
  setIfDefined(info, 'caBundle', env.caBundle ?? profile?.settings.get('ca_bundle'));
  // Read config file first by the SDK, as the endpoint settings.
  setIfDefined(info, 'userAgentAppId', env.userAgentAppId ?? profile?.configValues?.get('sdk_ua_app_id') ?? profile?.settings.get('sdk_ua_app_id'));
  setProfileEndpoints(info, profile?.settings, profile?.configValues, config.services, env.endpoints);
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
