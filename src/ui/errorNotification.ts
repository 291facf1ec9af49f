import vscode = require('vscode');
import { l10n } from 'vscode';
import { ssoLoginTerminal } from '../core/awsCliTerminal';
import { ErrorAction, ErrorContext, ErrorReport } from '../core/failure/sessionFailure';
import { CommandDeps } from './commandDeps';
import { copySecret } from './secretClipboard';
import type { WindowApi } from './window';

/** The button that opens the account's console sign-in page, here and after a change. */
export const openConsoleSignInLabel = (): string => l10n.t('Open Console Sign-in');

/** Each action's button; the answer is compared with the same translated label. */
function actionLabel(action: ErrorAction): string {
  switch (action) {
    case 'showLogs':
      return l10n.t('Show Logs');
    case 'switchProfile':
      return l10n.t('Switch Profile');
    case 'ssoLogin':
      return l10n.t('Run aws sso login');
    case 'openSettings':
      return l10n.t('Open Settings');
    case 'retry':
      return l10n.t('Try Again');
    case 'openConsoleSignIn':
      return openConsoleSignInLabel();
  }
}

interface ReportActions {
  /** The command the Try Again button runs; without one the button is not offered. */
  retryCommand?: string;
  /** The account's console sign-in page; without one the button is not offered. */
  signInUrl?: string;
  /** A new password generated or typed in this flow: Copy New Password is offered when it may have been set. */
  newPassword?: string;
}

/**
 * Shows what happened and what to do, with the report's actions as buttons. A change that may have
 * happened is a warning, never an error: the user must not conclude the old password still works.
 */
export async function showErrorReport(
  deps: CommandDeps,
  report: ErrorReport,
  context: ErrorContext,
  { retryCommand, signInUrl, newPassword }: ReportActions = {},
): Promise<void> {
  // No terminal in Restricted Mode: the report still says to run aws sso login.
  const trusted = deps.ui.isWorkspaceTrusted();
  const actions = report.actions.filter((a) => (a !== 'retry' || retryCommand) && (a !== 'openConsoleSignIn' || signInUrl) && (a !== 'ssoLogin' || trusted));
  const message = `${report.title} ${report.detail}`;
  const show = report.outcome === 'notChanged' ? deps.ui.showErrorMessage : deps.ui.showWarningMessage;
  const labels = actions.map(actionLabel);
  // The only copy of a password that may now be the console's is in this flow: keep it reachable.
  const copyNew = report.outcome !== 'notChanged' && newPassword ? l10n.t('Copy New Password') : undefined;
  const choice = await show(message, {}, ...(copyNew ? [copyNew] : []), ...labels);
  if (copyNew && newPassword && choice === copyNew) {
    await copySecret(deps.ui, newPassword, deps.settings().clipboardClearSeconds);
    deps.log.info('The new password was copied to the clipboard.');
    return;
  }
  switch (actions[labels.indexOf(choice ?? '')]) {
    case 'showLogs':
      deps.log.show();
      break;
    case 'switchProfile':
      await deps.ui.executeCommand('iamPassword.selectProfile');
      break;
    case 'ssoLogin':
      runSsoLogin(deps.ui, context);
      break;
    case 'openSettings':
      await deps.ui.executeCommand('workbench.action.openSettings', report.setting ?? 'iamPassword');
      break;
    case 'retry':
      if (retryCommand) {
        await deps.ui.executeCommand(retryCommand);
      }
      break;
    case 'openConsoleSignIn':
      if (signInUrl) {
        await deps.ui.openExternal(vscode.Uri.parse(signInUrl));
      }
      break;
  }
}

/** The CLI's browser sign-in, in a terminal the user can watch: aws is the terminal's process, no shell quoting. */
function runSsoLogin(ui: WindowApi, { profile, configFile }: ErrorContext): void {
  ui.createTerminal(ssoLoginTerminal(profile, configFile)).show();
}
