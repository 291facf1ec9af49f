/** Who a profile signs in as, and its account's password policy: fetched at once, while the first password box is open. */
import vscode = require('vscode');
import { l10n } from 'vscode';
import { AwsSession } from '../core/awsSession';
import { CallerIdentity, identityRefusal } from '../core/identity';
import { PolicyState } from '../core/passwordPolicy';
import { CommandDeps } from './commandDeps';

export interface ProfileChecks {
  /** The caller, refused or not; rejects with the call's SessionFailure. */
  identity: Promise<CallerIdentity>;
  /** Rejects with the call's SessionFailure; NoSuchEntity and AccessDenied are states, not failures. */
  policy: Promise<PolicyState>;
  /** True once the flow cannot go on: a refused identity or a failed call. Set before any box learns of it. */
  stopped: boolean;
}

/** Starts both calls; neither carries a password, so neither waits for the other. */
export function startProfileChecks(deps: CommandDeps, session: AwsSession, abortSignal: AbortSignal): ProfileChecks {
  const { store, log } = deps;
  const profileName = session.profile.name;
  const stop = (error: unknown): never => {
    checks.stopped = true;
    throw error;
  };
  const fetching: Promise<PolicyState> = deps.settings().checkPasswordPolicy
    ? session.getPasswordPolicy(abortSignal)
    : Promise.resolve({
        kind: 'unknown',
        reason: l10n.t({ message: 'iamPassword.checkPasswordPolicy is off', comment: 'Why the password policy is unknown' }),
      });
  const checks: ProfileChecks = {
    stopped: false,
    identity: session.whoAmI(abortSignal).then((who) => {
      store.setCallerArn(profileName, who.arn);
      log.info(`Profile ${profileName} signs in as ${who.arn}.`);
      checks.stopped ||= identityRefusal(who) !== undefined;
      return who;
    }, stop),
    policy: fetching.then((fetched) => {
      store.setPolicy(profileName, fetched);
      log.info(`Password policy: ${fetched.kind === 'unknown' ? `unknown (${fetched.reason})` : fetched.kind}.`);
      return fetched;
    }, stop),
  };
  // The flow may be over (cancelled) before one of them fails: that failure is nobody's to report.
  const both = Promise.allSettled([checks.identity, checks.policy]);
  void deps.ui.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('AWS IAM: checking profile {0}', profileName) }, () => both);
  return checks;
}
