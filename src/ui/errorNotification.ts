import * as vscode from 'vscode';
import { ErrorAction, ErrorContext, ErrorReport } from '../core/errors';
import { ui } from './window';

const LABELS: Record<ErrorAction, string> = {
  showLogs: 'Show Logs',
  switchProfile: 'Switch Profile',
  ssoLogin: 'Run aws sso login',
  openSettings: 'Open Settings',
  retry: 'Try Again',
};

/**
 * Shows what happened and what to do, with the report's actions as buttons. A change that may have
 * happened is a warning, never an error: the user must not conclude the old password still works.
 */
export async function showErrorReport(
  report: ErrorReport,
  context: ErrorContext,
  log: vscode.LogOutputChannel,
  retry?: () => void,
): Promise<void> {
  const actions = report.actions.filter((a) => a !== 'retry' || retry);
  const message = `${report.title} ${report.detail}`;
  const show = report.outcome === 'notChanged' ? ui.showErrorMessage : ui.showWarningMessage;
  const choice = await show(message, {}, ...actions.map((a) => LABELS[a]));
  const action = actions.find((a) => LABELS[a] === choice);
  switch (action) {
    case 'showLogs':
      log.show();
      break;
    case 'switchProfile':
      await vscode.commands.executeCommand('iamPassword.selectProfile');
      break;
    case 'ssoLogin':
      runSsoLogin(context);
      break;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', report.setting ?? 'iamPassword');
      break;
    case 'retry':
      retry?.();
      break;
  }
}

/**
 * The CLI's browser sign-in, in a terminal the user can watch. AWS_CONFIG_FILE names the file the
 * profile came from, so the CLI finds it even when this window's terminals would read another.
 */
function runSsoLogin({ profile, configFile }: ErrorContext): void {
  const terminal = vscode.window.createTerminal({ name: `aws sso login (${profile})`, env: { AWS_CONFIG_FILE: configFile } });
  terminal.show();
  terminal.sendText(`aws sso login --profile '${profile.replace(/'/g, `'\\''`)}'`);
}
