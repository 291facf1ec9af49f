import * as vscode from 'vscode';
import { describeError, ErrorContext, isUserCancellation } from '../core/errors';
import { CallerIdentity, identityRefusal } from '../core/identity';
import { changeProblem, PolicyState } from '../core/passwordPolicy';
import { redactKnownSecrets } from '../core/redact';
import { Connection, openConnection } from './connection';
import { showErrorReport } from './errorNotification';
import { askPasswords, PasswordPair } from './passwordInput';
import { ProfileStore } from './profileStore';
import { readSettings } from './settings';
import { ui } from './window';

export interface FlowDeps {
  store: ProfileStore;
  log: vscode.LogOutputChannel;
}

export type FlowResult = 'changed' | 'cancelled' | 'refused' | 'failed' | 'busy';

let running = false;

/**
 * The one path to ChangePassword, for the palette and for change-password files:
 * profile -> who am I (refuse non-users) -> policy -> passwords -> ChangePassword -> result.
 */
export async function changePasswordFlow(
  deps: FlowDeps,
  prefilled: Partial<PasswordPair> = {},
  retry?: () => void,
): Promise<FlowResult> {
  if (running) {
    void ui.showInformationMessage('A password change is already in progress: finish or cancel it first.', {});
    return 'busy';
  }
  running = true;
  try {
    return await runFlow(deps, prefilled, retry);
  } finally {
    running = false;
  }
}

async function runFlow(deps: FlowDeps, prefilled: Partial<PasswordPair>, retry?: () => void): Promise<FlowResult> {
  const { store, log } = deps;
  const list = await store.ready();
  const profileName = store.choice(list).name;
  const settings = readSettings();
  let connection: Connection | { refusal: string };
  try {
    connection = openConnection(list, profileName, settings, log);
  } catch (error) {
    // Only local set-up fails here (an unreadable CA bundle); nothing was sent.
    const message = `Cannot prepare a connection for profile ${profileName}: ${(error as Error).message}. Nothing was sent.`;
    log.error(message);
    void ui.showErrorMessage(message, {});
    return 'refused';
  }
  if ('refusal' in connection) {
    log.warn(connection.refusal);
    void showRefusal(connection.refusal, log);
    return 'refused';
  }
  const { iam, errorContext } = connection;
  const secrets: string[] = [prefilled.oldPassword ?? '', prefilled.newPassword ?? ''];
  try {
    let identity: CallerIdentity;
    let policy: PolicyState;
    try {
      ({ identity, policy } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `AWS IAM: checking profile ${profileName}` },
        async () => {
          const who = await iam.whoAmI();
          store.setCallerArn(profileName, who.arn);
          log.info(`Profile ${profileName} signs in as ${who.arn}.`);
          if (identityRefusal(who)) {
            return { identity: who, policy: { kind: 'unknown', reason: 'not fetched' } as PolicyState };
          }
          const fetched: PolicyState = settings.checkPasswordPolicy
            ? await iam.getPasswordPolicy()
            : { kind: 'unknown', reason: 'iamPassword.checkPasswordPolicy is off' };
          store.setPolicy(profileName, fetched);
          log.info(`Password policy: ${fetched.kind === 'unknown' ? `unknown (${fetched.reason})` : fetched.kind}.`);
          return { identity: who, policy: fetched };
        },
      ));
    } catch (error) {
      if (isUserCancellation(error)) {
        log.info('Cancelled at the MFA prompt; nothing was sent.');
        return 'cancelled';
      }
      report(error, deps, errorContext, secrets, retry);
      return 'failed';
    }
    const refusal = identityRefusal(identity);
    if (refusal) {
      log.warn(refusal);
      void showRefusal(refusal, log);
      return 'refused';
    }

    const passwords = await askPasswords({
      title: `Change password: IAM user ${identity.name} (${identity.account})`,
      policy,
      prefilled,
    });
    if (!passwords) {
      log.info('Cancelled; nothing was sent.');
      return 'cancelled';
    }
    secrets.push(passwords.oldPassword, passwords.newPassword);
    // Values from a file skipped the boxes' checks; nothing goes out that would fail them.
    const problem = changeProblem(passwords.oldPassword, passwords.newPassword, policy);
    if (problem) {
      log.warn(`Not sent: ${problem}`);
      void ui.showErrorMessage(`${problem} Nothing was sent.`, {});
      return 'refused';
    }

    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Changing the password of IAM user ${identity.name}...` },
        () => iam.changePassword(passwords.oldPassword, passwords.newPassword),
      );
    } catch (error) {
      report(error, deps, errorContext, secrets, retry);
      return 'failed';
    }
    const done = `Password changed for IAM user ${identity.name} in account ${identity.account}.`;
    log.info(done);
    void ui.showInformationMessage(done, {});
    return 'changed';
  } finally {
    iam.dispose();
  }
}

function report(
  error: unknown,
  deps: FlowDeps,
  context: ErrorContext,
  secrets: readonly string[],
  retry?: () => void,
): void {
  const raw = describeError(error, context);
  // Belt and braces: no AWS message should hold a password, but none may ever reach the screen.
  const report = {
    ...raw,
    title: redactKnownSecrets(raw.title, secrets),
    detail: redactKnownSecrets(raw.detail, secrets),
    cliLine: redactKnownSecrets(raw.cliLine, secrets),
  };
  deps.log.error(report.cliLine);
  deps.log.error(`${report.title} ${report.detail}`);
  // Not awaited: the notification can stay open long after the flow is over.
  void showErrorReport(report, context, deps.log, retry);
}

async function showRefusal(message: string, log: vscode.LogOutputChannel): Promise<void> {
  const choice = await ui.showErrorMessage(message, {}, 'Switch Profile', 'Show Logs');
  if (choice === 'Switch Profile') {
    await vscode.commands.executeCommand('iamPassword.selectProfile');
  } else if (choice === 'Show Logs') {
    log.show();
  }
}
