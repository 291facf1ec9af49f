import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { ApiError, SIGNATURE_MISMATCH_MESSAGE } from './errors';

/** The parts of an HTTP request that SigV4 covers. Header names are lower case. */
export interface SignedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: Buffer;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex` */
export interface AuthorizationHeader {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
export const MAX_CLOCK_SKEW_MINUTES = 15;

export function parseAuthorization(header: string | undefined): AuthorizationHeader {
  if (header === undefined || header === '') {
    throw new ApiError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
  }
  if (!header.startsWith(`${ALGORITHM} `)) {
    throw new ApiError('IncompleteSignature', 400, `Unsupported AWS 'algorithm': '${header.split(' ')[0]}'`);
  }
  const parameters = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) {
      parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
    }
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !parameters.get(name));
  if (missing.length > 0) {
    throw new ApiError('IncompleteSignature', 400, missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '));
  }
  const scope = (parameters.get('Credential') ?? '').split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || scope.some((part) => part === '')) {
    throw new ApiError(
      'IncompleteSignature',
      400,
      "Credential should be scoped to a valid region, not ''. Credential should be scoped to correct service. " +
        "Credential should be scoped with a valid terminator: 'aws4_request'.",
    );
  }
  const [accessKeyId, scopeDate, region, service] = scope;
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaders: (parameters.get('SignedHeaders') ?? '').split(';'),
    signature: parameters.get('Signature') ?? '',
  };
}

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20261332 over into 2027; a real date survives the round trip.
  return amzDate(date) === value ? date : undefined;
}

/** Parses X-Amz-Date and refuses it when it is more than 15 minutes away from `now`, in AWS's words. */
export function checkRequestTime(header: string | undefined, now: Date): Date {
  if (header === undefined) {
    throw new ApiError('IncompleteSignature', 400, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const signedAt = parseAmzDate(header);
  if (signedAt === undefined) {
    throw new ApiError('IncompleteSignature', 400, `Date must be in ISO-8601 'basic format'. Got '${header}'.`);
  }
  const skewMs = MAX_CLOCK_SKEW_MINUTES * 60_000;
  if (signedAt.getTime() < now.getTime() - skewMs) {
    const limit = amzDate(new Date(now.getTime() - skewMs));
    throw new ApiError(
      'SignatureDoesNotMatch',
      403,
      `Signature expired: ${header} is now earlier than ${limit} (${amzDate(now)} - ${MAX_CLOCK_SKEW_MINUTES} min.)`,
    );
  }
  if (signedAt.getTime() > now.getTime() + skewMs) {
    const limit = amzDate(new Date(now.getTime() + skewMs));
    throw new ApiError(
      'SignatureDoesNotMatch',
      403,
      `Signature not yet current: ${header} is still later than ${limit} (${amzDate(now)} + ${MAX_CLOCK_SKEW_MINUTES} min.)`,
    );
  }
  return signedAt;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Recomputes the signature with @smithy/signature-v4 over exactly the headers the client says it signed,
 * with the client's date, region and service, and compares it with the one sent.
 */
export async function signatureMatches(request: SignedRequest, auth: AuthorizationHeader, secretAccessKey: string, signingDate: Date): Promise<boolean> {
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) {
      return false;
    }
    headers[name] = value;
  }
  // The signer trusts a signed x-amz-content-sha256 as the payload hash, so check that it tells the truth.
  const declaredPayloadHash = headers['x-amz-content-sha256'];
  if (declaredPayloadHash !== undefined && declaredPayloadHash !== createHash('sha256').update(request.body).digest('hex')) {
    return false;
  }
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    return false;
  }
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: '', path, query: request.query, headers, body: request.body },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = parseAuthorization(signed.headers.authorization);
  return (
    expected.signedHeaders.join(';') === auth.signedHeaders.join(';') && expected.scopeDate === auth.scopeDate && sameText(expected.signature, auth.signature)
  );
}

export function signatureDoesNotMatch(): ApiError {
  return new ApiError('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH_MESSAGE);
}
