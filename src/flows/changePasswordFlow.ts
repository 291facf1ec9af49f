import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { SessionFailure } from '../aws/sessionFailure';
import { AwsSession } from '../aws/awsSession';
import type { CallerIdentity } from '../profiles/identity';
import { passwordAbility } from '../profiles/passwordAbility';
import { changeProblem, PolicyState } from '../password/passwordPolicy';
import { showWithButtons } from '../window/notifications';
import { CommandDeps } from './commandDeps';
import { EarlyChecks } from './earlyChecks';
import { FailureReportOptions, openConsoleSignInButton, reportFailure, showRefusal } from './failureReport';
import { openFlowSession } from './flowSession';
import { offerToRememberDevice, signInWithFoundMfa } from './mfaDiscovery';
import { askPasswords, PasswordPair } from './passwordSteps';

export type FlowResult = 'changed' | 'cancelled' | 'refused' | 'failed' | 'busy';

/** The one path to ChangePassword, palette and files: session, MFA code, the boxes while the checks run, ChangePassword, result. */
export async function changePasswordFlow(deps: CommandDeps, prefilled: Partial<PasswordPair> = {}, retryCommand?: string): Promise<FlowResult> {
  if (deps.state.changing) {
    void deps.ui.showInformationMessage(l10n.t('A password change is already in progress: finish or cancel it first.'), {});
    return 'busy';
  }
  deps.state.changing = true;
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
    deps.state.changing = false;
  }
}

async function changeWith(session: AwsSession, deps: CommandDeps, prefilled: Partial<PasswordPair>, retryCommand?: string): Promise<FlowResult> {
  const { log, ui } = deps;
  let passwords: PasswordPair | undefined;
  let learnt: FailureReportOptions['learnt'];
  const failed = (error: unknown): FlowResult => {
    const secrets = [prefilled.oldPassword, prefilled.newPassword, passwords?.oldPassword, passwords?.newPassword].filter((secret) => secret !== undefined);
    // A new password from a file is still in the file; one typed or generated here exists nowhere else.
    const newPassword = prefilled.newPassword ? undefined : passwords?.newPassword;
    reportFailure(deps, session, error, { secrets, retryCommand, learnt, newPassword });
    return error instanceof SessionFailure && error.kind === 'cancelled' && error.outcome === 'notChanged' ? 'cancelled' : 'failed';
  };
  if (session.profile.mfaSerial) {
    // The MFA box comes before the password boxes: two boxes cannot be open at once.
    try {
      await session.signIn();
    } catch (error) {
      return failed(error);
    }
  }
  // Ends the identity and policy calls once the flow is over (a timeout of 0 would let them wait for ever).
  const checksDone = new AbortController();
  const checks = new EarlyChecks(deps, session, checksDone.signal);
  try {
    passwords = await askPasswords(ui, checks, prefilled, (secret) => deps.state.clipboard.copy(secret, deps.settings().clipboardClearSeconds));
    if (!passwords && !checks.stopped) {
      log.info('Cancelled; nothing was sent.');
      return 'cancelled';
    }
    // Both passwords from a file: no box asked for the MFA code a policy may want.
    await checks.settleMfa();
    // Whatever the boxes did, nothing is sent before the identity is known to be an IAM user and the policy is here.
    let identity: CallerIdentity;
    let policy: PolicyState;
    try {
      ({ identity, policy } = await untilChecked(deps, session, checks, checksDone));
    } catch (error) {
      if (checks.refusal) {
        showRefusal(deps, checks.refusal);
        return 'refused';
      }
      return failed(error);
    }
    const ability = passwordAbility(session.profile, identity);
    if (ability.can === 'no') {
      showRefusal(deps, ability.full);
      return 'refused';
    }
    // Checks that stopped the boxes ended the flow above (a refusal or a failure): the boxes were answered.
    if (!passwords) {
      return 'cancelled';
    }
    learnt = { caller: identity, passwordPolicyKnown: policy.kind !== 'unknown' };
    return await sendChange(session, deps, passwords, identity, policy, failed);
  } finally {
    checksDone.abort();
    checks.dispose();
  }
}

/** Within the timeouts the wait is short (the status bar shows it); with a timeout of 0 it could last for ever, so it has Cancel. */
async function untilChecked(
  deps: CommandDeps,
  session: AwsSession,
  checks: EarlyChecks,
  checksDone: AbortController,
): Promise<{ identity: CallerIdentity; policy: PolicyState }> {
  const both = async (): Promise<{ identity: CallerIdentity; policy: PolicyState }> => {
    const identity = await checks.identity;
    // A refused identity is shown as such, whatever became of the policy call.
    return { identity, policy: passwordAbility(session.profile, identity).can === 'no' ? { kind: 'unknown', reason: 'not needed' } : await checks.policyState };
  };
  const { connectTimeoutSeconds, readTimeoutSeconds } = deps.settings();
  if (connectTimeoutSeconds > 0 && readTimeoutSeconds > 0) {
    return both();
  }
  return deps.ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('AWS IAM: checking profile {0}', checks.profileName), cancellable: true },
    (_progress, token) => {
      token.onCancellationRequested(() => checksDone.abort());
      return both();
    },
  );
}

async function sendChange(
  session: AwsSession,
  deps: CommandDeps,
  { oldPassword, newPassword }: PasswordPair,
  identity: CallerIdentity,
  policy: PolicyState,
  failed: (error: unknown) => FlowResult,
): Promise<FlowResult> {
  const { log, ui } = deps;
  // Values from a file skipped the boxes' checks; nothing goes out that would fail them.
  const problem = changeProblem(oldPassword, newPassword, policy);
  if (problem) {
    log.warn(`Not sent: ${problem}`);
    void ui.showErrorMessage(l10n.t({ message: '{0}. Nothing was sent.', args: [problem], comment: '{0} is what is wrong with a password' }), {});
    return 'refused';
  }
  // Cancellable: with a timeout setting of 0 nothing else would end the wait (and free the flow).
  const send = (): Thenable<void> =>
    ui.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Changing the password of IAM user {0}...', identity.name), cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return session.changePassword(oldPassword, newPassword, abort.signal);
      },
    );
  try {
    await send();
  } catch (error) {
    // A policy that denies only ChangePassword without MFA: IAM refused it (nothing applied), so once signed in with MFA it is sent again.
    if (!session.deniedWithoutMfa(error)) {
      return failed(error);
    }
    try {
      const found = await signInWithFoundMfa(deps, session);
      if (found.kind === 'refused') {
        showRefusal(deps, found.refusal);
        return 'refused';
      }
      if (found.kind === 'cancelled') {
        return failed(error);
      }
      await send();
    } catch (again) {
      return failed(again);
    }
  }
  const done = l10n.t('Password changed for IAM user {0} in account {1}.', identity.name, identity.account);
  log.info(done);
  void showWithButtons(ui.showInformationMessage, done, openConsoleSignInButton(deps, identity));
  const maxPasswordAge = policy.kind === 'account' && policy.policy.ExpirePasswords ? policy.policy.MaxPasswordAge : undefined;
  void deps.store.recordPasswordChange(identity.arn, { profile: session.profile.name, changedAt: new Date().toISOString(), maxPasswordAge });
  void offerToRememberDevice(deps, session);
  return 'changed';
}
