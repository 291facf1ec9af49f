import { l10n } from 'vscode';
import { PolicyState } from '../core/passwordPolicy';

/** What the password boxes learn while they are already open. */
export interface FactsOnTheirWay {
  /** Resolves with the title naming the IAM user; rejects when the flow must stop (a refusal, a failed call). */
  identified: Promise<string>;
  policy: Promise<PolicyState>;
}

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
  private stopped = false;
  private watcher: { changed: () => void; stop: () => void } | undefined;

  constructor(title: string, { identified, policy }: FactsOnTheirWay) {
    this.title = title;
    this.identified = this.arrival(identified, (value) => (this.title = value));
    this.policyArrived = this.arrival(policy, (value) => (this.policy = value));
  }

  /** Keeps the open box's busy indicator and title current; `changed` on each arrival, `stop` when the flow must stop. */
  watch(box: BusyBox, changed: () => void, stop: () => void): () => void {
    const update = (): void => {
      box.busy = this.pending > 0 && !this.stopped;
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
    return ready && !this.stopped;
  }

  private arrival<T>(fact: Promise<T>, keep: (value: T) => void): Promise<boolean> {
    return fact.then(
      (value) => {
        this.pending--;
        keep(value);
        this.watcher?.changed();
        return !this.stopped;
      },
      () => {
        this.stopped = true;
        this.watcher?.stop();
        return false;
      },
    );
  }
}
