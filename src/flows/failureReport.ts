/** What the user is shown when a flow is refused or a call fails, with the buttons that lead on. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { ssoLoginTerminal } from '../profiles/awsCliTerminal';
import type { AwsSession } from '../aws/awsSession';
import { describeError } from '../aws/describeFailure';
import { ErrorAction, ErrorContext, ErrorReport, SessionFailure } from '../aws/sessionFailure';
import { type CallerIdentity, consoleSignInUrl } from '../profiles/identity';
import { hideEchoedSecrets } from '../secrets/redact';
import { Button, showWithButtons } from '../window/notifications';
import { CommandDeps } from './commandDeps';

const switchProfileButton = ({ ui }: CommandDeps): Button => [l10n.t('Switch Profile'), () => ui.executeCommand('iamPassword.selectProfile')];
const showLogsButton = ({ log }: CommandDeps): Button => [l10n.t('Show Logs'), () => log.show()];

/** Why nothing can be sent with the current profile, with the way out: another profile. */
export function showRefusal(deps: CommandDeps, message: string): void {
  deps.log.warn(message);
  void showWithButtons(deps.ui.showErrorMessage, message, [switchProfileButton(deps), showLogsButton(deps)]);
}

export interface FailureReportOptions {
  /** The passwords the flow holds (the session adds what it learnt): none may ever reach the screen or the log. */
  secrets?: readonly string[];
  retryCommand?: string;
  learnt?: Pick<ErrorContext, 'caller' | 'passwordPolicyKnown'>;
  /** A new password generated or typed in this flow: offered for copying when it may have been set. */
  newPassword?: string;
}

/** Logs a failed call with the AWS CLI's line and shows what to do. */
export function reportFailure(deps: CommandDeps, session: AwsSession, error: unknown, options: FailureReportOptions = {}): void {
  if (error instanceof SessionFailure && error.kind === 'cancelled' && error.outcome === 'notChanged') {
    // Like Escape in any other box: nothing to report. Stopping the wait after sending is reported below.
    deps.log.info('Cancelled; no password was sent.');
    return;
  }
  const context = { ...session.errorContext, ...options.learnt };
  const raw = describeError(error, context);
  const known = [...(options.secrets ?? []), ...session.knownSecrets()];
  const [title, detail, cliLine] = [raw.title, raw.detail, raw.cliLine].map((text) => hideEchoedSecrets(text, known));
  const note =
    title.hidden || detail.hidden || cliLine.hidden ? ` ${l10n.t('(A value that matched one of your secrets, such as a password, was hidden.)')}` : '';
  const report = { ...raw, title: title.text, detail: `${detail.text}${note}`, cliLine: cliLine.text };
  deps.log.error(report.cliLine);
  deps.log.error(`${report.title} ${report.detail}`);
  void showErrorReport(deps, report, context, options);
}

/** The button that opens the account's console sign-in page, here and after a change; none without a sign-in URL. */
export function openConsoleSignInButton({ ui }: CommandDeps, caller: Pick<CallerIdentity, 'arn' | 'account'> | undefined): Button[] {
  const url = caller && consoleSignInUrl(caller);
  return url ? [[l10n.t('Open Console Sign-in'), () => ui.openExternal(vscode.Uri.parse(url))]] : [];
}

const copyNewPasswordButton = ({ state, log, settings }: CommandDeps, newPassword: string): Button => [
  l10n.t('Copy New Password'),
  async () => {
    await state.clipboard.copy(newPassword, settings().clipboardClearSeconds);
    log.info('The new password was copied to the clipboard.');
  },
];

/** A change that may have happened is a warning, never an error: the user must not conclude the old password still works. */
async function showErrorReport(
  deps: CommandDeps,
  report: ErrorReport,
  context: ErrorContext,
  { retryCommand, learnt, newPassword }: FailureReportOptions,
): Promise<void> {
  const { ui } = deps;
  const buttons: Record<ErrorAction, Button[]> = {
    showLogs: [showLogsButton(deps)],
    switchProfile: [switchProfileButton(deps)],
    // aws is the terminal's process (no shell quoting); none in Restricted Mode, where the report still says to run it.
    ssoLogin: ui.isWorkspaceTrusted()
      ? [[l10n.t('Run aws sso login'), () => ui.createTerminal(ssoLoginTerminal(context.profile, context.configFile, ui.remoteName() !== undefined)).show()]]
      : [],
    openSettings: [[l10n.t('Open Settings'), () => ui.executeCommand('workbench.action.openSettings', report.setting ?? 'iamPassword')]],
    retry: retryCommand ? [[l10n.t('Try Again'), () => ui.executeCommand(retryCommand)]] : [],
    openConsoleSignIn: openConsoleSignInButton(deps, learnt?.caller),
  };
  const show = report.outcome === 'notChanged' ? ui.showErrorMessage : ui.showWarningMessage;
  // The only copy of a password that may now be the console's is in this flow: keep it reachable.
  const copyNew = report.outcome !== 'notChanged' && newPassword ? [copyNewPasswordButton(deps, newPassword)] : [];
  await showWithButtons(show, `${report.title} ${report.detail}`, [...copyNew, ...report.actions.flatMap((action) => buttons[action])]);
}
