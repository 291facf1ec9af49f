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
 */
export class ArrivingFacts {
  title: string;
  /** Unknown, with why, until the policy arrives. */
  policy: PolicyState;
  private pending = 0;
  private stopped = false;
  private readonly watchers = new Set<{ changed: () => void; stop: () => void }>();
  private readonly identified: Promise<boolean>;
  private readonly policyArrived: Promise<boolean>;

  constructor(title: string, policy: PolicyState | undefined, onTheirWay?: Partial<FactsOnTheirWay>) {
    this.title = title;
    this.policy = policy ?? { kind: 'unknown', reason: l10n.t({ message: 'still being fetched', comment: 'Why the password policy is unknown' }) };
    this.identified = this.await(onTheirWay?.identified, (value) => (this.title = value));
    this.policyArrived = this.await(onTheirWay?.policy, (value) => (this.policy = value));
  }

  get busy(): boolean {
    return this.pending > 0 && !this.stopped;
  }

  /** Keeps a box's busy indicator and title current; `changed` on each arrival, `stop` when the flow must stop. */
  watch(box: BusyBox, changed: () => void, stop: () => void): () => void {
    const watcher = {
      changed: () => {
        box.busy = this.busy;
        box.title = this.title;
        changed();
      },
      stop,
    };
    box.busy = this.busy;
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /**
   * Resolves true when a step may be left: the current password once the identity is known to be an
   * IAM user, the new one once the policy is here too. False when the flow stops instead.
   */
  async readyToLeave(needsPolicy: boolean): Promise<boolean> {
    const ready = (await this.identified) && (!needsPolicy || (await this.policyArrived));
    return ready && !this.stopped;
  }

  /** True once the policy is here; false when the flow stops first. */
  policyReady(): Promise<boolean> {
    return this.policyArrived;
  }

  private await<T>(fact: Promise<T> | undefined, keep: (value: T) => void): Promise<boolean> {
    if (!fact) {
      return Promise.resolve(true);
    }
    this.pending++;
    return fact.then(
      (value) => {
        this.pending--;
        keep(value);
        for (const watcher of [...this.watchers]) {
          watcher.changed();
        }
        return !this.stopped;
      },
      () => {
        this.stopped = true;
        for (const watcher of [...this.watchers]) {
          watcher.stop();
        }
        return false;
      },
    );
  }
}
