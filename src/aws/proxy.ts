// The proxy of a session's HTTPS requests, as VS Code's http.* settings or else the AWS CLI's environment give it; plain-http
// (loopback) endpoints never use one, as a proxy would see the password in clear text.
import * as l10n from '@vscode/l10n';
import { redactUrlCredentials, redactUserInfo } from '../secrets/redact';

export interface VsCodeProxySettings {
  proxy: string;
  proxyStrictSSL: boolean;
  noProxy: readonly string[];
}

export interface ProxyConfig {
  url: URL;
  label: string;
  source: string;
  setting?: string;
  noProxy: readonly string[];
  strictSSL: boolean;
}

export type Environment = Readonly<Record<string, string | undefined>>;

// As in VS Code, http.proxy wins over the environment and a non-empty http.noProxy replaces NO_PROXY.
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
  // A % that starts no escape cannot be decoded into the Proxy-Authorization header.
  if (!url || !['', '/'].includes(url.pathname) || url.search || url.hash || !decodable(url.username) || !decodable(url.password)) {
    throw new Error(
      l10n.t(
        'The proxy from {0} is not a URL of the form http://user:password@host:port: {1}. Percent-encode @, :, /, ?, # and % in the user name and password.',
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

function decodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** A variable by its name in any case; the all-lowercase one first, as the AWS CLI (Python) reads them. Empty counts as unset. */
function environmentVariable(env: Environment, lowercase: string): { name: string; value: string } | undefined {
  const names = Object.keys(env).filter((name) => name.toLowerCase() === lowercase && env[name]);
  const name = names.includes(lowercase) ? lowercase : names.sort()[0];
  return name === undefined ? undefined : { name, value: (env[name] ?? '').trim() };
}

/** A proxy URL as logs and messages show it: its password hidden. */
export function proxyLabel(url: URL): string {
  return redactUrlCredentials(`${url.protocol}//${url.username || url.password ? `${url.username}:${url.password}@` : ''}${url.host}`);
}

// The AWS CLI's NO_PROXY: an entry matches the host and every name below it, host:port only on that port, '*' everything.
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
