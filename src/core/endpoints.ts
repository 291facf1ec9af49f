/**
 * Where a service's requests go, by the AWS CLI's precedence: the iamPassword.endpointUrl setting
 * (meant for emulators), then AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's
 * [services] entry, its endpoint_url; none of them when endpoints are ignored. Undefined leaves
 * the endpoint to the SDK's rules for the region and the FIPS and dual-stack flags, read here too.
 * And whether a password may be sent to the endpoint at all.
 */
import * as l10n from '@vscode/l10n';
import type { Settings } from './sharedConfigFiles';

export interface ConfiguredEndpoint {
  url: string;
  /** Which setting, variable or file gave it, for messages ("the iamPassword.endpointUrl setting"). */
  source: string;
}

/** The AWS_* variables that choose endpoints, read once per parse: every read of process.env scans the whole environment. */
export interface EndpointEnvironment {
  iam?: ConfiguredEndpoint;
  sts?: ConfiguredEndpoint;
  sso?: ConfiguredEndpoint;
  ignoreConfiguredEndpoints?: string;
  useFipsEndpoint?: string;
  useDualstackEndpoint?: string;
}

interface EndpointFields {
  service: string;
  /** The key of the service's entry in a [services] section. */
  servicesKey: string;
  url: 'iamEndpoint' | 'stsEndpoint' | 'ssoEndpoint';
  source: 'iamEndpointSource' | 'stsEndpointSource' | 'ssoEndpointSource';
}

/** The fields of a profile (profiles.ts's ProfileInfo) that setProfileEndpoints writes; named here, not imported, since profiles.ts imports this module. */
type EndpointTarget = { name: string; problems: string[]; useFipsEndpoint?: boolean; useDualstackEndpoint?: boolean } & {
  [field in EndpointFields['url'] | EndpointFields['source']]?: string;
};

const IAM_FIELDS: EndpointFields = { service: 'iam', servicesKey: 'iam.endpoint_url', url: 'iamEndpoint', source: 'iamEndpointSource' };
const STS_FIELDS: EndpointFields = { service: 'sts', servicesKey: 'sts.endpoint_url', url: 'stsEndpoint', source: 'stsEndpointSource' };
const SSO_FIELDS: EndpointFields = { service: 'sso', servicesKey: 'sso.endpoint_url', url: 'ssoEndpoint', source: 'ssoEndpointSource' };

/** An empty variable counts as unset, as in the SDK. */
export function readEndpointEnvironment(env: NodeJS.ProcessEnv): EndpointEnvironment {
  const endpointUrl = env.AWS_ENDPOINT_URL || undefined;
  const endpointFor = (variable: string): ConfiguredEndpoint | undefined => {
    const url = env[variable];
    if (url) {
      return { url, source: variable };
    }
    return endpointUrl === undefined ? undefined : { url: endpointUrl, source: 'AWS_ENDPOINT_URL' };
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

/** The profile's IAM, STS and SSO portal endpoints and its FIPS and dual-stack flags; what is wrong with them goes to info.problems. */
export function setProfileEndpoints(info: EndpointTarget, settings: Settings, services: ReadonlyMap<string, Settings>, env: EndpointEnvironment): void {
  setEndpointFlag(info, 'useFipsEndpoint', 'AWS_USE_FIPS_ENDPOINT', env.useFipsEndpoint, 'use_fips_endpoint', settings);
  setEndpointFlag(info, 'useDualstackEndpoint', 'AWS_USE_DUALSTACK_ENDPOINT', env.useDualstackEndpoint, 'use_dualstack_endpoint', settings);
  if (ignoresConfiguredEndpoints(settings, env, info.problems)) {
    return;
  }
  const servicesName = settings.get('services');
  const servicesSection = servicesName === undefined ? undefined : services.get(servicesName);
  const endpointUrl = settings.get('endpoint_url');
  if (servicesName !== undefined && !servicesSection) {
    // botocore raises on such a profile; the SDK's endpoint lookup throws and falls back to AWS's endpoints.
    const problem = l10n.t(
      'services = {0} names no [services {0}] section in the config file: the AWS CLI refuses the profile, the AWS SDK ignores its endpoint_url too.',
      servicesName,
    );
    info.problems.push(endpointUrl ? `${problem} ${l10n.t('This extension still uses its endpoint_url.')}` : problem);
  }
  setEndpoint(info, IAM_FIELDS, env.iam, servicesSection, servicesName, endpointUrl);
  setEndpoint(info, STS_FIELDS, env.sts, servicesSection, servicesName, endpointUrl);
  // Not only for SSO profiles: a role's source_profile may get its keys from the SSO portal.
  setEndpoint(info, SSO_FIELDS, env.sso, servicesSection, servicesName, endpointUrl);
}

/** Service variable > AWS_ENDPOINT_URL > [services] entry > endpoint_url. */
function setEndpoint(
  info: EndpointTarget,
  fields: EndpointFields,
  fromEnv: ConfiguredEndpoint | undefined,
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
    info[fields.source] = l10n.t({
      message: 'the {0} entry of [services {1}]',
      args: [fields.service, servicesName ?? ''],
      comment: 'Where an endpoint comes from; {0} is iam, sts or sso',
    });
  } else if (endpointUrl) {
    info[fields.url] = endpointUrl;
    info[fields.source] = l10n.t({ message: 'endpoint_url of profile {0}', args: [info.name], comment: 'Where an endpoint comes from' });
  }
}

/** The variable, else the profile key; a value that is neither true nor false is passed over, as the SDK does. */
function setEndpointFlag(
  info: EndpointTarget,
  field: 'useFipsEndpoint' | 'useDualstackEndpoint',
  variable: string,
  fromEnv: string | undefined,
  key: string,
  settings: Settings,
): void {
  const value = readFlag(variable, fromEnv, info.problems) ?? readFlag(key, settings.get(key), info.problems);
  if (value !== undefined) {
    info[field] = value;
  }
}

/**
 * "true" or "false" in any case, as the AWS CLI reads them (the SDK takes only the lower-case
 * words): these decide where requests go. Another value, false for the CLI and ignored by the
 * SDK, is undefined.
 */
function readFlag(source: string, value: string | undefined, problems: string[]): boolean | undefined {
  if (value === undefined) {
    return undefined;
  }
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    if (value !== lower) {
      problems.push(l10n.t('{0} = {1} is {2} for the AWS CLI, which ignores case, and so for this extension; the AWS SDK takes only "{2}".', source, value, lower));
    }
    return lower === 'true';
  }
  problems.push(l10n.t('{0} must be "true" or "false", not "{1}"; the AWS CLI reads it as false and the AWS SDK ignores it.', source, value));
  return undefined;
}

/** The environment variable wins over the profile key. */
function ignoresConfiguredEndpoints(settings: Settings, env: EndpointEnvironment, problems: string[]): boolean {
  const fromEnv = env.ignoreConfiguredEndpoints;
  const value =
    fromEnv === undefined
      ? readFlag('ignore_configured_endpoint_urls', settings.get('ignore_configured_endpoint_urls'), problems)
      : readFlag('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', fromEnv, problems);
  return value === true;
}

/** The setting wins over what the profile parser chose for the profile (setProfileEndpoints). */
export function configuredEndpoint(settingUrl: string, profileUrl: string | undefined, profileSource?: string): ConfiguredEndpoint | undefined {
  if (settingUrl) {
    return { url: settingUrl, source: l10n.t({ message: 'the iamPassword.endpointUrl setting', comment: 'Where an endpoint comes from' }) };
  }
  return profileUrl ? { url: profileUrl, source: profileSource ?? l10n.t({ message: 'the profile', comment: 'Where an endpoint comes from' }) } : undefined;
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
      : l10n.t('{0} uses plain http on a host that is not this machine; a password may only be sent over https (or http to a loopback address such as a local emulator).', url);
  }
  return l10n.t('{0} is not an http(s) URL.', url);
}
