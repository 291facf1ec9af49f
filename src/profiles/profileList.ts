/** The profiles of the AWS config and credentials files as the AWS SDK for JavaScript v3 resolves them, and what stops each from working. */
import * as l10n from '@vscode/l10n';
import { ProfileEndpoints, setProfileEndpoints } from './configuredEndpoints';
import { ENV_PROFILE } from './profileChoice';
import { credentialKind, credentialProblems, ProfileKind, SourceChains, ssoSettings } from './profileKinds';
import {
  AwsFilePaths,
  awsFilePaths,
  FileProfile,
  fileOfKey,
  ProfileFileProblem,
  readSharedConfig,
  readSharedConfigFile,
  SectionLocation,
  SharedConfig,
} from './sharedConfigFiles';

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  kindLabel: string;
  sourceFiles: string[];
  /** Of a profile in both files: the file each key that decides where requests go, or what runs, is read from. */
  keyFiles?: ReadonlyMap<string, string>;
  sections: SectionLocation[];
  /** AWS_REGION, else the profile's region (the credentials file's value wins over the config's). */
  region?: string;
  endpoints: ProfileEndpoints;
  caBundle?: string;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  userAgentAppId?: string;
  mfaSerial?: string;
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  webIdentityTokenFile?: string;
  /** Its keys are a session's (aws_session_token, AWS_SESSION_TOKEN): IAM takes them only from a session with MFA. */
  sessionToken?: boolean;
  ssoSession?: string;
  ssoStartUrl?: string;
  problems: string[];
}

/** The keys that decide where a profile's requests go, who signs them, or what runs for its credentials. */
const DECIDING_KEYS = [
  'region',
  'ca_bundle',
  'endpoint_url',
  'services',
  'aws_access_key_id',
  'credential_process',
  'source_profile',
  'role_arn',
  'credential_source',
  'web_identity_token_file',
  'sso_session',
  'sso_region',
  'sso_start_url',
];

export interface ProfileList {
  paths: AwsFilePaths;
  /** ENV_PROFILE first when AWS_ACCESS_KEY_ID is set, then 'default', then by name. */
  profiles: ProfileInfo[];
  problems: ProfileFileProblem[];
  byName(name: string): ProfileInfo | undefined;
}

export async function loadProfiles(env: NodeJS.ProcessEnv, homeDir: string): Promise<ProfileList> {
  const paths = awsFilePaths(env, homeDir);
  const [config, credentials] = await Promise.all([readSharedConfigFile(paths.configFile), readSharedConfigFile(paths.credentialsFile)]);
  const list = parseProfiles(config.text, credentials.text, paths, env);
  return { ...list, problems: [...config.problems, ...credentials.problems, ...list.problems] };
}

export function parseProfiles(configText: string | undefined, credentialsText: string | undefined, paths: AwsFilePaths, env: NodeJS.ProcessEnv): ProfileList {
  const config = readSharedConfig(configText, credentialsText, paths);
  const sourceChains = new SourceChains(config.profiles);
  const profiles = sortedByName([...config.profiles.values()]).map((profile) => describeProfile(profile, config, sourceChains, paths, env));
  if (env.AWS_ACCESS_KEY_ID) {
    // Region and endpoints still come from AWS_PROFILE's (or default's) profile, as in the SDK.
    const kindLabel = l10n.t({ message: 'environment variables', comment: 'Profile kind' });
    const info: ProfileInfo = { name: ENV_PROFILE, kind: 'env', kindLabel, sourceFiles: [], sections: [], endpoints: {}, problems: [] };
    if (env.AWS_SESSION_TOKEN) {
      info.sessionToken = true;
    }
    if (!env.AWS_SECRET_ACCESS_KEY) {
      info.problems.push(l10n.t('{0} is set without {1}.', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'));
    }
    const fileProfile = config.profiles.get(env.AWS_PROFILE || 'default');
    setConnectionSettings(info, fileProfile, config, paths, env);
    // Where its region, endpoints and CA bundle come from: a file the workspace may have written.
    info.sourceFiles = [...new Set(fileProfile?.sections.map((section) => section.file))];
    setKeyFiles(info, fileProfile, paths);
    profiles.unshift(info);
  }
  return { paths, profiles, problems: config.problems, byName: (name) => profiles.find((p) => p.name === name) };
}

/** 'default' first, then by name in any case, then case-sensitively; each name lowered once, not per comparison. */
function sortedByName(profiles: FileProfile[]): FileProfile[] {
  const lowered = new Map(profiles.map((profile) => [profile, profile.name.toLowerCase()]));
  const rank = (profile: FileProfile): number => (profile.name === 'default' ? 0 : 1);
  return profiles.sort((a, b) => {
    const [lowerA, lowerB] = [lowered.get(a) ?? '', lowered.get(b) ?? ''];
    return rank(a) - rank(b) || (lowerA === lowerB ? (a.name < b.name ? -1 : 1) : lowerA < lowerB ? -1 : 1);
  });
}

function describeProfile(profile: FileProfile, config: SharedConfig, sourceChains: SourceChains, paths: AwsFilePaths, env: NodeJS.ProcessEnv): ProfileInfo {
  const { name, settings, sections } = profile;
  const { kind, kindLabel } = credentialKind(settings);
  const firstFile = sections[0].file;
  const lastFile = sections[sections.length - 1].file;
  const info: ProfileInfo = {
    name,
    kind,
    kindLabel,
    sourceFiles: firstFile === lastFile ? [firstFile] : [firstFile, lastFile],
    sections,
    endpoints: {},
    problems: credentialProblems(name, settings, kind, sourceChains),
  };
  setConnectionSettings(info, profile, config, paths, env);
  setKeyFiles(info, profile, paths);
  setIfDefined(info, 'mfaSerial', settings.get('mfa_serial'));
  setIfDefined(info, 'roleArn', settings.get('role_arn'));
  setIfDefined(info, 'sourceProfile', settings.get('source_profile'));
  setIfDefined(info, 'credentialSource', settings.get('credential_source'));
  setIfDefined(info, 'webIdentityTokenFile', settings.get('web_identity_token_file'));
  setIfDefined(info, 'sessionToken', kind === 'static' && settings.has('aws_session_token') ? true : undefined);
  if (kind === 'sso') {
    setIfDefined(info, 'ssoSession', settings.get('sso_session'));
    const sso = ssoSettings(settings, config.ssoSessions);
    setIfDefined(info, 'ssoStartUrl', sso.ssoStartUrl);
    info.problems.push(...sso.problems);
  }
  return info;
}

/** Only a profile in both files needs them: otherwise every key is read from its one file. */
function setKeyFiles(info: ProfileInfo, profile: FileProfile | undefined, paths: AwsFilePaths): void {
  if (profile?.credentialsSettings) {
    info.keyFiles = new Map(DECIDING_KEYS.filter((key) => profile.settings.has(key)).map((key) => [key, fileOfKey(profile, key, paths)]));
  }
}

function setConnectionSettings(info: ProfileInfo, profile: FileProfile | undefined, config: SharedConfig, paths: AwsFilePaths, env: NodeJS.ProcessEnv): void {
  // The SDK reads the endpoint settings and sdk_ua_app_id config file first.
  const readConfigFirst = (key: string): string | undefined => profile?.configValues?.get(key) ?? profile?.settings.get(key);
  // An empty variable counts as unset, as in the SDK.
  setIfDefined(info, 'region', env.AWS_REGION || profile?.settings.get('region'));
  setIfDefined(info, 'caBundle', env.AWS_CA_BUNDLE || profile?.settings.get('ca_bundle'));
  setIfDefined(info, 'userAgentAppId', env.AWS_SDK_UA_APP_ID || readConfigFirst('sdk_ua_app_id'));
  const fileOf = (key: string): string => (profile ? fileOfKey(profile, key, paths) : paths.configFile);
  const files = { services: config.services, configFile: paths.configFile, profileName: profile?.name ?? info.name, fileOf };
  setProfileEndpoints(info, readConfigFirst, files, env);
}

function setIfDefined<Field extends keyof ProfileInfo>(info: ProfileInfo, field: Field, value: ProfileInfo[Field] | undefined): void {
  if (value !== undefined) {
    info[field] = value;
  }
}
