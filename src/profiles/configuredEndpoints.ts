/** Where IAM, STS and SSO portal requests go, as the SDK's getEndpointFromConfig reads it; iamPassword.endpointUrl (for emulators) wins over all. */
import * as l10n from '@vscode/l10n';
import type { ValueOrigin } from './sharedConfigFiles';

export interface ConfiguredEndpoint {
  url: string;
  /** In words, for messages. */
  source: string;
  origin: ValueOrigin;
}

/** Where the keys are read: the config file's [services] sections, and the profile's keys by file. */
export interface EndpointFiles {
  services: ReadonlyMap<string, ReadonlyMap<string, string>>;
  configFile: string;
  /** The section's name: AWS_PROFILE's (or default) for the environment's profile. */
  profileName: string;
  fileOf(key: string): string;
}

export interface ProfileEndpoints {
  iam?: ConfiguredEndpoint;
  sts?: ConfiguredEndpoint;
  /** The SSO portal (GetRoleCredentials): not only for SSO profiles, a role's source may sign in there. */
  sso?: ConfiguredEndpoint;
}

/** A ProfileInfo's endpoint fields, declared here because profileList.ts imports this module. */
export interface EndpointConfiguration {
  problems: string[];
  endpoints: ProfileEndpoints;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
}

const SERVICE_VARIABLES = { iam: 'AWS_ENDPOINT_URL_IAM', sts: 'AWS_ENDPOINT_URL_STS', sso: 'AWS_ENDPOINT_URL_SSO' } as const;
const SERVICES = ['iam', 'sts', 'sso'] as const;
/** From `env` and the profile's keys as loadConfig reads them (`read`: config file first); what the SDK ignores goes to its problems. */
export function setProfileEndpoints(
  profile: EndpointConfiguration,
  read: (key: string) => string | undefined,
  { services, configFile, profileName, fileOf }: EndpointFiles,
  env: NodeJS.ProcessEnv,
): void {
  const { problems } = profile;
  const fips = readFlag('AWS_USE_FIPS_ENDPOINT', env.AWS_USE_FIPS_ENDPOINT, problems) ?? readFlag('use_fips_endpoint', read('use_fips_endpoint'), problems);
  const dualstack =
    readFlag('AWS_USE_DUALSTACK_ENDPOINT', env.AWS_USE_DUALSTACK_ENDPOINT, problems) ??
    readFlag('use_dualstack_endpoint', read('use_dualstack_endpoint'), problems);
  if (fips !== undefined) {
    profile.useFipsEndpoint = fips;
  }
  if (dualstack !== undefined) {
    profile.useDualstackEndpoint = dualstack;
  }
  const ignore = readFlag('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, problems);
  if (ignore ?? readFlag('ignore_configured_endpoint_urls', read('ignore_configured_endpoint_urls'), problems)) {
    return;
  }
  const servicesName = read('services');
  const section = servicesName === undefined ? undefined : services.get(servicesName);
  if (servicesName !== undefined && !section) {
    problems.push(l10n.t("services = {0} names no [services {0}] section, so the AWS SDK ignores this profile's endpoints.", servicesName));
  }
  const endpointUrl = read('endpoint_url');
  const endpoints: ProfileEndpoints = {};
  for (const service of SERVICES) {
    const variable = SERVICE_VARIABLES[service];
    const entry = section?.get(`${service}.endpoint_url`);
    let endpoint: ConfiguredEndpoint | undefined;
    if (env[variable] || env.AWS_ENDPOINT_URL) {
      const source = env[variable] ? variable : 'AWS_ENDPOINT_URL';
      endpoint = { url: env[source] ?? '', source, origin: { variable: source } };
    } else if (entry) {
      const source = l10n.t({
        message: 'the {0} entry of [services {1}]',
        args: [service, servicesName ?? ''],
        comment: 'Endpoint source; {0}: iam, sts, sso',
      });
      endpoint = { url: entry, source, origin: { file: configFile } };
    } else if (endpointUrl && (section || servicesName === undefined)) {
      const source = l10n.t({ message: 'endpoint_url of profile {0}', args: [profileName], comment: 'Endpoint source' });
      endpoint = { url: endpointUrl, source, origin: { file: fileOf('endpoint_url') } };
    }
    if (endpoint) {
      endpoints[service] = endpoint;
    }
  }
  profile.endpoints = endpoints;
}

/** "true" or "false", as the SDK's booleanSelector reads them; empty is unset, anything else it passes over. */
function readFlag(source: string, value: string | undefined, problems: string[]): boolean | undefined {
  if (!value) {
    return undefined;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  problems.push(l10n.t('{0} = {1} is ignored: the AWS SDK takes only true or false.', source, value));
  return undefined;
}

export function configuredEndpoint(settingUrl: string, fromProfile: ConfiguredEndpoint | undefined): ConfiguredEndpoint | undefined {
  if (!settingUrl) {
    return fromProfile;
  }
  const source = l10n.t({ message: 'the iamPassword.endpointUrl setting', comment: 'Endpoint source' });
  return { url: settingUrl, source, origin: { setting: 'iamPassword.endpointUrl' } };
}
