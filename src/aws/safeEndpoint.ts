/** Whether a password may be sent to an endpoint: https anywhere, plain http only to this machine (emulators). */
import * as l10n from '@vscode/l10n';

// Only these: VS Code's proxy support sends every other host, 127.0.0.2 included, through http.proxy.
const DIRECT_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

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
    return DIRECT_HOSTS.has(parsed.hostname)
      ? undefined
      : l10n.t(
          '{0} uses plain http to a host other than localhost, 127.0.0.1 or [::1]; a password may only be sent over https, or over plain http to one of those (a local emulator): VS Code may send any other address through a proxy.',
          url,
        );
  }
  return l10n.t('{0} is not an http(s) URL.', url);
}
