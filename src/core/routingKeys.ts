/**
 * The keys that decide where requests go, which this extension reads as the AWS CLI reads them
 * where the AWS SDK reads them otherwise (REGION =, endpoint_url: x, [DEFAULT]). The extension
 * passes these to the SDK itself, so a profile the CLI sends to a local endpoint must not send a
 * password to AWS from here. Everything else, credentials above all, is read as the SDK reads it:
 * the SDK fetches the credentials.
 */
import * as l10n from '@vscode/l10n';

/** In a profile's section. */
export const ROUTING_KEYS: ReadonlySet<string> = new Set(['region', 'endpoint_url', 'services', 'ignore_configured_endpoint_urls', 'ca_bundle', 'use_fips_endpoint', 'use_dualstack_endpoint']);
/** As ROUTING_KEYS, in a [services] section. */
export const SERVICES_ROUTING_KEYS: ReadonlySet<string> = new Set(['iam.endpoint_url', 'sts.endpoint_url', 'sso.endpoint_url']);
/** [DEFAULT] in the config file gives its keys to profiles and [services] sections alike. */
export const DEFAULT_ROUTING_KEYS: ReadonlySet<string> = new Set([...ROUTING_KEYS, ...SERVICES_ROUTING_KEYS]);

/** What [DEFAULT] means to each, in the config file and in the credentials file (made when said, so in the display language). */
export function configDefaultWarning(): string {
  return l10n.t(
    'Section [DEFAULT]: the AWS CLI gives its keys to every section of this file that does not set them, the AWS SDK ignores it. This extension does as the AWS CLI for the keys that decide where requests go (region, endpoint_url, services, [services] entries, ca_bundle, use_fips_endpoint, use_dualstack_endpoint, ignore_configured_endpoint_urls) and as the SDK for the rest, credentials among them.',
  );
}
export function credentialsDefaultWarning(): string {
  return l10n.t(
    'Section [DEFAULT] is profile "DEFAULT" for the AWS SDK and this extension; the AWS CLI has no such profile and gives its keys to every profile of this file that does not set them.',
  );
}

/** [DEFAULT]'s routing keys, for every config-file profile and [services] section that lacks them, as configparser does. */
export function applyCliDefaults(defaults: ReadonlyMap<string, string>, profiles: Iterable<{ settings: Map<string, string> }>, services: Iterable<ReadonlyMap<string, string>>): void {
  const fill = (settings: Map<string, string>, keys: ReadonlySet<string>): void => {
    defaults.forEach((value, key) => {
      if (keys.has(key) && !settings.has(key)) {
        settings.set(key, value);
      }
    });
  };
  for (const profile of profiles) {
    fill(profile.settings, ROUTING_KEYS);
  }
  for (const settings of services) {
    fill(settings as Map<string, string>, SERVICES_ROUTING_KEYS);
  }
}

