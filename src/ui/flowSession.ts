/** Opening an AWS session for a flow, and telling the user when one cannot be opened or a call fails. */
import vscode = require('vscode');
import { l10n } from 'vscode';
import { ssoLoginTerminal } from '../core/awsCliTerminal';
import { AwsSession, openSession } from '../core/awsSession';
import { describeError } from '../core/failure/describeFailure';
import { ErrorAction, ErrorContext, ErrorReport, SessionFailure } from '../core/failure/sessionFailure';
import { consoleSignInUrl } from '../core/identity';
import { profileRefusal } from '../core/profileRefusal';
import { hideEchoedSecrets } from '../core/redact';
import { CommandDeps } from './commandDeps';
import { askMfaCode } from './mfaPrompt';
import { copySecret } from './secretClipboard';
import { allowedInRestrictedMode } from './restrictedMode';

/** What the session is for: a profile that can never change a password may still read the policy. */
export type SessionPurpose = 'changePassword' | 'readPolicy';

/** A session for the current profile, or undefined once the user has been told why there is none; nothing was sent. */
export async function openFlowSession(deps: CommandDeps, purpose: SessionPurpose): Promise<AwsSession | undefined> {
  const list = await deps.store.ready();
  const profileName = deps.store.choice(list).name;
  // Before any MFA prompt, SSO sign-in or request: a role cannot change a console password, whatever AWS would say.
  const profile = list.profiles.find((p) => p.name === profileName);
  const refused = purpose === 'changePassword' && profile ? profileRefusal(profile) : undefined;
  if (refused) {
    showRefusal(deps, refused.full);
    return undefined;
  }
  if (!(await allowedInRestrictedMode(deps, list, profileName))) {
    return undefined;
  }
  const opening = await openSession({
    list,
    profileName,
    settings: deps.settings(),
    logger: deps.log,
    clientName: deps.clientName,
    mfaSessions: deps.state.mfaSessions,
    askMfaCode: (serial, name) => askMfaCode(deps.ui, serial, name),
  });
  if ('refusal' in opening) {
    showRefusal(deps, opening.refusal);
    return undefined;
  }
  return opening.session;
}

/** Why nothing can be sent with the current profile, with the way out: another profile. */
export function showRefusal(deps: CommandDeps, message: string): void {
  deps.log.warn(message);
  // Not awaited: the notification can stay open long after the flow is over.
  const switchProfile = l10n.t('Switch Profile');
  const showLogs = l10n.t('Show Logs');
  void deps.ui.showErrorMessage(message, {}, switchProfile, showLogs).then((choice) => {
    if (choice === switchProfile) {
      void deps.ui.executeCommand('iamPassword.selectProfile');
    } else if (choice === showLogs) {
      deps.log.show();
    }
  });
}

export interface FailureReportOptions {
  /** The passwords the flow holds (the session adds what it learnt): none may ever reach the screen or the log. */
  secrets?: readonly string[];
  /** The command Try Again runs. */
  retryCommand?: string;
  /** What the flow learnt before the failure. */
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

/** The button that opens the account's console sign-in page, here and after a change. */
export const openConsoleSignInLabel = (): string => l10n.t('Open Console Sign-in');

/**
 * Shows what happened and what to do, with the report's actions as buttons. A change that may have
 * happened is a warning, never an error: the user must not conclude the old password still works.
 */
async function showErrorReport(
  deps: CommandDeps,
  report: ErrorReport,
  context: ErrorContext,
  { retryCommand, learnt, newPassword }: FailureReportOptions,
): Promise<void> {
  const { ui, log } = deps;
  const signInUrl = learnt?.caller && consoleSignInUrl(learnt.caller);
  // Each action's button and what it does; the answer is compared with the same translated label.
  const buttons: Record<ErrorAction, [string, () => unknown]> = {
    showLogs: [l10n.t('Show Logs'), () => log.show()],
    switchProfile: [l10n.t('Switch Profile'), () => ui.executeCommand('iamPassword.selectProfile')],
    // The CLI's browser sign-in, in a terminal the user can watch: aws is the terminal's process, no shell quoting.
    ssoLogin: [l10n.t('Run aws sso login'), () => ui.createTerminal(ssoLoginTerminal(context.profile, context.configFile)).show()],
    openSettings: [l10n.t('Open Settings'), () => ui.executeCommand('workbench.action.openSettings', report.setting ?? 'iamPassword')],
    retry: [l10n.t('Try Again'), () => retryCommand && ui.executeCommand(retryCommand)],
    openConsoleSignIn: [openConsoleSignInLabel(), () => signInUrl && ui.openExternal(vscode.Uri.parse(signInUrl))],
  };
  // No terminal in Restricted Mode: the report still says to run aws sso login.
  const trusted = ui.isWorkspaceTrusted();
  const actions = report.actions.filter((a) => (a !== 'retry' || retryCommand) && (a !== 'openConsoleSignIn' || signInUrl) && (a !== 'ssoLogin' || trusted));
  const show = report.outcome === 'notChanged' ? ui.showErrorMessage : ui.showWarningMessage;
  // The only copy of a password that may now be the console's is in this flow: keep it reachable.
  const copyNew = report.outcome !== 'notChanged' && newPassword ? l10n.t('Copy New Password') : undefined;
  const choice = await show(`${report.title} ${report.detail}`, {}, ...(copyNew ? [copyNew] : []), ...actions.map((a) => buttons[a][0]));
  if (copyNew && newPassword && choice === copyNew) {
    await copySecret(ui, newPassword, deps.settings().clipboardClearSeconds);
    log.info('The new password was copied to the clipboard.');
    return;
  }
  const chosen = actions.find((a) => buttons[a][0] === choice);
  if (chosen) {
    await buttons[chosen][1]();
  }
}
