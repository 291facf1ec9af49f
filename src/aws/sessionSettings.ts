import type { VsCodeProxySettings } from './proxy';

/** The iamPassword.* settings that shape a session. */
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

/** The defaults package.json declares (60 s timeouts and 3 attempts, like the AWS CLI). */
export const DEFAULT_SESSION_SETTINGS: Readonly<SessionSettings> = {
  region: '',
  endpointUrl: '',
  caBundle: '',
  verifySsl: true,
  connectTimeoutSeconds: 60,
  readTimeoutSeconds: 60,
  maxAttempts: 3,
};
