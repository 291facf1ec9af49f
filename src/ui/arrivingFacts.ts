import { l10n } from 'vscode';
import { PolicyState } from '../core/passwordPolicy';
import type { ProfileChecks } from './profileChecks';

/** The parts of an input box the facts change. */
interface BusyBox {
  busy: boolean;
  title: string | undefined;
}

/**
 * The identity and the password policy, fetched while the first password box is open: the boxes
 * are busy until both are here, Enter waits for what its step needs, and a failure closes them.
 * One box is open at a time, so one is watched.
 */
export class ArrivingFacts {
  title: string;
  /** Unknown, with why, until the policy arrives. */
  policy: PolicyState = { kind: 'unknown', reason: l10n.t({ message: 'still being fetched', comment: 'Why the password policy is unknown' }) };
  /** True once the policy is here; false when the flow stops first. */
  readonly policyArrived: Promise<boolean>;
  private readonly identified: Promise<boolean>;
  private pending = 2;
  private watcher: { changed: () => void; stop: () => void } | undefined;

  /** `title` until the identity names the user; `checks.stopped` (a refusal, a failed call) closes the boxes. */
  constructor(
    title: string,
    private readonly checks: ProfileChecks,
  ) {
    this.title = title;
    this.identified = this.arrival(checks.identity, (who) => {
      this.title = l10n.t({ message: 'Change password: IAM user {0} ({1})', args: [who.name, who.account], comment: '{0} is a user name, {1} an account ID' });
    });
    this.policyArrived = this.arrival(checks.policy, (value) => (this.policy = value));
  }

  /** Keeps the open box's busy indicator and title current; `changed` on each arrival, `stop` when the flow must stop. */
  watch(box: BusyBox, changed: () => void, stop: () => void): () => void {
    const update = (): void => {
      box.busy = this.pending > 0 && !this.checks.stopped;
      box.title = this.title;
    };
    update();
    this.watcher = {
      changed: () => {
        update();
        changed();
      },
      stop,
    };
    return () => (this.watcher = undefined);
  }

  /**
   * Resolves true when a step may be left: the current password once the identity is known to be an
   * IAM user, the new one once the policy is here too. False when the flow stops instead.
   */
  async readyToLeave(needsPolicy: boolean): Promise<boolean> {
    const ready = (await this.identified) && (!needsPolicy || (await this.policyArrived));
    return ready && !this.checks.stopped;
  }

  /** Resolves true once the fact is here, false when the flow stops instead (checks.stopped is set first). */
  private arrival<T>(fact: Promise<T>, keep: (value: T) => void): Promise<boolean> {
    const stop = (): false => {
      this.watcher?.stop();
      return false;
    };
    return fact.then((value) => {
      if (this.checks.stopped) {
        return stop();
      }
      this.pending--;
      keep(value);
      this.watcher?.changed();
      return true;
    }, stop);
  }
}
