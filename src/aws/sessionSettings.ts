import type { VsCodeProxySettings } from './proxy';

/** The iamPassword.* settings that shape a session; their defaults are package.json's. */
export interface SessionSettings {
  region: string;
  endpointUrl: string;
  caBundle: string;
  verifySsl: boolean;
  connectTimeoutSeconds: number;
  readTimeoutSeconds: number;
  maxAttempts: number;
  /** VS Code's http.proxy, http.proxyStrictSSL and http.noProxy; absent outside VS Code. */
  http?: VsCodeProxySettings;
}
