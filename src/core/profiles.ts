/**
 * Lists and classifies AWS profiles as the AWS SDK for JavaScript v3 resolves them
 * (@smithy/shared-ini-file-loader + @aws-sdk/credential-provider-ini), and resolves each
 * profile's region, IAM/STS endpoints and CA bundle. Pure apart from loadProfiles' file reads.
 * Secret values are redacted while the files are parsed, so they are never held here.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { IniProblem, IniReader, parseIni, splitSectionHeader } from './ini';
import { ENV_PROFILE } from './profileChoice';

/** 'login' is `aws login` (console credentials, key login_session); web identity roles are 'role'. */
export type ProfileKind = 'static' | 'role' | 'sso' | 'process' | 'login' | 'env' | 'unknown';

export { ENV_PROFILE };

export interface AwsFilePaths {
  configFile: string;
  credentialsFile: string;
}

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  /** 'static keys' | 'role' | 'role (web identity)' | 'SSO' | 'process' | 'console sign-in' | 'environment variables' | 'no credentials' */
  kindLabel: string;
  /** Absolute paths of the files that define it (config and/or credentials). */
  sourceFiles: string[];
  /** AWS_REGION, else the profile's region (the credentials file's value wins over the config's). */
  region?: string;
  /** The profile's [services] entry > its endpoint_url > AWS_ENDPOINT_URL_IAM > AWS_ENDPOINT_URL. */
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
  ssoSession?: string;
  /** The profile's sso_start_url, or its sso-session's. */
  ssoStartUrl?: string;
  problems: string[];
}

export interface ProfileFileProblem {
  file: string;
  /** 1-based */
  line: number;
  message: string;
}

export interface ProfileList {
  paths: AwsFilePaths;
  /** ENV_PROFILE first when AWS_ACCESS_KEY_ID is set, then 'default', then by name. */
  profiles: ProfileInfo[];
  problems: ProfileFileProblem[];
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
const SECTION_TYPES: ReadonlySet<string> = new Set(['profile', 'sso-session', 'services']);
// Config-file sections the AWS CLI reads itself; not misspelt profiles.
const CLI_SECTIONS: ReadonlySet<string> = new Set(['plugins', 'preview']);
// The SDK throws on these headers and then treats the whole file as empty.
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(['__proto__', 'profile __proto__']);
const CREDENTIAL_SOURCES: ReadonlySet<string> = new Set(['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);
const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'] as const;

/** A profile's, sso-session's or services section's keys; secret values are redacted. */
type Settings = ReadonlyMap<string, string>;

/**
 * Settings while the files are read: every section of a profile (or sso-session, or services) is
 * read straight into one map, so a repeated section, or a profile in both files, is never copied.
 */
type MergedSettings = Map<string, string>;

interface ConfigSections {
  ssoSessions: Map<string, MergedSettings>;
  services: Map<string, MergedSettings>;
}

/** A profile as the SDK reads it: its sections from both files, merged. */
interface MergedProfile {
  name: string;
  /** Lower-cased once: an ICU collator, or lower-casing per comparison, would cost more than the parse. */
  sortKey: string;
  settings: MergedSettings;
  inConfig: boolean;
  inCredentials: boolean;
}

type HeaderMeaning =
  | { kind: 'typed'; type: string; name: string; sdkOnlySpelling: boolean }
  | { kind: 'plain'; name: string }
  | { kind: 'ignored'; reason: string };

export function defaultProfileName(env: NodeJS.ProcessEnv): string {
  return env.AWS_PROFILE || 'default';
}

export function awsFilePaths(env: NodeJS.ProcessEnv, homeDir: string): AwsFilePaths {
  return {
    configFile: expandPath(env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config'), homeDir),
    credentialsFile: expandPath(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials'), homeDir),
  };
}

function expandPath(file: string, homeDir: string): string {
  if (file === '~') {
    return path.resolve(homeDir);
  }
  if (file.startsWith('~/') || file.startsWith(`~${path.sep}`)) {
    return path.resolve(homeDir, file.slice(2));
  }
  return path.resolve(file);
}

export async function loadProfiles(env: NodeJS.ProcessEnv, homeDir: string): Promise<ProfileList> {
  const paths = awsFilePaths(env, homeDir);
  const [config, credentials] = await Promise.all([readProfileFile(paths.configFile), readProfileFile(paths.credentialsFile)]);
  const list = parseProfiles(config.text, credentials.text, paths, env);
  return { ...list, problems: [...config.problems, ...credentials.problems, ...list.problems] };
}

interface FileRead {
  text?: string;
  problems: ProfileFileProblem[];
}

/** A missing, unreadable or non-regular file (e.g. /dev/null) reads as empty, as in the SDK. */
async function readProfileFile(file: string): Promise<FileRead> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK so that a FIFO at the path cannot hang the open.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch {
    return { problems: [] };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      return { problems: [] };
    }
    const tooBig = (size: number): FileRead => ({
      problems: [{ file, line: 1, message: `The file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit; it is ignored.` }],
    });
    if (stat.size > MAX_FILE_BYTES) {
      return tooBig(stat.size);
    }
    const bytes = await handle.readFile();
    if (bytes.length > MAX_FILE_BYTES) {
      return tooBig(bytes.length);
    }
    const text = bytes.toString('utf8');
    // Searched for in the text, not the bytes: only a NUL byte decodes to U+0000, and the string
    // search is the faster of the two by far.
    if (text.includes('\0')) {
      return { problems: [{ file, line: 1, message: 'The file contains NUL bytes, so it is not a text file; it is ignored.' }] };
    }
    return { text, problems: [] };
  } catch {
    return { problems: [] };
  } finally {
    await handle.close();
  }
}

export function parseProfiles(
  configText: string | undefined,
  credentialsText: string | undefined,
  paths: AwsFilePaths,
  processEnv: NodeJS.ProcessEnv,
): ProfileList {
  const env = readEnvironment(processEnv);
  const problems: ProfileFileProblem[] = [];
  // The credentials file is read second, so its keys win over the config file's, key by key, as in the SDK's merge.
  const merged = new Map<string, MergedProfile>();
  const config = readConfigFile(configText ?? '', paths.configFile, merged, problems);
  readCredentialsFile(credentialsText ?? '', paths.credentialsFile, merged, problems);

  const sourceChains = new SourceChains(merged);
  const profiles: ProfileInfo[] = [];
  for (const profile of Array.from(merged.values()).sort(compareProfiles)) {
    profiles.push(describeProfile(profile, paths, config, sourceChains, env));
  }
  if (env.hasAccessKeyId) {
    profiles.unshift(describeEnvironmentProfile(merged.get(env.profile)?.settings, config, env));
  }
  return { paths, profiles, problems };
}

/** The AWS_* variables that apply to every profile in the same way. */
interface AwsEnvironment {
  /** Whether the keys are set, never their values. */
  hasAccessKeyId: boolean;
  hasSecretAccessKey: boolean;
  /** AWS_PROFILE, else 'default' */
  profile: string;
  region?: string;
  caBundle?: string;
  iamEndpoint?: EndpointChoice;
  stsEndpoint?: EndpointChoice;
  ssoEndpoint?: EndpointChoice;
  ignoreConfiguredEndpoints?: string;
  useFipsEndpoint?: string;
  useDualstackEndpoint?: string;
  userAgentAppId?: string;
}

interface EndpointChoice {
  url: string;
  /** The variable, setting or section that gave the URL. */
  source: string;
}

/**
 * Read once per parse rather than once per profile: every read of process.env scans the whole
 * environment. An empty variable counts as unset, as in the SDK.
 */
function readEnvironment(env: NodeJS.ProcessEnv): AwsEnvironment {
  const endpointUrl = env.AWS_ENDPOINT_URL || undefined;
  const endpointFor = (variable: string): EndpointChoice | undefined => {
    const url = env[variable];
    if (url) {
      return { url, source: variable };
    }
    return endpointUrl === undefined ? undefined : { url: endpointUrl, source: 'AWS_ENDPOINT_URL' };
  };
  return {
    hasAccessKeyId: Boolean(env.AWS_ACCESS_KEY_ID),
    hasSecretAccessKey: Boolean(env.AWS_SECRET_ACCESS_KEY),
    profile: defaultProfileName(env),
    region: env.AWS_REGION || undefined,
    caBundle: env.AWS_CA_BUNDLE || undefined,
    iamEndpoint: endpointFor('AWS_ENDPOINT_URL_IAM'),
    stsEndpoint: endpointFor('AWS_ENDPOINT_URL_STS'),
    ssoEndpoint: endpointFor('AWS_ENDPOINT_URL_SSO'),
    ignoreConfiguredEndpoints: env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS || undefined,
    useFipsEndpoint: env.AWS_USE_FIPS_ENDPOINT || undefined,
    useDualstackEndpoint: env.AWS_USE_DUALSTACK_ENDPOINT || undefined,
    userAgentAppId: env.AWS_SDK_UA_APP_ID || undefined,
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

/** What the SDK makes of a section header (its parseIni + getConfigData), before the file type is known. */
function headerMeaning(header: string): HeaderMeaning {
  if (header === '') {
    return { kind: 'ignored', reason: 'the section name is empty' };
  }
  const split = splitSectionHeader(header);
  if (split) {
    return SECTION_TYPES.has(split.prefix)
      ? { kind: 'typed', type: split.prefix, name: split.name, sdkOnlySpelling: false }
      : { kind: 'ignored', reason: `"${split.prefix}" is not a section type (profile, sso-session, services)` };
  }
  // The SDK joins type and name with "." internally, so it also accepts a literal [profile.x].
  const dot = header.indexOf('.');
  if (dot > 0 && SECTION_TYPES.has(header.slice(0, dot))) {
    return { kind: 'typed', type: header.slice(0, dot), name: header.slice(dot + 1), sdkOnlySpelling: true };
  }
  return { kind: 'plain', name: header };
}

/** A reader of the file's sections, or undefined when the SDK would reject the whole file. */
function sectionReader(text: string, file: string, problems: ProfileFileProblem[]): IniReader | undefined {
  // The SDK throws on these headers and then ignores the whole file, so a file that may hold one is
  // checked before any of it is used. Most files never mention __proto__ and are read once.
  if (text.includes('__proto__')) {
    const document = parseIni(text, { redactKeys: SECRET_KEYS });
    const forbidden = document.sections.find((section) => FORBIDDEN_HEADERS.has(section.header));
    if (forbidden) {
      addReadProblems(document.problems, file, problems);
      problems.push({
        file,
        line: forbidden.line,
        message: `The AWS SDK rejects the section name [${forbidden.header}] and then ignores this whole file; rename the section.`,
      });
      return undefined;
    }
  }
  return new IniReader(text, { redactKeys: SECRET_KEYS });
}

function addReadProblems(read: readonly IniProblem[], file: string, problems: ProfileFileProblem[]): void {
  for (const problem of read) {
    problems.push({ file, line: problem.line, message: problem.message });
  }
}

/** The map a profile's section is read into: the profile's own, when an earlier section or the other file defined it. */
function profileSettings(profiles: Map<string, MergedProfile>, name: string, fromCredentials: boolean): MergedSettings {
  let profile = profiles.get(name);
  if (!profile) {
    profile = { name, sortKey: name.toLowerCase(), settings: new Map(), inConfig: false, inCredentials: false };
    profiles.set(name, profile);
  }
  if (fromCredentials) {
    profile.inCredentials = true;
  } else {
    profile.inConfig = true;
  }
  return profile.settings;
}

/** As profileSettings, for sso-session and services sections. */
function namedSettings(sections: Map<string, MergedSettings>, name: string): MergedSettings {
  let settings = sections.get(name);
  if (!settings) {
    settings = new Map();
    sections.set(name, settings);
  }
  return settings;
}

function readConfigFile(text: string, file: string, profiles: Map<string, MergedProfile>, problems: ProfileFileProblem[]): ConfigSections {
  const fileProblems: ProfileFileProblem[] = [];
  const warn = (line: number, message: string): void => {
    fileProblems.push({ file, line, message });
  };
  const result: ConfigSections = { ssoSessions: new Map(), services: new Map() };
  const bareDefaults: { line: number; entries: MergedSettings }[] = [];

  const reader = sectionReader(text, file, fileProblems);
  // The map the current section's entries go into; undefined skips an ignored section.
  let entries: MergedSettings | undefined;
  while (reader?.nextSection(entries)) {
    const { header, line } = reader;
    const meaning = headerMeaning(header);
    entries = undefined;
    if (meaning.kind === 'ignored') {
      warn(line, `Section [${header}] is ignored: ${meaning.reason}.`);
    } else if (meaning.kind === 'plain') {
      if (meaning.name === 'default') {
        entries = new Map();
        bareDefaults.push({ line, entries });
      } else if (/\s/.test(meaning.name)) {
        warn(line, `Section [${header}] is ignored: a name may contain no spaces, only letters, digits and - _ @ + . % : / characters.`);
      } else if (!CLI_SECTIONS.has(meaning.name)) {
        warn(line, `Section [${meaning.name}] is ignored: in the config file a profile is written [profile ${meaning.name}].`);
      }
    } else {
      if (meaning.sdkOnlySpelling) {
        warn(line, `Section [${header}] is read by the AWS SDK but ignored by the AWS CLI; write [${meaning.type} ${meaning.name}].`);
      }
      if (meaning.type === 'profile') {
        if (meaning.name === '__proto__') {
          warn(line, 'A profile cannot be named __proto__; the section is ignored.');
        } else {
          entries = profileSettings(profiles, meaning.name, false);
        }
      } else {
        entries = namedSettings(meaning.type === 'sso-session' ? result.ssoSessions : result.services, meaning.name);
      }
    }
  }
  if (reader) {
    addReadProblems(reader.problems, file, fileProblems);
  }

  // The SDK replaces [default] wholesale with [profile default]; their keys are not merged.
  for (const bareDefault of bareDefaults) {
    if (profiles.has('default')) {
      warn(bareDefault.line, 'Section [default] is ignored because [profile default] is also defined.');
    } else {
      mergeInto(profileSettings(profiles, 'default', false), bareDefault.entries);
    }
  }

  fileProblems.sort((a, b) => a.line - b.line);
  problems.push(...fileProblems);
  return result;
}

/** Later keys win; a key already present keeps its place. */
function mergeInto(target: MergedSettings, later: Settings): void {
  later.forEach((value, key) => {
    target.set(key, value);
  });
}

function readCredentialsFile(text: string, file: string, profiles: Map<string, MergedProfile>, problems: ProfileFileProblem[]): void {
  const fileProblems: ProfileFileProblem[] = [];
  const reader = sectionReader(text, file, fileProblems);
  let entries: MergedSettings | undefined;
  while (reader?.nextSection(entries)) {
    const { header, line } = reader;
    const meaning = headerMeaning(header);
    if (meaning.kind === 'plain') {
      entries = profileSettings(profiles, meaning.name, true);
      continue;
    }
    entries = undefined;
    const message =
      meaning.kind === 'ignored'
        ? `Section [${header}] is ignored: ${meaning.reason}.`
        : meaning.type === 'profile'
          ? `Section [${header}] is not profile "${meaning.name}": in the credentials file a profile is written [${meaning.name}]. It is ignored.`
          : `Section [${header}] belongs in the config file; it is ignored here.`;
    fileProblems.push({ file, line, message });
  }
  if (reader) {
    addReadProblems(reader.problems, file, fileProblems);
  }
  fileProblems.sort((a, b) => a.line - b.line);
  problems.push(...fileProblems);
}

function hasStaticKeys(settings: Settings): boolean {
  return settings.has('aws_access_key_id') && settings.has('aws_secret_access_key');
}

/** The SDK assumes the role only with exactly one of source_profile and credential_source. */
function assumesRole(settings: Settings): boolean {
  return settings.has('role_arn') && settings.has('source_profile') !== settings.has('credential_source');
}

function usesWebIdentity(settings: Settings): boolean {
  return settings.has('role_arn') && settings.has('web_identity_token_file');
}

function isSso(settings: Settings): boolean {
  return settings.has('sso_session') || SSO_KEYS.some((key) => settings.has(key));
}

function credentialSourceProblem(profile: string, settings: Settings): string | undefined {
  const source = settings.get('credential_source');
  if (source === undefined || CREDENTIAL_SOURCES.has(source)) {
    return undefined;
  }
  return `Profile "${profile}" has credential_source "${source}"; the AWS SDK supports only Environment, Ec2InstanceMetadata and EcsContainer.`;
}

/**
 * Follows source_profile chains as fromIni does for a profile reached as a source: static keys
 * win there, then a credential_source without role_arn, then role, web identity, process, SSO,
 * login. Each profile's outcome is memoised, so checking every profile stays linear.
 */
class SourceChains {
  private readonly outcomes = new Map<string, string | undefined>();

  constructor(private readonly profiles: ReadonlyMap<string, { settings: Settings }>) {}

  /** The problem with `start` as the source of `referrer`, or undefined when it can provide credentials. */
  problemOf(start: string, referrer: string): string | undefined {
    // The profiles passed through, in order, with their positions. Allocated on the first hop
    // only: most sources hold keys themselves.
    let positionOnPath: Map<string, number> | undefined;
    let node = start;
    let from = referrer;
    let problem: string | undefined;
    for (;;) {
      if (this.outcomes.has(node)) {
        problem = this.outcomes.get(node);
        break;
      }
      if (positionOnPath?.has(node)) {
        const loop = Array.from(positionOnPath.keys()).slice(positionOnPath.get(node));
        problem = `The source_profile chain loops: ${describeLoop(loop)}.`;
        break;
      }
      const settings = this.profiles.get(node)?.settings;
      if (!settings) {
        problem = `Profile "${from}" has source_profile "${node}", which is not defined in the config or credentials file.`;
        break;
      }
      if (hasStaticKeys(settings)) {
        break;
      }
      const credentialSourceOnly = !settings.has('role_arn') && settings.has('credential_source');
      if (credentialSourceOnly || assumesRole(settings)) {
        const next = settings.get('source_profile');
        if (next === undefined) {
          problem = credentialSourceProblem(node, settings);
          break;
        }
        positionOnPath ??= new Map();
        positionOnPath.set(node, positionOnPath.size);
        from = node;
        node = next;
        continue;
      }
      if (!(usesWebIdentity(settings) || settings.has('credential_process') || isSso(settings) || settings.has('login_session'))) {
        problem = `Profile "${node}", the source_profile of "${from}", has no credentials.`;
      }
      break;
    }
    if (positionOnPath) {
      for (const name of positionOnPath.keys()) {
        this.outcomes.set(name, problem);
      }
    }
    return problem;
  }
}

const LOOP_NAMES_SHOWN = 6;

/** Starts at the loop's lowest name, so every profile that leads into the loop gets the same text. */
function describeLoop(members: string[]): string {
  let first = 0;
  for (let index = 1; index < members.length; index++) {
    if (members[index] < members[first]) {
      first = index;
    }
  }
  const names = [...members.slice(first), ...members.slice(0, first), members[first]];
  if (names.length <= LOOP_NAMES_SHOWN) {
    return names.join(' -> ');
  }
  return `${names.slice(0, LOOP_NAMES_SHOWN - 1).join(' -> ')} -> ... -> ${names[names.length - 1]} (${members.length} profiles)`;
}

interface KindAndLabel {
  kind: ProfileKind;
  kindLabel: string;
}

const ROLE: KindAndLabel = { kind: 'role', kindLabel: 'role' };
const STATIC: KindAndLabel = { kind: 'static', kindLabel: 'static keys' };
const TEMPORARY: KindAndLabel = { kind: 'static', kindLabel: 'temporary keys (session token)' };
const WEB_IDENTITY: KindAndLabel = { kind: 'role', kindLabel: 'role (web identity)' };
const PROCESS: KindAndLabel = { kind: 'process', kindLabel: 'process' };
const SSO: KindAndLabel = { kind: 'sso', kindLabel: 'SSO' };
const LOGIN: KindAndLabel = { kind: 'login', kindLabel: 'console sign-in' };
const NO_CREDENTIALS: KindAndLabel = { kind: 'unknown', kindLabel: 'no credentials' };

/** The order of @aws-sdk/credential-provider-ini's resolveProfileData for the chosen profile. */
function credentialKind(settings: Settings): KindAndLabel {
  if (assumesRole(settings)) {
    return ROLE;
  }
  if (hasStaticKeys(settings)) {
    return settings.has('aws_session_token') ? TEMPORARY : STATIC;
  }
  if (usesWebIdentity(settings)) {
    return WEB_IDENTITY;
  }
  if (settings.has('credential_process')) {
    return PROCESS;
  }
  if (isSso(settings)) {
    return SSO;
  }
  if (settings.has('login_session')) {
    return LOGIN;
  }
  return NO_CREDENTIALS;
}

function describeProfile(profile: MergedProfile, paths: AwsFilePaths, config: ConfigSections, sourceChains: SourceChains, env: AwsEnvironment): ProfileInfo {
  const { name, settings } = profile;
  const sourceFiles = sourceFilesOf(profile, paths);
  const { kind, kindLabel } = credentialKind(settings);
  const info: ProfileInfo = { name, kind, kindLabel, sourceFiles, problems: [] };
  const problems = info.problems;
  const roleArn = settings.get('role_arn');
  const sourceProfile = settings.get('source_profile');
  const credentialSource = settings.get('credential_source');

  if (roleArn !== undefined && sourceProfile !== undefined && credentialSource !== undefined) {
    problems.push('role_arn has both source_profile and credential_source; set only one, or the AWS SDK will not assume the role.');
  } else if (roleArn !== undefined && sourceProfile === undefined && credentialSource === undefined && !usesWebIdentity(settings)) {
    problems.push('role_arn needs a source_profile or credential_source to assume the role from.');
  }
  if (assumesRole(settings)) {
    const chainProblem = sourceProfile !== undefined ? sourceChains.problemOf(sourceProfile, name) : credentialSourceProblem(name, settings);
    if (chainProblem !== undefined) {
      problems.push(chainProblem);
    }
  }
  if (settings.has('aws_access_key_id') !== settings.has('aws_secret_access_key')) {
    problems.push(
      settings.has('aws_access_key_id')
        ? 'aws_access_key_id is set without aws_secret_access_key.'
        : 'aws_secret_access_key is set without aws_access_key_id.',
    );
  }
  if (kind === 'unknown' && roleArn === undefined && credentialSource !== undefined) {
    problems.push("credential_source without role_arn works only in a profile used as another profile's source_profile.");
  }

  setConnectionSettings(info, settings, config, env);
  setIfDefined(info, 'mfaSerial', settings.get('mfa_serial'));
  setIfDefined(info, 'roleArn', roleArn);
  setIfDefined(info, 'sourceProfile', sourceProfile);
  setIfDefined(info, 'credentialSource', credentialSource);
  if (kind === 'sso') {
    setSsoSettings(info, settings, config);
  }
  return info;
}

/** Config file first, as the SDK reads them. */
function sourceFilesOf(profile: MergedProfile, paths: AwsFilePaths): string[] {
  if (!profile.inCredentials) {
    return [paths.configFile];
  }
  return profile.inConfig ? [paths.configFile, paths.credentialsFile] : [paths.credentialsFile];
}

/** For AWS_ACCESS_KEY_ID; region and endpoints still come from AWS_PROFILE's (or default's) profile, as in the SDK. */
function describeEnvironmentProfile(settings: Settings | undefined, config: ConfigSections, env: AwsEnvironment): ProfileInfo {
  const info: ProfileInfo = { name: ENV_PROFILE, kind: 'env', kindLabel: 'environment variables', sourceFiles: [], problems: [] };
  if (!env.hasSecretAccessKey) {
    info.problems.push('AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.');
  }
  setConnectionSettings(info, settings ?? new Map(), config, env);
  return info;
}

function setConnectionSettings(info: ProfileInfo, settings: Settings, config: ConfigSections, env: AwsEnvironment): void {
  setIfDefined(info, 'region', env.region ?? settings.get('region'));
  setIfDefined(info, 'caBundle', env.caBundle ?? settings.get('ca_bundle'));
  setIfDefined(info, 'userAgentAppId', env.userAgentAppId ?? settings.get('sdk_ua_app_id'));
  setEndpointFlag(info, 'useFipsEndpoint', 'AWS_USE_FIPS_ENDPOINT', env.useFipsEndpoint, 'use_fips_endpoint', settings);
  setEndpointFlag(info, 'useDualstackEndpoint', 'AWS_USE_DUALSTACK_ENDPOINT', env.useDualstackEndpoint, 'use_dualstack_endpoint', settings);
  if (ignoresConfiguredEndpoints(settings, env, info.problems)) {
    return;
  }
  const servicesName = settings.get('services');
  const services = servicesName === undefined ? undefined : config.services.get(servicesName);
  if (servicesName !== undefined && !services) {
    info.problems.push(`services = ${servicesName} names no [services ${servicesName}] section in the config file.`);
  }
  const endpointUrl = settings.get('endpoint_url');
  setEndpoint(info, IAM_FIELDS, env.iamEndpoint, services, servicesName, endpointUrl);
  setEndpoint(info, STS_FIELDS, env.stsEndpoint, services, servicesName, endpointUrl);
  // Not only for SSO profiles: a role's source_profile may get its keys from the SSO portal.
  setEndpoint(info, SSO_FIELDS, env.ssoEndpoint, services, servicesName, endpointUrl);
}

interface EndpointFields {
  service: string;
  /** The key of the service's entry in a [services] section. */
  servicesKey: string;
  url: 'iamEndpoint' | 'stsEndpoint' | 'ssoEndpoint';
  source: 'iamEndpointSource' | 'stsEndpointSource' | 'ssoEndpointSource';
}

const IAM_FIELDS: EndpointFields = { service: 'iam', servicesKey: 'iam.endpoint_url', url: 'iamEndpoint', source: 'iamEndpointSource' };
const STS_FIELDS: EndpointFields = { service: 'sts', servicesKey: 'sts.endpoint_url', url: 'stsEndpoint', source: 'stsEndpointSource' };
const SSO_FIELDS: EndpointFields = { service: 'sso', servicesKey: 'sso.endpoint_url', url: 'ssoEndpoint', source: 'ssoEndpointSource' };

/** The AWS CLI's and SDK's order: service variable > AWS_ENDPOINT_URL > [services] entry > endpoint_url. */
function setEndpoint(
  info: ProfileInfo,
  fields: EndpointFields,
  fromEnv: EndpointChoice | undefined,
  services: Settings | undefined,
  servicesName: string | undefined,
  endpointUrl: string | undefined,
): void {
  if (fromEnv) {
    info[fields.url] = fromEnv.url;
    info[fields.source] = fromEnv.source;
    return;
  }
  const entry = services?.get(fields.servicesKey);
  if (entry) {
    info[fields.url] = entry;
    info[fields.source] = `the ${fields.service} entry of [services ${servicesName}]`;
  } else if (endpointUrl) {
    info[fields.url] = endpointUrl;
    info[fields.source] = `endpoint_url of profile ${info.name}`;
  }
}

/** As the SDK reads it: the variable, else the profile key, each exactly "true" or "false"; another value is passed over. */
function setEndpointFlag(
  info: ProfileInfo,
  field: 'useFipsEndpoint' | 'useDualstackEndpoint',
  variable: string,
  fromEnv: string | undefined,
  key: string,
  settings: Settings,
): void {
  for (const [source, value] of [
    [variable, fromEnv],
    [key, settings.get(key)],
  ] as const) {
    if (value === 'true' || value === 'false') {
      info[field] = value === 'true';
      return;
    }
    if (value !== undefined) {
      info.problems.push(`${source} must be "true" or "false", not "${value}"; the AWS SDK ignores it.`);
    }
  }
}

/** The environment variable wins over the profile key; the SDK accepts exactly "true" or "false". */
function ignoresConfiguredEndpoints(settings: Settings, env: AwsEnvironment, problems: string[]): boolean {
  const fromEnv = env.ignoreConfiguredEndpoints;
  const value = fromEnv ?? settings.get('ignore_configured_endpoint_urls');
  if (value === undefined || value === 'false') {
    return false;
  }
  if (value === 'true') {
    return true;
  }
  const source = fromEnv === undefined ? 'ignore_configured_endpoint_urls' : 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS';
  problems.push(`${source} must be "true" or "false", not "${value}"; the AWS SDK fails on it.`);
  return false;
}

/** The checks fromSSO makes before it looks for a token. */
function setSsoSettings(info: ProfileInfo, settings: Settings, config: ConfigSections): void {
  const sessionName = settings.get('sso_session');
  let region = settings.get('sso_region');
  let startUrl = settings.get('sso_start_url');
  setIfDefined(info, 'ssoSession', sessionName);
  if (sessionName !== undefined) {
    const session = config.ssoSessions.get(sessionName);
    if (!session) {
      info.problems.push(`sso_session = ${sessionName} names no [sso-session ${sessionName}] section in the config file.`);
      setIfDefined(info, 'ssoStartUrl', startUrl);
      return;
    }
    // fromSSO refuses a profile value that differs from its session's, then uses the session's.
    if (region !== undefined && region !== session.get('sso_region')) {
      info.problems.push(`sso_region differs between the profile and [sso-session ${sessionName}].`);
    }
    if (startUrl !== undefined && startUrl !== session.get('sso_start_url')) {
      info.problems.push(`sso_start_url differs between the profile and [sso-session ${sessionName}].`);
    }
    region = session.get('sso_region');
    startUrl = session.get('sso_start_url');
  }
  setIfDefined(info, 'ssoStartUrl', startUrl);
  const resolved = { sso_start_url: startUrl, sso_account_id: settings.get('sso_account_id'), sso_region: region, sso_role_name: settings.get('sso_role_name') };
  const missing = SSO_KEYS.filter((key) => resolved[key] === undefined);
  if (missing.length > 0) {
    info.problems.push(`SSO configuration is incomplete: ${missing.join(', ')} missing.`);
  }
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
