/** Who the profile signs in as, and its account's password policy: fetched behind the first password box. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { AwsSession, PolicyAnswer } from '../aws/awsSession';
import { MfaCancelledError, SessionFailure } from '../aws/sessionFailure';
import type { CallerIdentity } from '../profiles/identity';
import { passwordAbility } from '../profiles/passwordAbility';
import { PolicyState } from '../password/passwordPolicy';
import { CommandDeps } from './commandDeps';
import { deniedEvenWithMfa, signInWithFoundMfa } from './mfaDiscovery';

export interface KnownChecks {
  readonly profileName: string;
  readonly caller: CallerIdentity | undefined;
  readonly policy: PolicyState | undefined;
  /** A refused identity or a failed call: the flow cannot go on. */
  readonly stopped: boolean;
  /** Why the flow cannot go on, when it is no failed call (no MFA device the API can use). */
  readonly refusal: string | undefined;
  readonly onDidChange: vscode.Event<void>;
  /** True once the identity (the policy) is here; false when the flow stops instead. */
  readonly identified: Promise<boolean>;
  readonly policyArrived: Promise<boolean>;
  /** Once the policy call answered: if a policy denied it without MFA, the device's code is asked (no box may be open) and the calls go on with MFA. */
  settleMfa(): Promise<void>;
}

interface Known {
  caller?: CallerIdentity;
  policy?: PolicyState;
  stopped: boolean;
  refusal?: string;
}

/** A promise and its resolve and reject, for a step another part of the flow takes. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((ok, fail) => ([resolve, reject] = [ok, fail]));
  return { promise, resolve, reject };
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
  /** True when the policy call was denied without MFA; false once it answered otherwise. */
  private readonly needsMfa = deferred<boolean>();
  /** Resolved once signed in with a found device; the policy is then fetched again. */
  private readonly signedInWithMfa = deferred<void>();
  private mfaSettled?: Promise<void>;

  /** Starts both calls at once: neither carries a password. */
  constructor(
    private readonly deps: CommandDeps,
    private readonly session: AwsSession,
    private readonly abortSignal: AbortSignal,
  ) {
    const { store, log, settings, ui } = deps;
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
      ? this.fetchPolicy()
      : Promise.resolve({
          kind: 'unknown',
          reason: l10n.t({ message: 'iamPassword.checkPasswordPolicy is off', comment: 'Why the password policy is unknown' }),
        });
    this.policyState = fetching.then(
      (policy) => {
        // Also when no policy call is made (checkPasswordPolicy off): nothing waits for an MFA that was never asked for.
        this.needsMfa.resolve(false);
        store.setPolicy(profileName, policy);
        log.info(`Password policy: ${policy.kind === 'unknown' ? `unknown (${policy.reason})` : policy.kind}.`);
        this.learn({ policy });
        return policy;
      },
      (error: unknown) => {
        this.needsMfa.resolve(false);
        return stop(error);
      },
    );
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

  get refusal(): string | undefined {
    return this.known.refusal;
  }

  settleMfa(): Promise<void> {
    return (this.mfaSettled ??= this.signInIfNeeded());
  }

  dispose(): void {
    this.changes.dispose();
  }

  /** With MFA found and signed in, the policy again: its rules for the new-password box. */
  private async fetchPolicy(): Promise<PolicyState> {
    const first: PolicyAnswer = await this.session.getPasswordPolicy(this.abortSignal);
    if (first.kind !== 'needsMfa') {
      this.needsMfa.resolve(false);
      return first;
    }
    this.needsMfa.resolve(true);
    await this.signedInWithMfa.promise;
    const again = await this.session.getPasswordPolicy(this.abortSignal);
    // Not again: with a device in use the session no longer counts as one that could use MFA.
    return again.kind === 'needsMfa' ? { kind: 'unknown', reason: deniedEvenWithMfa() } : again;
  }

  /** Never rejects: a failure or a refusal stops the checks, and the flow reports it. */
  private async signInIfNeeded(): Promise<void> {
    if (!(await this.needsMfa.promise)) {
      return;
    }
    try {
      const found = await signInWithFoundMfa(this.deps, this.session, this.abortSignal);
      if (found.kind === 'signedIn') {
        this.signedInWithMfa.resolve();
        return;
      }
      if (found.kind === 'refused') {
        this.learn({ refusal: found.refusal });
      }
      this.signedInWithMfa.reject(new SessionFailure('GetSessionToken', new MfaCancelledError(), []));
    } catch (error) {
      this.signedInWithMfa.reject(error);
    }
  }

  private learn(fact: Partial<Known>): void {
    this.known = { ...this.known, ...fact };
    this.changes.fire();
  }
}
