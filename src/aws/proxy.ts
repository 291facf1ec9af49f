/**
 * Which proxy a session's HTTPS requests go through, and which hosts skip it: VS Code's http.proxy
 * and http.noProxy settings, else the environment as the AWS CLI reads it (HTTPS_PROXY, NO_PROXY,
 * any case, the all-lowercase name first). Plain-http endpoints (allowed on loopback only) never
 * go through a proxy: a proxy would see the password in clear text.
 */
import * as l10n from '@vscode/l10n';
import { redactUrlCredentials, redactUserInfo } from '../secrets/redact';

/** VS Code's own http.* settings, as the user set them. */
export interface VsCodeProxySettings {
  /** http.proxy; '' when unset. */
  proxy: string;
  /** http.proxyStrictSSL: verify an https:// proxy's own certificate. */
  proxyStrictSSL: boolean;
  /** http.noProxy */
  noProxy: readonly string[];
}

export interface ProxyConfig {
  url: URL;
  /** The URL as it may be shown: its password replaced. */
  label: string;
  /** Where it comes from, e.g. "the http.proxy setting" or "the HTTPS_PROXY environment variable". */
  source: string;
  /** The VS Code setting it comes from, for an Open Settings button. */
  setting?: string;
  /** Hosts (and host:port) that are reached directly; '*' is every host. */
  noProxy: readonly string[];
  /** Verify an https:// proxy's own certificate. */
  strictSSL: boolean;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The proxy for this session's HTTPS requests, or undefined for none. As in VS Code, the http.proxy
 * setting wins over the environment, and a non-empty http.noProxy replaces NO_PROXY. Throws, with
 * a message for the user, for a value that is not an http:// or https:// proxy.
 */
export function proxyConfig(vscode: VsCodeProxySettings | undefined, env: Environment): ProxyConfig | undefined {
  const fromSetting = vscode?.proxy.trim();
  const fromEnv = environmentVariable(env, 'https_proxy');
  const chosen = fromSetting
    ? { value: fromSetting, source: l10n.t('the http.proxy setting'), setting: 'http.proxy' }
    : fromEnv && { value: fromEnv.value, source: l10n.t('the {0} environment variable', fromEnv.name) };
  if (!chosen) {
    return undefined;
  }
  // A bare host:port is an http:// proxy, as the AWS CLI (requests) reads it.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(chosen.value) ? chosen.value : `http://${chosen.value}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  // A path, query or fragment means an unencoded @, /, ? or # in the credentials moved the host: never send to it.
  if (!url || !['', '/'].includes(url.pathname) || url.search || url.hash) {
    throw new Error(
      l10n.t(
        'The proxy from {0} is not a URL of the form http://user:password@host:port: {1}. Percent-encode @, :, /, ? and # in the user name and password.',
        chosen.source,
        redactUserInfo(chosen.value),
      ),
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(l10n.t('The proxy {0} from {1} is not supported: only http:// and https:// proxies are.', proxyLabel(url), chosen.source));
  }
  const settingBypass = (vscode?.noProxy ?? []).map((entry) => entry.trim()).filter(Boolean);
  const noProxy = settingBypass.length ? settingBypass : (environmentVariable(env, 'no_proxy')?.value ?? '').split(/[,\s]+/).filter(Boolean);
  return { url, label: proxyLabel(url), source: chosen.source, setting: chosen.setting, noProxy, strictSSL: vscode?.proxyStrictSSL ?? true };
}

/** A variable by its name in any case; the all-lowercase one first, as the AWS CLI (Python) reads them. Empty counts as unset. */
function environmentVariable(env: Environment, lowercase: string): { name: string; value: string } | undefined {
  const names = Object.keys(env).filter((name) => name.toLowerCase() === lowercase && env[name]);
  const name = names.includes(lowercase) ? lowercase : names.sort()[0];
  return name === undefined ? undefined : { name, value: (env[name] ?? '').trim() };
}

/** scheme://user:***@host:port, never the password. */
function proxyLabel(url: URL): string {
  return redactUrlCredentials(`${url.protocol}//${url.username || url.password ? `${url.username}:${url.password}@` : ''}${url.host}`);
}

/**
 * Whether a host is reached directly, by the AWS CLI's reading of NO_PROXY: an entry matches the
 * host itself and every name below it (leading '.' or '*.' ignored), host:port only on that port,
 * and '*' matches everything.
 */
export function bypassesProxy(noProxy: readonly string[], host: string, port: number): boolean {
  const hostname = host.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') {
      return true;
    }
    // host:port or [v6]:port; a bare IPv6 address has no port.
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (withPort && Number(withPort[2]) !== port) {
      return false;
    }
    const name = (withPort ? withPort[1] : entry).replace(/^\[|\]$/g, '').replace(/^\*?\.*/, '');
    return name !== '' && (hostname === name || hostname.endsWith(`.${name}`));
  });
}
