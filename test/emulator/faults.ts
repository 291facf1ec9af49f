import { ApiError } from './errors';
import { errorXml } from './xml';

/** What can go wrong on purpose. */
export type FaultKind =
  | 'latency'
  | 'serviceFailure'
  | 'throttling'
  | 'entityTemporarilyUnmodifiable'
  | 'badGateway'
  | 'serviceUnavailable'
  | 'gatewayTimeout'
  | 'garbage200'
  | 'html200'
  | 'json200'
  | 'resetBeforeApply'
  | 'resetAfterApply'
  | 'noResponse'
  | 'malformedXml';

/** Faults that answer in place of the emulator: before it runs the request, or (afterApply) once it has. */
export type AnswerFault = Exclude<FaultKind, 'latency' | 'resetBeforeApply' | 'resetAfterApply' | 'malformedXml'>;

interface FaultTarget {
  /** Only requests for this Action; any action when absent. */
  action?: string;
  /** How many matching requests it fires on: 1 by default for injectFault, every request for startup faults. */
  count?: number;
}

export type Fault = FaultTarget &
  ({ kind: 'latency'; ms: number } | { kind: 'resetBeforeApply' | 'resetAfterApply' | 'malformedXml' } | { kind: AnswerFault; afterApply?: boolean });

/** The faults one request gets: a delay before anything happens, then at most one failure. */
export interface FaultPlan {
  latencyMs: number;
  failure?: Exclude<FaultKind, 'latency'>;
  /** The request is run (and a ChangePassword applied) before the failure; false for an answer fault unless asked. */
  afterApply: boolean;
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
    const plan: FaultPlan = { latencyMs: 0, afterApply: false };
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
        plan.afterApply = fault.kind === 'resetAfterApply' || fault.kind === 'malformedXml' || ('afterApply' in fault && fault.afterApply === true);
      }
      entry.remaining -= 1;
    }
    this.pending = this.pending.filter((entry) => entry.remaining > 0);
    return plan;
  }
}

export interface FaultAnswerText {
  status: number;
  body: string;
  contentType: string;
  /** The AWS error code it carries, if it is an AWS error. */
  code?: string;
}

/** A gateway's own error page, as proxies and load balancers in front of a service send them. */
function gatewayPage(status: number, reason: string): FaultAnswerText {
  const body = `<!DOCTYPE html>\n<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center><hr><center>gateway</center></body></html>\n`;
  return { status, body, contentType: 'text/html' };
}

/** What a fault sends back; undefined for a reset or no answer. `processedBody` is the emulator's own answer, when it ran the request. */
export function faultAnswer(
  kind: Exclude<FaultKind, 'latency'>,
  namespace: string,
  requestId: string,
  processedBody: string | undefined,
): FaultAnswerText | undefined {
  const awsError = (error: ApiError): FaultAnswerText => ({
    status: error.status,
    body: errorXml(namespace, error, requestId),
    contentType: 'text/xml',
    code: error.code,
  });
  switch (kind) {
    case 'serviceFailure':
      return awsError(new ApiError('ServiceFailure', 500, 'Request processing has failed because of an unknown error, exception or failure.', 'Receiver'));
    case 'throttling':
      return awsError(new ApiError('Throttling', 400, 'Rate exceeded'));
    case 'entityTemporarilyUnmodifiable':
      return awsError(new ApiError('EntityTemporarilyUnmodifiable', 409, 'The entity is temporarily unmodifiable. Try again later.'));
    case 'badGateway':
      return gatewayPage(502, 'Bad Gateway');
    case 'serviceUnavailable':
      return gatewayPage(503, 'Service Temporarily Unavailable');
    case 'gatewayTimeout':
      return gatewayPage(504, 'Gateway Time-out');
    case 'garbage200':
      return { status: 200, body: 'OK\u0000\u0007 not xml', contentType: 'text/xml' };
    case 'html200':
      return {
        status: 200,
        body: '<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><p>Accept the terms to continue.</p></body></html>\n',
        contentType: 'text/html',
      };
    case 'json200':
      return { status: 200, body: '{"status":"ok"}', contentType: 'application/json' };
    case 'malformedXml': {
      // Cut inside an element, so no XML parser can accept it.
      const body = processedBody ?? '';
      return { status: 200, body: body.slice(0, Math.floor(body.length / 2)), contentType: 'text/xml' };
    }
    case 'resetBeforeApply':
    case 'resetAfterApply':
    case 'noResponse':
      return undefined;
  }
}
