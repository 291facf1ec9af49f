import type * as vscode from 'vscode';
import type { FlowState } from './flowState';
import type { ProfileStore } from './profileStore';
import type { ExtensionSettings } from './settings';
import type { WindowApi } from './window';

/** What activate() builds once and hands to every command handler. */
export interface CommandDeps {
  store: ProfileStore;
  log: vscode.LogOutputChannel;
  ui: WindowApi;
  /** The change lock and the MFA sessions, cleared when the extension is disposed. */
  state: FlowState;
  /** The iamPassword.* settings as they are now. */
  settings: () => ExtensionSettings;
  /** Named in the user agent of every AWS request: [name, version]. */
  clientName: [string, string];
}
