/** Whether a password may be sent to an endpoint: https anywhere, plain http only to this machine (emulators). */
import * as l10n from '@vscode/l10n';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

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
