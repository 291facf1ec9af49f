/**
 * Where a service's requests go, as the AWS SDK for JavaScript v3 reads it (getEndpointFromConfig):
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's [services] entry, its endpoint_url;
 * none of them when endpoints are ignored. The iamPassword.endpointUrl setting (for emulators) wins
 * over all. Undefined leaves the endpoint to the SDK's rules for the region and the FIPS and
 * dual-stack flags, read here too. And whether a password may be sent to the endpoint at all.
 */
import * as l10n from '@vscode/l10n';

export interface ConfiguredEndpoint {
  url: string;
  /** Which setting, variable or file gave it, for messages ("the iamPassword.endpointUrl setting"). */
  source: string;
}

export interface ProfileEndpoints {
  iam?: ConfiguredEndpoint;
  sts?: ConfiguredEndpoint;
  /** The SSO portal (GetRoleCredentials): not only for SSO profiles, a role's source may sign in there. */
  sso?: ConfiguredEndpoint;
}

/** The AWS_* variables that choose endpoints, read once per parse: every read of process.env scans the whole environment. */
export interface EndpointEnvironment extends ProfileEndpoints {
  ignoreConfiguredEndpoints?: string;
  useFipsEndpoint?: string;
  useDualstackEndpoint?: string;
}

/** What setProfileEndpoints fills in: a ProfileInfo. */
export interface EndpointConfiguration {
  name: string;
  problems: string[];
  endpoints: ProfileEndpoints;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
}

const SERVICES = ['iam', 'sts', 'sso'] as const;
/** Shared by every profile without a configured endpoint: one object rather than thousands. */
export const NO_ENDPOINTS: ProfileEndpoints = Object.freeze({});

/** An empty variable counts as unset, as in the SDK. */
export function readEndpointEnvironment(env: NodeJS.ProcessEnv): EndpointEnvironment {
  const endpointFor = (variable: string): ConfiguredEndpoint | undefined => {
    const source = env[variable] ? variable : env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
    return source === undefined ? undefined : { url: env[source] ?? '', source };
  };
  return {
    iam: endpointFor('AWS_ENDPOINT_URL_IAM'),
    sts: endpointFor('AWS_ENDPOINT_URL_STS'),
    sso: endpointFor('AWS_ENDPOINT_URL_SSO'),
    ignoreConfiguredEndpoints: env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS || undefined,
    useFipsEndpoint: env.AWS_USE_FIPS_ENDPOINT || undefined,
    useDualstackEndpoint: env.AWS_USE_DUALSTACK_ENDPOINT || undefined,
  };
}

/**
 * A profile's IAM, STS and SSO portal endpoints and its FIPS and dual-stack flags, from its keys as
 * the SDK's loadConfig reads them: `configValues` (the config file's, where both files set a key)
 * first. What the SDK ignores goes to the profile's problems.
 */
export function setProfileEndpoints(
  profile: EndpointConfiguration,
  settings: ReadonlyMap<string, string> | undefined,
  configValues: ReadonlyMap<string, string> | undefined,
  services: ReadonlyMap<string, ReadonlyMap<string, string>>,
  env: EndpointEnvironment,
): void {
  const { problems } = profile;
  const read = (key: string): string | undefined => configValues?.get(key) ?? settings?.get(key);
  const fips = readFlag('AWS_USE_FIPS_ENDPOINT', env.useFipsEndpoint, problems) ?? readFlag('use_fips_endpoint', read('use_fips_endpoint'), problems);
  const dualstack =
    readFlag('AWS_USE_DUALSTACK_ENDPOINT', env.useDualstackEndpoint, problems) ?? readFlag('use_dualstack_endpoint', read('use_dualstack_endpoint'), problems);
  if (fips !== undefined) {
    profile.useFipsEndpoint = fips;
  }
  if (dualstack !== undefined) {
    profile.useDualstackEndpoint = dualstack;
  }
  const ignore = readFlag('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', env.ignoreConfiguredEndpoints, problems);
  if (ignore ?? readFlag('ignore_configured_endpoint_urls', read('ignore_configured_endpoint_urls'), problems)) {
    return;
  }
  const servicesName = read('services');
  const section = servicesName === undefined ? undefined : services.get(servicesName);
  if (servicesName !== undefined && !section) {
    problems.push(l10n.t("services = {0} names no [services {0}] section, so the AWS SDK ignores this profile's endpoints.", servicesName));
  }
  const endpointUrl = read('endpoint_url');
  let endpoints: ProfileEndpoints | undefined;
  for (const service of SERVICES) {
    const entry = section?.get(`${service}.endpoint_url`);
    const fromFiles: ConfiguredEndpoint | undefined = entry
      ? {
          url: entry,
          source: l10n.t({ message: 'the {0} entry of [services {1}]', args: [service, servicesName ?? ''], comment: 'Endpoint source; {0}: iam, sts, sso' }),
        }
      : endpointUrl && (section || servicesName === undefined)
        ? { url: endpointUrl, source: l10n.t({ message: 'endpoint_url of profile {0}', args: [profile.name], comment: 'Endpoint source' }) }
        : undefined;
    const endpoint = env[service] ?? fromFiles;
    if (endpoint) {
      (endpoints ??= {})[service] = endpoint;
    }
  }
  profile.endpoints = endpoints ?? NO_ENDPOINTS;
}

/** "true" or "false", as the SDK's booleanSelector reads them; anything else it passes over. */
function readFlag(source: string, value: string | undefined, problems: string[]): boolean | undefined {
  if (value === 'true' || value === 'false' || value === undefined) {
    return value === undefined ? undefined : value === 'true';
  }
  problems.push(l10n.t('{0} = {1} is ignored: the AWS SDK takes only true or false.', source, value));
  return undefined;
}

/** The setting wins over the profile's endpoint (setProfileEndpoints). */
export function configuredEndpoint(settingUrl: string, fromProfile: ConfiguredEndpoint | undefined): ConfiguredEndpoint | undefined {
  return settingUrl ? { url: settingUrl, source: l10n.t({ message: 'the iamPassword.endpointUrl setting', comment: 'Endpoint source' }) } : fromProfile;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why a password must not be sent to this URL, or undefined when it may.
 * Plain http is allowed only on loopback (emulators); anything else would expose the password.
 */
export function endpointProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return l10n.t('"{0}" is not a valid URL.', url);
  }
  if (parsed.protocol === 'https:') {
    return undefined;
  }
  if (parsed.protocol === 'http:') {
    return isLoopback(parsed.hostname)
      ? undefined
      : l10n.t(
          '{0} uses plain http on a host that is not this machine; a password may only be sent over https (or http to a loopback address such as a local emulator).',
          url,
        );
  }
  return l10n.t('{0} is not an http(s) URL.', url);
}
