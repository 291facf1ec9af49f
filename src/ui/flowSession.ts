/** Opening an AWS session for a flow, and telling the user when one cannot be opened or a call fails. */
import * as vscode from 'vscode';
import { SessionFailure } from '../core/awsFailure';
import { AwsSession, openSession } from '../core/awsSession';
import { describeError } from '../core/errors';
import { redactKnownSecrets } from '../core/redact';
import { CommandDeps } from './commandDeps';
import { showErrorReport } from './errorNotification';
import { askMfaCode } from './mfaPrompt';

/** A session for the current profile, or undefined once the user has been told why there is none; nothing was sent. */
export async function openFlowSession(deps: CommandDeps): Promise<AwsSession | undefined> {
  const list = await deps.store.ready();
  const opening = await openSession({
    list,
    profileName: deps.store.choice(list).name,
    settings: deps.settings(),
    logger: deps.log,
    clientName: deps.clientName,
    askMfaCode: (serial, profile) => askMfaCode(deps.ui, serial, profile),
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
  void deps.ui.showErrorMessage(message, {}, 'Switch Profile', 'Show Logs').then((choice) => {
    if (choice === 'Switch Profile') {
      void vscode.commands.executeCommand('iamPassword.selectProfile');
    } else if (choice === 'Show Logs') {
      deps.log.show();
    }
  });
}

/**
 * Logs a failed call with the AWS CLI's line and shows what to do. `secrets` are the passwords the
 * flow holds: no AWS message should contain one, but none may ever reach the screen or the log.
 */
export function reportFailure(deps: CommandDeps, session: AwsSession, error: unknown, secrets: readonly string[] = [], retryCommand?: string): void {
  if (error instanceof SessionFailure && error.kind === 'cancelled') {
    // Like Escape in any other box: nothing to report.
    deps.log.info('Cancelled at the MFA prompt; nothing was sent.');
    return;
  }
  const raw = describeError(error, session.errorContext);
  const report = {
    ...raw,
    title: redactKnownSecrets(raw.title, secrets),
    detail: redactKnownSecrets(raw.detail, secrets),
    cliLine: redactKnownSecrets(raw.cliLine, secrets),
  };
  deps.log.error(report.cliLine);
  deps.log.error(`${report.title} ${report.detail}`);
  void showErrorReport(deps, report, session.errorContext, retryCommand);
}
