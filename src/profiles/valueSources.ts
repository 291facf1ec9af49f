/** Where each value that decides where a profile's requests go, who signs them, or what runs for them, is written. */
import * as path from 'node:path';
import { configuredEndpoint } from './configuredEndpoints';
import { ENV_PROFILE } from './profileChoice';
import type { ProfileInfo, ProfileList } from './profileList';
import type { AwsFilePaths, ValueOrigin } from './sharedConfigFiles';

export interface ValueSource {
  /** As the person writes it: endpoint_url, AWS_CA_BUNDLE, iamPassword.caBundle, [profile dev]... */
  what: string;
  origin: ValueOrigin;
  /** A file the value names whose content is used: a CA bundle, a web identity token. */
  namedFile?: string;
}

/** The iamPassword.* settings that win over the profile's values. */
export interface DecidingSettings {
  region: string;
  endpointUrl: string;
  caBundle: string;
}

/** Every such value of the profile and its source_profile chain; the proxy is VS Code's or the environment's, never a file's. */
export function valueSources(list: ProfileList, profileName: string, settings: DecidingSettings, env: NodeJS.ProcessEnv): ValueSource[] {
  const chain = profileChain(list, profileName);
  const profile = chain[0];
  if (!profile) {
    return [];
  }
  const sources: ValueSource[] = [];
  const { iam, sts, sso } = profile.endpoints;
  for (const endpoint of [configuredEndpoint(settings.endpointUrl, iam), configuredEndpoint(settings.endpointUrl, sts), sso]) {
    if (endpoint) {
      sources.push({ what: 'file' in endpoint.origin ? endpoint.source : nameOf(endpoint.origin), origin: endpoint.origin });
    }
  }
  sources.push(...caBundleSources(profile, settings, env));
  if (settings.region) {
    sources.push({ what: 'iamPassword.region', origin: { setting: 'iamPassword.region' } });
  } else if (env.AWS_REGION) {
    sources.push({ what: 'AWS_REGION', origin: { variable: 'AWS_REGION' } });
  } else if (profile.region) {
    sources.push({ what: 'region', origin: { file: keyFile(profile, 'region') } });
  }
  for (const member of chain) {
    sources.push(...credentialSources(member, list.paths, env));
  }
  return sources;
}

/** The profile and its source_profile chain: every profile the SDK reads to sign its requests. */
export function profileChain(list: ProfileList, name: string): ProfileInfo[] {
  const chain: ProfileInfo[] = [];
  for (let profile = list.byName(name); profile && !chain.includes(profile); ) {
    chain.push(profile);
    const next = profile.sourceProfile;
    profile = next === undefined ? undefined : list.byName(next);
  }
  return chain;
}

/** The file a value is read from, or the file it names; relative paths as the SDK opens them, from the working folder. */
export function filesOf(source: ValueSource): string[] {
  const files = 'file' in source.origin ? [source.origin.file] : [];
  return [...files, ...(source.namedFile ? [source.namedFile] : [])].map((file) => path.resolve(file));
}

function caBundleSources(profile: ProfileInfo, settings: DecidingSettings, env: NodeJS.ProcessEnv): ValueSource[] {
  if (settings.caBundle) {
    return [{ what: 'iamPassword.caBundle', origin: { setting: 'iamPassword.caBundle' }, namedFile: settings.caBundle }];
  }
  if (!profile.caBundle) {
    return [];
  }
  // profileList takes AWS_CA_BUNDLE over ca_bundle, as the SDK does.
  return env.AWS_CA_BUNDLE
    ? [{ what: 'AWS_CA_BUNDLE', origin: { variable: 'AWS_CA_BUNDLE' }, namedFile: profile.caBundle }]
    : [{ what: 'ca_bundle', origin: { file: keyFile(profile, 'ca_bundle') }, namedFile: profile.caBundle }];
}

/** Who signs and what runs: the profile's sections, then the keys that run a program or name a file, by name. */
function credentialSources(profile: ProfileInfo, paths: AwsFilePaths, env: NodeJS.ProcessEnv): ValueSource[] {
  const sources: ValueSource[] = [];
  if (profile.kind === 'env') {
    sources.push({ what: 'AWS_ACCESS_KEY_ID', origin: { variable: 'AWS_ACCESS_KEY_ID' } });
  }
  if (profile.kind === 'process') {
    sources.push({ what: 'credential_process', origin: { file: keyFile(profile, 'credential_process') } });
  }
  if (profile.webIdentityTokenFile) {
    const origin = { file: keyFile(profile, 'web_identity_token_file') };
    sources.push({ what: 'web_identity_token_file', origin, namedFile: profile.webIdentityTokenFile });
  }
  if (profile.ssoSession) {
    // [sso-session] sections are read from the config file only.
    sources.push({ what: `[sso-session ${profile.ssoSession}]`, origin: { file: paths.configFile } });
  }
  // The environment's profile takes its region, endpoints and CA bundle from AWS_PROFILE's section, or default's.
  const name = profile.name === ENV_PROFILE ? env.AWS_PROFILE || 'default' : profile.name;
  const header = (file: string): string => (file === paths.credentialsFile || name === 'default' ? `[${name}]` : `[profile ${name}]`);
  sources.push(...profile.sourceFiles.map((file) => ({ what: header(file), origin: { file } })));
  return sources;
}

function nameOf(origin: { variable: string } | { setting: string }): string {
  return 'variable' in origin ? origin.variable : origin.setting;
}

function keyFile(profile: ProfileInfo, key: string): string {
  return profile.keyFiles?.get(key) ?? profile.sourceFiles[0];
}
