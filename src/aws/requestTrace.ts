// The handler every SDK client of a session sends through, the credential chain's too: each attempt is logged (redacted) and recorded.
import type { HttpHandler, HttpRequest, HttpResponse } from '@smithy/core/protocols';
import type { NodeHttpHandler, NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { HttpHandlerOptions } from '@smithy/types';
import type { Readable } from 'node:stream';
import type { ConnectionWatch } from './connectionWatch';
import type { HostRoutes } from './hostProxy';
import { Logger } from './log';
import { ProxyFailure } from './proxyAgent';
import { redactCommandLine, redactHeaders, redactKnownSecrets, redactQueryString, redactResponseBody } from '../secrets/redact';

export interface AttemptRecord {
  /** False only when the request certainly never left this machine (refused, DNS, TLS, connect timeout). */
  written: boolean;
  status?: number;
  transportError?: { code: string; message: string };
  proxyFailure?: ProxyFailure;
}

/** 'operation': the action the flow asked for; 'credentials': a call the credential chain made for it. */
export type CallRole = 'operation' | 'credentials';

export interface CallRecord {
  action: string;
  role: CallRole;
  origin: string;
  invocationId?: string;
  attempts: AttemptRecord[];
}

export function errorCode(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; Code?: unknown } | undefined;
  // The SDK names a reset socket TimeoutError; its Node code says what really happened.
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && e.code !== 'ETIMEDOUT') {
    return e.code;
  }
  for (const candidate of [e?.Code, e?.name, e?.code]) {
    if (typeof candidate === 'string' && candidate && candidate !== 'Error') {
      return candidate;
    }
  }
  return 'Error';
}

export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return redactCommandLine(typeof message === 'string' ? message : String(error));
}

export const TLS_ERROR_CODES: ReadonlySet<string> = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export const CONNECT_TIMEOUT_TEXT = /did not establish a connection/;

/** What the traced handler found out about a failed attempt's connection, kept on the error for the retry strategy. */
const WRITTEN = Symbol('written');

/** Failures that prove nothing was sent on any connection: no address, or a certificate refused in a handshake (a reused connection never has one). */
const NEVER_WRITTEN_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  ...[...TLS_ERROR_CODES].filter((code) => code !== 'ERR_SSL_WRONG_VERSION_NUMBER'),
]);

/**
 * True when the request certainly never left this machine: its connection was never up (judged by
 * the socket, connectionWatch.ts), or, for a request no agent of the session saw, an error that
 * cannot come after sending.
 */
export function wasNeverWritten(error: unknown): boolean {
  if (error instanceof ProxyFailure) {
    return true;
  }
  const judged = (error as { [WRITTEN]?: boolean } | undefined)?.[WRITTEN];
  if (judged !== undefined) {
    return !judged;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return (typeof code === 'string' && NEVER_WRITTEN_CODES.has(code)) || CONNECT_TIMEOUT_TEXT.test(errorMessage(error));
}

export interface TraceTarget {
  calls: CallRecord[];
  logger: Logger;
  verifySsl: boolean;
  /** What the session knows to be secret (passwords, MFA codes, credentials): hidden in every traced line, in any encoding. */
  secrets: Set<string>;
  /** What the session's agents saw of each request's connection. */
  connections: ConnectionWatch;
  /** iamPassword.readTimeoutSeconds in ms; 0 waits for ever. */
  readTimeoutMs: number;
  /** The routes VS Code resolved, which the session's agents hold while it may. */
  routes?: HostRoutes;
}

/** Why VS Code's own proxy support may succeed where a request on the session's own route failed before it was sent. */
function handBackReason(error: unknown, routes: HostRoutes): string | undefined {
  if (error instanceof ProxyFailure && error.name === 'ProxyAuthenticationRequired') {
    return `the proxy ${error.proxy.label} asks for authentication, which VS Code can answer`;
  }
  const code = errorCode(error);
  if (routes.hostAddsCertificates && NEVER_WRITTEN_CODES.has(code) && TLS_ERROR_CODES.has(code)) {
    return `the endpoint's certificate was refused (${code}), and VS Code adds the system's certificates`;
  }
  return undefined;
}

/**
 * The whole body. The SDK's read timeout ends when the headers arrive, so an answer that stops
 * arriving after them would be waited on for ever: here too, silence longer than the timeout ends it.
 */
async function readBody(body: Readable, idleMs: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let timer: NodeJS.Timeout | undefined;
  const restart = (): void => {
    clearTimeout(timer);
    if (idleMs > 0) {
      timer = setTimeout(() => {
        const error = Object.assign(new Error(`The answer stopped arriving: nothing for ${idleMs / 1000} s after its headers.`), { code: 'ETIMEDOUT' });
        error.name = 'TimeoutError';
        body.destroy(error);
      }, idleMs);
    }
  };
  try {
    restart();
    for await (const chunk of body) {
      chunks.push(Buffer.from(chunk as Uint8Array));
      restart();
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

// One client sends one action: the SDK hands a handler the request alone, not the command.
export class TracedRequestHandler implements HttpHandler<NodeHttpHandlerOptions> {
  constructor(
    private readonly transport: NodeHttpHandler,
    private readonly target: TraceTarget,
    private readonly role: CallRole,
    private readonly action: string,
  ) {}

  get metadata(): NodeHttpHandler['metadata'] {
    return this.transport.metadata;
  }

  async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    const { calls, logger, verifySsl, secrets } = this.target;
    const { action, role } = this;
    const trace = (line: string): void => logger.trace(redactKnownSecrets(line, secrets));
    const origin = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
    const invocationId = request.headers['amz-sdk-invocation-id'];
    let call = invocationId === undefined ? undefined : calls.find((c) => c.invocationId === invocationId);
    if (!call) {
      call = { action, role, origin, invocationId, attempts: [] };
      calls.push(call);
    }
    const attempt: AttemptRecord = { written: true };
    call.attempts.push(attempt);
    const query = new URLSearchParams(request.query as Record<string, string>).toString();
    const url = `${origin}${request.path}${query ? `?${query}` : ''}`;
    if (!verifySsl && request.protocol === 'https:') {
      logger.warn(redactKnownSecrets(`Sending ${action} to ${url} without verifying its TLS certificate.`, secrets));
    }
    trace(
      `-> ${request.method} ${url} (${action}, attempt ${call.attempts.length})\n${JSON.stringify(redactHeaders(request.headers))}\n${redactRequestBody(request)}`,
    );
    const started = Date.now();
    // The SDK's handler refuses an aborted signal before it opens a connection.
    const abortedBeforeSending = options?.abortSignal?.aborted === true;
    const { routes } = this.target;
    try {
      // The route of this origin, before the agent is asked: VS Code leaves the agent alone only while the session holds it.
      await routes?.prepare(origin);
      const { response } = await this.transport.handle(request, options);
      this.target.connections.take(request.headers);
      // Read whole here, so a connection lost mid-answer counts as no answer, and the body can be logged.
      const body = await readBody(response.body as Readable, this.target.readTimeoutMs);
      response.body = body;
      attempt.status = response.statusCode;
      const took = `${response.statusCode} ${action} in ${Date.now() - started} ms`;
      trace(
        // Its answer may echo the passwords in any form, so only the status and request id are logged.
        action === 'ChangePassword'
          ? `<- ${took}, request id ${response.headers['x-amzn-requestid'] ?? 'none'} (${body.length} bytes, not logged)`
          : `<- ${took}\n${JSON.stringify(redactHeaders(response.headers))}\n${redactResponseBody(body.toString('utf8'))}`,
      );
      return { response };
    } catch (error) {
      const connectionWasUp = this.target.connections.take(request.headers);
      attempt.written = !abortedBeforeSending && (connectionWasUp ?? !wasNeverWritten(error));
      if (typeof error === 'object' && error !== null) {
        Object.defineProperty(error, WRITTEN, { value: attempt.written });
      }
      attempt.transportError = { code: errorCode(error), message: errorMessage(error) };
      if (error instanceof ProxyFailure) {
        attempt.proxyFailure = error;
      }
      trace(`<- ${action} failed after ${Date.now() - started} ms: ${attempt.transportError.code}: ${attempt.transportError.message}`);
      const reason = routes?.holding && connectionWasUp === false ? handBackReason(error, routes) : undefined;
      if (reason) {
        // Nothing of it left this machine: the same request again, now through VS Code.
        routes?.handBack(reason);
        return this.handle(request, options);
      }
      throw error;
    }
  }

  updateHttpClientConfig(key: keyof NodeHttpHandlerOptions, value: NodeHttpHandlerOptions[typeof key]): void {
    this.transport.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): NodeHttpHandlerOptions {
    return this.transport.httpHandlerConfigs();
  }
}

function redactRequestBody(request: HttpRequest): string {
  if (typeof request.body !== 'string') {
    return '';
  }
  // The SDK names its headers in lower case.
  return /x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '') ? redactQueryString(request.body) : redactResponseBody(request.body);
}
