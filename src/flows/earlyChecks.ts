/** Who the profile signs in as, and its account's password policy: fetched behind the first password box. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { AwsSession } from '../aws/awsSession';
import type { CallerIdentity } from '../profiles/identity';
import { passwordAbility } from '../profiles/passwordAbility';
import { PolicyState } from '../password/passwordPolicy';
import { CommandDeps } from './commandDeps';

export interface KnownChecks {
  readonly profileName: string;
  readonly caller: CallerIdentity | undefined;
  readonly policy: PolicyState | undefined;
  /** A refused identity or a failed call: the flow cannot go on. */
  readonly stopped: boolean;
  readonly onDidChange: vscode.Event<void>;
  /** True once the identity (the policy) is here; false when the flow stops instead. */
  readonly identified: Promise<boolean>;
  readonly policyArrived: Promise<boolean>;
}

interface Known {
  caller?: CallerIdentity;
  policy?: PolicyState;
  stopped: boolean;
}

export class EarlyChecks implements KnownChecks, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changes.event;
  readonly profileName: string;
  private known: Known = { stopped: false };
  /** The caller, refused or not; rejects with the call's SessionFailure. */
  readonly identity: Promise<CallerIdentity>;
  /** NoSuchEntity and AccessDenied are states, not failures; rejects with the call's SessionFailure. */
  readonly policyState: Promise<PolicyState>;
  readonly identified: Promise<boolean>;
  readonly policyArrived: Promise<boolean>;

  /** Starts both calls at once: neither carries a password. */
  constructor({ store, log, settings, ui }: CommandDeps, session: AwsSession, abortSignal: AbortSignal) {
    const profileName = (this.profileName = session.profile.name);
    const stop = (error: unknown): never => {
      this.learn({ stopped: true });
      throw error;
    };
    this.identity = session.whoAmI(abortSignal).then((caller) => {
      store.setCaller(profileName, caller);
      log.info(`Profile ${profileName} signs in as ${caller.arn}.`);
      this.learn({ caller, stopped: this.stopped || passwordAbility(session.profile, caller).can === 'no' });
      return caller;
    }, stop);
    const fetching: Promise<PolicyState> = settings().checkPasswordPolicy
      ? session.getPasswordPolicy(abortSignal)
      : Promise.resolve({
          kind: 'unknown',
          reason: l10n.t({ message: 'iamPassword.checkPasswordPolicy is off', comment: 'Why the password policy is unknown' }),
        });
    this.policyState = fetching.then((policy) => {
      store.setPolicy(profileName, policy);
      log.info(`Password policy: ${policy.kind === 'unknown' ? `unknown (${policy.reason})` : policy.kind}.`);
      this.learn({ policy });
      return policy;
    }, stop);
    const arrived = (fact: Promise<unknown>): Promise<boolean> =>
      fact.then(
        () => !this.stopped,
        () => false,
      );
    this.identified = arrived(this.identity);
    this.policyArrived = arrived(this.policyState);
    // A failure after the flow is over (cancelled) is nobody's to report: settled, never rejected.
    const both = Promise.allSettled([this.identity, this.policyState]);
    void ui.withProgress({ location: vscode.ProgressLocation.Window, title: l10n.t('AWS IAM: checking profile {0}', profileName) }, () => both);
  }

  get caller(): CallerIdentity | undefined {
    return this.known.caller;
  }

  get policy(): PolicyState | undefined {
    return this.known.policy;
  }

  get stopped(): boolean {
    return this.known.stopped;
  }

  dispose(): void {
    this.changes.dispose();
  }

  private learn(fact: Partial<Known>): void {
    this.known = { ...this.known, ...fact };
    this.changes.fire();
  }
}
