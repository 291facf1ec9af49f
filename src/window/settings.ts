import vscode = require('vscode');
import type { SessionSettings } from '../aws/sessionSettings';

export interface ExtensionSettings extends SessionSettings {
  profile: string;
  checkPasswordPolicy: boolean;
  clipboardClearSeconds: number;
  showStatusBarItem: boolean;
  syncTerminalProfile: boolean;
}

/** iamPassword.* and VS Code's http.* proxy settings; VS Code itself ignores workspace values of the machine-scoped ones. */
export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('iamPassword');
  const http = vscode.workspace.getConfiguration('http');
  // Never undefined: VS Code returns package.json's default for a setting nobody set.
  const get = <T>(key: keyof ExtensionSettings): T => c.get<T>(key) as T;
  return {
    profile: get<string>('profile').trim(),
    region: get<string>('region').trim(),
    endpointUrl: get<string>('endpointUrl').trim(),
    caBundle: get<string>('caBundle').trim(),
    verifySsl: get<boolean>('verifySsl'),
    connectTimeoutSeconds: Math.max(0, get<number>('connectTimeoutSeconds')),
    readTimeoutSeconds: Math.max(0, get<number>('readTimeoutSeconds')),
    maxAttempts: Math.min(10, Math.max(1, Math.floor(get<number>('maxAttempts')))),
    checkPasswordPolicy: get<boolean>('checkPasswordPolicy'),
    clipboardClearSeconds: clipboardClearSeconds(c),
    showStatusBarItem: get<boolean>('showStatusBarItem'),
    syncTerminalProfile: get<boolean>('syncTerminalProfile'),
    http: {
      proxy: http.get<string>('proxy', ''),
      proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true),
      noProxy: http.get<string[]>('noProxy', []),
    },
  };
}

/** A value that is not a number (null in settings.json) takes the default rather than leave a password on the clipboard. */
function clipboardClearSeconds(c: vscode.WorkspaceConfiguration): number {
  const value = c.get<number>('clipboardClearSeconds');
  return Math.max(0, Number.isFinite(value) ? Number(value) : Number(c.inspect<number>('clipboardClearSeconds')?.defaultValue));
}
