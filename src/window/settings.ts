import * as vscode from 'vscode';
import { DEFAULT_SESSION_SETTINGS as DEFAULTS, SessionSettings } from '../aws/sessionSettings';

export interface ExtensionSettings extends SessionSettings {
  profile: string;
  checkPasswordPolicy: boolean;
  /** Seconds until a copied password is cleared from the clipboard; 0 never clears. */
  clipboardClearSeconds: number;
  showStatusBarItem: boolean;
  syncTerminalProfile: boolean;
}

/** Reads iamPassword.*, and VS Code's http.* proxy settings; VS Code itself ignores workspace values of the machine-scoped ones. */
export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('iamPassword');
  const http = vscode.workspace.getConfiguration('http');
  return {
    profile: c.get<string>('profile', '').trim(),
    region: c.get<string>('region', DEFAULTS.region).trim(),
    endpointUrl: c.get<string>('endpointUrl', DEFAULTS.endpointUrl).trim(),
    caBundle: c.get<string>('caBundle', DEFAULTS.caBundle).trim(),
    verifySsl: c.get<boolean>('verifySsl', DEFAULTS.verifySsl),
    connectTimeoutSeconds: Math.max(0, c.get<number>('connectTimeoutSeconds', DEFAULTS.connectTimeoutSeconds)),
    readTimeoutSeconds: Math.max(0, c.get<number>('readTimeoutSeconds', DEFAULTS.readTimeoutSeconds)),
    maxAttempts: Math.min(10, Math.max(1, Math.floor(c.get<number>('maxAttempts', DEFAULTS.maxAttempts)))),
    checkPasswordPolicy: c.get<boolean>('checkPasswordPolicy', true),
    clipboardClearSeconds: nonNegative(c.get<number>('clipboardClearSeconds', 30), 30),
    showStatusBarItem: c.get<boolean>('showStatusBarItem', true),
    syncTerminalProfile: c.get<boolean>('syncTerminalProfile', false),
    http: {
      proxy: http.get<string>('proxy', ''),
      proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true),
      noProxy: http.get<string[]>('noProxy', []),
    },
  };
}

function nonNegative(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.max(0, value) : fallback;
}
