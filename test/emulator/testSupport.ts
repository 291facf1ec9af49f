import assert from 'node:assert/strict';
import http from 'node:http';
import { createServer } from 'node:net';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POSTs a body as-is, so tests can see exactly what the emulator sends back. */
export function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A Query protocol request signed with @smithy/signature-v4, for actions and inputs no SDK would send. */
export async function postSigned(url: string, service: 'iam' | 'sts', params: Record<string, string>, credentials: SigningCredentials): Promise<RawResponse> {
  const body = new URLSearchParams(params).toString();
  const { host } = new URL(url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: host,
    path: '/',
    query: {},
    headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  return postRaw(url, body, signed.headers);
}

/** The fields every AWS SDK v3 service error carries. */
interface ServiceErrorShape {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
}

/** Awaits a rejection with this error code, HTTP status and (optionally) message, and returns the error. */
export async function expectServiceError(promise: Promise<unknown>, code: string, status: number, message?: string | RegExp): Promise<ServiceErrorShape> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}, but the call succeeded`),
    (caught: unknown) => caught as ServiceErrorShape,
  );
  assert.equal(error.name, code, `error name (message: ${error.message})`);
  assert.equal(error.$metadata?.httpStatusCode, status);
  if (typeof message === 'string') {
    assert.equal(error.message, message);
  } else if (message) {
    assert.match(error.message, message);
  }
  return error;
}

/** Polls until the condition holds; fails after two seconds. */
export async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    assert.ok(waited < 2000, 'condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : assert.fail('no port');
}
