import * as vscode from 'vscode';
import { ConnectionSettings } from '../core/connectionPlan';

export interface ExtensionSettings extends ConnectionSettings {
  profile: string;
  checkPasswordPolicy: boolean;
  syncTerminalProfile: boolean;
}

/** Reads iamPassword.*; VS Code itself ignores workspace values of the machine-scoped ones. */
export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('iamPassword');
  return {
    profile: c.get<string>('profile', '').trim(),
    region: c.get<string>('region', '').trim(),
    endpointUrl: c.get<string>('endpointUrl', '').trim(),
    caBundle: c.get<string>('caBundle', '').trim(),
    verifySsl: c.get<boolean>('verifySsl', true),
    connectTimeoutSeconds: Math.max(0, c.get<number>('connectTimeoutSeconds', 60)),
    readTimeoutSeconds: Math.max(0, c.get<number>('readTimeoutSeconds', 60)),
    maxAttempts: Math.min(10, Math.max(1, Math.floor(c.get<number>('maxAttempts', 3)))),
    checkPasswordPolicy: c.get<boolean>('checkPasswordPolicy', true),
    syncTerminalProfile: c.get<boolean>('syncTerminalProfile', false),
  };
}
