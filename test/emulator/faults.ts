/** What can go wrong on purpose. */
export type FaultKind =
  | 'latency'
  | 'serviceFailure'
  | 'throttling'
  | 'entityTemporarilyUnmodifiable'
  | 'resetBeforeApply'
  | 'resetAfterApply'
  | 'noResponse'
  | 'malformedXml';

interface FaultTarget {
  /** Only requests for this Action; any action when absent. */
  action?: string;
  /** How many matching requests it fires on: 1 by default for injectFault, every request for startup faults. */
  count?: number;
}

export type Fault = FaultTarget & ({ kind: 'latency'; ms: number } | { kind: Exclude<FaultKind, 'latency'> });

/** The faults one request gets: a delay before anything happens, then at most one failure. */
export interface FaultPlan {
  latencyMs: number;
  failure?: Exclude<FaultKind, 'latency'>;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private pending: PendingFault[] = [];

  add(fault: Fault, defaultCount: number): void {
    const remaining = fault.count ?? defaultCount;
    if (!(remaining > 0)) {
      throw new Error(`fault count must be positive, got ${fault.count}`);
    }
    if (fault.kind === 'latency' && !(fault.ms >= 0)) {
      throw new Error(`latency must be a non-negative number of milliseconds, got ${fault.ms}`);
    }
    this.pending.push({ fault, remaining });
  }

  clear(): void {
    this.pending = [];
  }

  /** Consumes the first matching latency fault and the first matching other fault, in the order added. */
  take(action: string | undefined): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 };
    let latencyTaken = false;
    for (const entry of this.pending) {
      const { fault } = entry;
      if (fault.action !== undefined && fault.action !== action) {
        continue;
      }
      if (fault.kind === 'latency') {
        if (latencyTaken) {
          continue;
        }
        latencyTaken = true;
        plan.latencyMs = fault.ms;
      } else {
        if (plan.failure !== undefined) {
          continue;
        }
        plan.failure = fault.kind;
      }
      entry.remaining -= 1;
    }
    this.pending = this.pending.filter((entry) => entry.remaining > 0);
    return plan;
  }
}
