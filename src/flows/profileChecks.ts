/**
 * Who a profile signs in as, and its account's password policy: fetched at once, while the first
 * password box is open. The boxes are busy until both are here, Enter waits for what its step
 * needs, and a refusal or a failed call closes them.
 */
import * as vscode from 'vscode';
import { AwsSession } from '../aws/awsSession';
import type { CallerIdentity } from '../profiles/identity';
import { passwordAbility } from '../profiles/passwordAbility';
import { PolicyState } from '../password/passwordPolicy';
import { CommandDeps } from './commandDeps';

export interface ProfileChecks {
  profileName: string;
  /** The caller, refused or not; rejects with the call's SessionFailure. */
  identity: Promise<CallerIdentity>;
  /** Rejects with the call's SessionFailure; NoSuchEntity and AccessDenied are states, not failures. */
  policy: Promise<PolicyState>;
  /** What has arrived so far, for the open box. */
  caller?: CallerIdentity;
  knownPolicy?: PolicyState;
  /** True once the flow cannot go on: a refused identity or a failed call. Set before the promises below resolve. */
  stopped: boolean;
  /** True once the identity (the policy) is here; false when the flow stops instead. */
  identified: Promise<boolean>;
  policyArrived: Promise<boolean>;
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
        reason: vscode.l10n.t({ message: 'iamPassword.checkPasswordPolicy is off', comment: 'Why the password policy is unknown' }),
      });
  const identity = session.whoAmI(abortSignal).then((who) => {
    store.setCaller(profileName, who);
    log.info(`Profile ${profileName} signs in as ${who.arn}.`);
    checks.stopped ||= passwordAbility(session.profile, who).can === 'no';
    checks.caller = who;
    return who;
  }, stop);
  const policy = fetching.then((fetched) => {
    store.setPolicy(profileName, fetched);
    log.info(`Password policy: ${fetched.kind === 'unknown' ? `unknown (${fetched.reason})` : fetched.kind}.`);
    checks.knownPolicy = fetched;
    return fetched;
  }, stop);
  const arrived = (fact: Promise<unknown>): Promise<boolean> =>
    fact.then(
      () => !checks.stopped,
      () => false,
    );
  const checks: ProfileChecks = { profileName, identity, policy, stopped: false, identified: arrived(identity), policyArrived: arrived(policy) };
  // The flow may be over (cancelled) before one of them fails: that failure is nobody's to report.
  const both = Promise.allSettled([identity, policy]);
  void deps.ui.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('AWS IAM: checking profile {0}', profileName) }, () => both);
  return checks;
}
