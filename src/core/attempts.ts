/** What happened on the wire during one operation, attempt by attempt (the SDK retries). */

export interface AttemptRecord {
  operation: string;
  /** False only when the request certainly never reached the server (refused, DNS, TLS, connect timeout). */
  sent: boolean;
  /** HTTP status when a response came back. */
  status?: number;
  requestId?: string;
  /** Name, code and message of a transport failure; never contains a request body. */
  networkError?: string;
}

/** An SDK or transport failure, with the operation it belongs to and every attempt made. */
export class OperationError extends Error {
  readonly code: string;

  constructor(
    readonly operation: string,
    readonly error: unknown,
    readonly attempts: readonly AttemptRecord[],
  ) {
    super(errorMessage(error));
    this.name = 'OperationError';
    this.code = errorCode(error);
  }
}

/**
 * True for an OperationError from either bundle: dist/iam.js and dist/extension.js each hold their
 * own copy of the class, so instanceof cannot be trusted across them.
 */
export function isOperationError(error: unknown): error is OperationError {
  const e = error as Partial<OperationError> | undefined;
  return e?.name === 'OperationError' && typeof e.operation === 'string' && Array.isArray(e.attempts);
}

/** The AWS error code (`AccessDenied`), a Node error code (`ECONNREFUSED`) or the error's name. */
export function errorCode(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; Code?: unknown } | undefined;
  // The SDK names a reset socket TimeoutError; its Node code says what really happened.
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && e.code !== 'ETIMEDOUT') {
    return e.code;
  }
  for (const candidate of [e?.Code, e?.name, e?.code]) {
    if (typeof candidate === 'string' && candidate && candidate !== 'Error') {
      // Modelled IAM errors arrive as e.g. InvalidUserTypeException; the wire code has no suffix.
      return candidate.replace(/Exception$/, '');
    }
  }
  return typeof e?.code === 'string' ? e.code : 'Error';
}

export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Node's codes for a TLS handshake that failed on the certificate: nothing was sent. */
export const TLS_ERROR_CODES: ReadonlySet<string> = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  ...TLS_ERROR_CODES,
]);

/** True when a transport error proves the request body never left this machine. */
export function wasNeverSent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && NEVER_SENT_CODES.has(code)) {
    return true;
  }
  return /did not establish a connection/.test(errorMessage(error));
}
