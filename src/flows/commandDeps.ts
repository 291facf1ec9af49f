import vscode = require('vscode');
import type { FlowState } from './flowState';
import type { ProfileStore } from '../activeProfile/profileStore';
import type { ExtensionSettings } from '../window/settings';
import type { WindowApi } from '../window/windowApi';

/** What activate() builds once and hands to the command handlers. */
export interface ActivationDeps {
  store: ProfileStore;
  log: vscode.LogOutputChannel;
  ui: WindowApi;
  settings: () => ExtensionSettings;
  /** Named in the user agent of every AWS request: [name, version]. */
  clientName: [string, string];
}

/** What every command handler gets: the above, and the state the flows keep between commands. */
export interface CommandDeps extends ActivationDeps {
  /** The change lock and the MFA sessions, cleared when the extension is disposed. */
  state: FlowState;
}
