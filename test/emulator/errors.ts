/** An AWS service error as it goes on the wire: code, HTTP status, message, fault type. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';
export const INVALID_MFA_MESSAGE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

export function accessDenied(message: string): ApiError {
  return new ApiError('AccessDenied', 403, message);
}

/** Why an IAM policy evaluation said no, in AWS's words; STS leaves the reason out. */
export type DenialReason = 'no-allow' | 'explicit-deny' | 'unstated';

export function notAuthorized(callerArn: string, action: string, resource: string, reason: DenialReason = 'no-allow'): ApiError {
  const because = {
    'no-allow': ` because no identity-based policy allows the ${action} action`,
    'explicit-deny': ' with an explicit deny in an identity-based policy',
    unstated: '',
  }[reason];
  return accessDenied(`User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}${because}`);
}

export function noSuchEntity(message: string): ApiError {
  return new ApiError('NoSuchEntity', 404, message);
}

/** One or more "1 validation error detected: ..." constraint failures, joined the way AWS joins them. */
export function validationError(failures: string[]): ApiError {
  const count = failures.length === 1 ? '1 validation error' : `${failures.length} validation errors`;
  return new ApiError('ValidationError', 400, `${count} detected: ${failures.join('; ')}`);
}
