import { ApiError } from './errors';
import type { Caller } from './state';
import type { XmlFields } from './xml';

/** One AWS Query protocol service (IAM or STS) as the server routes to it. */
export interface QueryService {
  /** The SigV4 signing name. */
  readonly signingName: 'iam' | 'sts';
  readonly version: string;
  readonly namespace: string;
  hasAction(action: string): boolean;
  /** Runs an action for an authenticated caller; the result goes in `<ActionResult>`, undefined for none. */
  handle(action: string, params: URLSearchParams, caller: Caller): XmlFields | undefined;
}

export function invalidAction(action: string, version: string): ApiError {
  return new ApiError('InvalidAction', 400, `Could not find operation ${action} for version ${version}`);
}
