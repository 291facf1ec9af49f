import vscode = require('vscode');
import { l10n } from 'vscode';
import { SessionFailure } from '../core/awsFailure';
import { AwsSession } from '../core/awsSession';
import { CallerIdentity, consoleSignInUrl, identityRefusal } from '../core/identity';
import { changeProblem, PolicyState } from '../core/passwordPolicy';
import { CommandDeps } from './commandDeps';
import { openConsoleSignInLabel } from './errorNotification';
import { openFlowSession, reportFailure, showRefusal } from './flowSession';
import { askPasswords, PasswordPair } from './passwordInput';

export type FlowResult = 'changed' | 'cancelled' | 'refused' | 'failed' | 'busy';

let running = false;

/**
 * The one path to ChangePassword, for the palette and for change-password files:
 * profile -> who am I (refuse non-users) -> policy -> passwords -> ChangePassword -> result.
 * `retryCommand` is offered on failures worth retrying.
 */
export async function changePasswordFlow(deps: CommandDeps, prefilled: Partial<PasswordPair> = {}, retryCommand?: string): Promise<FlowResult> {
  if (running) {
    void deps.ui.showInformationMessage(l10n.t('A password change is already in progress: finish or cancel it first.'), {});
    return 'busy';
  }
  running = true;
  try {
    const session = await openFlowSession(deps, 'changePassword');
    if (!session) {
      return 'refused';
    }
    try {
      return await changeWith(session, deps, prefilled, retryCommand);
    } finally {
      session.dispose();
    }
  } finally {
    running = false;
  }
}

async function changeWith(session: AwsSession, deps: CommandDeps, prefilled: Partial<PasswordPair>, retryCommand?: string): Promise<FlowResult> {
  const { store, log, ui } = deps;
  const profileName = session.profile.name;
  const secrets: string[] = [prefilled.oldPassword ?? '', prefilled.newPassword ?? ''];
  let identity: CallerIdentity;
  let policy: PolicyState;
  const { connectTimeoutSeconds, readTimeoutSeconds } = deps.settings();
  // In the status bar while the timeouts bound the wait; with a timeout of 0, a notification with Cancel.
  const unbounded = connectTimeoutSeconds === 0 || readTimeoutSeconds === 0;
  try {
    ({ identity, policy } = await vscode.window.withProgress(
      {
        location: unbounded ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: l10n.t('AWS IAM: checking profile {0}', profileName),
        cancellable: unbounded,
      },
      async (_progress, token) => {
        const signal = abortOn(token);
        const who = await session.whoAmI(signal);
        store.setCallerArn(profileName, who.arn);
        log.info(`Profile ${profileName} signs in as ${who.arn}.`);
        if (identityRefusal(who)) {
          // Never shown: the identity is refused before any password box.
          return { identity: who, policy: { kind: 'unknown', reason: 'not fetched' } as PolicyState };
        }
        const fetched: PolicyState = deps.settings().checkPasswordPolicy
          ? await session.getPasswordPolicy(signal)
          : { kind: 'unknown', reason: l10n.t({ message: 'iamPassword.checkPasswordPolicy is off', comment: 'Why the password policy is unknown' }) };
        store.setPolicy(profileName, fetched);
        log.info(`Password policy: ${fetched.kind === 'unknown' ? `unknown (${fetched.reason})` : fetched.kind}.`);
        return { identity: who, policy: fetched };
      },
    ));
  } catch (error) {
    reportFailure(deps, session, error, { secrets, retryCommand });
    return error instanceof SessionFailure && error.kind === 'cancelled' ? 'cancelled' : 'failed';
  }
  const refusal = identityRefusal(identity);
  if (refusal) {
    showRefusal(deps, refusal);
    return 'refused';
  }

  const title = l10n.t({ message: 'Change password: IAM user {0} ({1})', args: [identity.name, identity.account], comment: '{0} is a user name, {1} an account ID' });
  const passwords = await askPasswords(ui, { title, policy, prefilled, userInputs: [identity.name, identity.account, profileName] });
  if (!passwords) {
    log.info('Cancelled; nothing was sent.');
    return 'cancelled';
  }
  secrets.push(passwords.oldPassword, passwords.newPassword);
  // Values from a file skipped the boxes' checks; nothing goes out that would fail them.
  const problem = changeProblem(passwords.oldPassword, passwords.newPassword, policy);
  if (problem) {
    log.warn(`Not sent: ${problem}`);
    void ui.showErrorMessage(`${problem} ${l10n.t('Nothing was sent.')}`, {});
    return 'refused';
  }

  try {
    // Cancellable: with a timeout setting of 0 nothing else would end the wait (and free the flow).
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Changing the password of IAM user {0}...', identity.name), cancellable: true },
      (_progress, token) => session.changePassword(passwords.oldPassword, passwords.newPassword, abortOn(token)),
    );
  } catch (error) {
    const learnt = { caller: identity, passwordPolicyKnown: policy.kind !== 'unknown' };
    // A new password from a file is still in the file; one typed or generated here exists nowhere else.
    const newPassword = prefilled.newPassword ? undefined : passwords.newPassword;
    reportFailure(deps, session, error, { secrets, retryCommand, learnt, newPassword });
    return error instanceof SessionFailure && error.kind === 'cancelled' && error.outcome === 'notChanged' ? 'cancelled' : 'failed';
  }
  const done = l10n.t('Password changed for IAM user {0} in account {1}.', identity.name, identity.account);
  log.info(done);
  void offerConsoleSignIn(deps, done, identity);
  return 'changed';
}

/** What everyone does next: sign in with the new password. Not awaited: the message may stay open. */
async function offerConsoleSignIn({ ui }: CommandDeps, message: string, identity: CallerIdentity): Promise<void> {
  const url = consoleSignInUrl(identity);
  const openSignIn = openConsoleSignInLabel();
  const choice = await ui.showInformationMessage(message, {}, ...(url ? [openSignIn] : []));
  if (choice === openSignIn && url) {
    await ui.openExternal(vscode.Uri.parse(url));
  }
}

/** The AbortSignal the SDK takes, for a progress's Cancel. */
function abortOn(token: vscode.CancellationToken): AbortSignal {
  const abort = new AbortController();
  token.onCancellationRequested(() => abort.abort());
  return abort.signal;
}
