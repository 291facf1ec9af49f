/** Where requests for a profile go, decided before any SDK is loaded so it can be shown and checked. */

export type AwsService = 'iam' | 'sts';

export interface ResolvedEndpoint {
  /** URL requests are sent to. */
  url: string;
  /** True when the SDK's built-in endpoint is used (the URL is then only for display). */
  isDefault: boolean;
  /** Which setting or file decided it, for messages ("the iamPassword.endpointUrl setting"). */
  source: string;
}

/** The partition's IAM endpoint, as the SDK resolves it for a region. */
export function defaultEndpoint(service: AwsService, region: string): string {
  if (service === 'iam') {
    if (region.startsWith('cn-')) {
      return 'https://iam.cn-north-1.amazonaws.com.cn';
    }
    return region.startsWith('us-gov-') ? 'https://iam.us-gov.amazonaws.com' : 'https://iam.amazonaws.com';
  }
  return region.startsWith('cn-') ? `https://sts.${region}.amazonaws.com.cn` : `https://sts.${region}.amazonaws.com`;
}

/**
 * IAM is global: it takes only signatures scoped to its partition's home region, whatever region
 * the profile names (the SDK's endpoint rules do the same for the default endpoint).
 */
export function iamSigningRegion(region: string): string {
  if (region.startsWith('cn-')) {
    return 'cn-north-1';
  }
  return region.startsWith('us-gov-') ? 'us-gov-west-1' : 'us-east-1';
}

/**
 * The endpoint for one service: the VS Code setting (meant for emulators) wins over what the AWS CLI
 * would use (AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, the profile's [services] entry, endpoint_url;
 * folded by the profile parser), which wins over the SDK default.
 */
export function resolveEndpoint(
  service: AwsService,
  region: string,
  settingUrl: string | undefined,
  profileUrl: string | undefined,
  profileSource = 'the profile',
): ResolvedEndpoint {
  if (settingUrl) {
    return { url: settingUrl, isDefault: false, source: 'the iamPassword.endpointUrl setting' };
  }
  if (profileUrl) {
    return { url: profileUrl, isDefault: false, source: profileSource };
  }
  return { url: defaultEndpoint(service, region), isDefault: true, source: 'the AWS default for the region' };
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
