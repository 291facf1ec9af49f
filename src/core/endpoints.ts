/** Which configured endpoint, if any, a service's requests go to, and whether a password may be sent there. */

export interface ConfiguredEndpoint {
  url: string;
  /** Which setting, variable or file gave it, for messages ("the iamPassword.endpointUrl setting"). */
  source: string;
}

/**
 * The VS Code setting (meant for emulators) wins over what the AWS CLI would use for the profile
 * (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's [services] entry, endpoint_url;
 * folded by the profile parser). Undefined leaves the endpoint to the SDK's rules for the region.
 */
export function configuredEndpoint(settingUrl: string, profileUrl: string | undefined, profileSource = 'the profile'): ConfiguredEndpoint | undefined {
  if (settingUrl) {
    return { url: settingUrl, source: 'the iamPassword.endpointUrl setting' };
  }
  return profileUrl ? { url: profileUrl, source: profileSource } : undefined;
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
    return `"${url}" is not a valid URL.`;
  }
  if (parsed.protocol === 'https:') {
    return undefined;
  }
  if (parsed.protocol === 'http:') {
    return isLoopback(parsed.hostname)
      ? undefined
      : `${url} uses plain http on a host that is not this machine; a password may only be sent over https (or http to a loopback address such as a local emulator).`;
  }
  return `${url} is not an http(s) URL.`;
}
