import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { consoleSignIn, type ConsoleSignIn } from './consoleSignIn';
import { ApiError, EXPIRED_TOKEN_MESSAGE, INVALID_TOKEN_MESSAGE } from './errors';
import { faultAnswer, FaultQueue, type Fault, type FaultKind } from './faults';
import { echoAnswer, type FormEcho } from './formEcho';
import { DEFAULT_WRONG_PASSWORD_ERROR, IamService, type ErrorAnswer } from './iamService';
import { demoSeed } from './seed';
import { invalidAction, type QueryService } from './service';
import { checkRequestTime, parseAuthorization, signatureDoesNotMatch, signatureMatches } from './sigv4';
import {
  AccountState,
  type Caller,
  type PasswordPolicy,
  type PrincipalRef,
  type Seed,
  type SessionOptions,
  type SsoAccessToken,
  type TemporaryCredentials,
} from './state';
import { getRoleCredentials, SSO_CREDENTIALS_PATH } from './ssoPortal';
import { StsService } from './stsService';
import { errorXml, successXml } from './xml';

export interface EmulatorOptions {
  /** Accounts, users, roles, policy; the demo seed when absent. */
  seed?: Seed;
  /** HTTP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Also serve HTTPS with a certificate made at start (see caCertPem). */
  https?: boolean;
  httpsPort?: number;
  /** Faults for the whole run; each fires on every matching request unless it has a count. */
  faults?: Fault[];
  /** Default 5. */
  maxFailedPasswordAttempts?: number;
  wrongPasswordError?: ErrorAnswer;
  policyViolationError?: ErrorAnswer;
  /** Called once per request when its outcome is known (never with a password in it). */
  onRequest?: (record: RequestRecord) => void;
  /** Answer matching IAM and STS requests by echoing their form (see setFormEcho). */
  formEcho?: FormEcho;
}

/** One request as the emulator saw it. Holds no parameter values, so never a password. */
export interface RequestRecord {
  time: Date;
  service: 'iam' | 'sts' | 'sso';
  action?: string;
  /** ARN of the authenticated caller. */
  caller?: string;
  /** The region of the SigV4 credential scope. */
  signingRegion?: string;
  accessKeyId?: string;
  /** The failure fault that fired on this request, if any. */
  fault?: Exclude<FaultKind, 'latency'>;
  latencyMs: number;
  /** 'Success', the error code, or 'NotProcessed' when a fault stopped the request before it ran. */
  outcome: string;
  /** HTTP status sent; undefined when no response was sent. */
  status?: number;
  /** The User-Agent header. */
  userAgent?: string;
  /** Which connection it came on: 1 for the first one a request came on, and so on. */
  connection: number;
}

export interface Emulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly httpsUrl: string | undefined;
  /** The self-signed certificate of the HTTPS server; trust it as a CA. */
  readonly caCertPem: string | undefined;
  readonly requests: readonly RequestRecord[];
  /** TLS handshakes the HTTPS server completed: one per new connection, none for a reused one. */
  readonly tlsHandshakes: number;
  stop(): Promise<void>;
  /** Queues a fault for the next matching request(s); count defaults to 1. */
  injectFault(fault: Fault): void;
  /** Drops every pending fault, including the ones given at start. */
  clearFaults(): void;
  /** From now on, matching requests are answered by echoing their form back; undefined stops it. */
  setFormEcho(echo: FormEcho | undefined): void;
  /**
   * Closes the HTTP port, so connecting is refused (ECONNREFUSED: nothing was sent), until the
   * returned function listens on the same port again (bound before any timer fires).
   */
  refuseConnections(): () => void;
  passwordOf(userName: string): string | undefined;
  /** Sets the user's console password and clears its history and failed attempts, as a new login profile would: many changes on one emulator. */
  setPassword(userName: string, password: string): void;
  failedAttemptsOf(userName: string): number | undefined;
  setPasswordPolicy(policy: PasswordPolicy | undefined): void;
  /** What the console sign-in page would answer this user name and password (the emulator has no console). */
  consoleSignIn(userName: string, password: string): ConsoleSignIn;
  /** Makes the user's password as old as can be: expired under any MaxPasswordAge, until ChangePassword. */
  expirePassword(userName: string): void;
  createSession(principal: PrincipalRef, options?: SessionOptions): TemporaryCredentials;
  /** What a finished `aws sso login` holds: a token the SSO portal accepts. */
  issueSsoAccessToken(options?: { userName?: string; durationSeconds?: number }): SsoAccessToken;
  revokeSsoAccessTokens(): void;
}

const MAX_BODY_BYTES = 1024 * 1024;
const IDLE_CONNECTION_MS = 60_000;

/** Query protocol parameters: the query string, then the form body on top. */
function queryParameters(url: URL, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(url.search);
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    params.set(name, value);
  }
  return params;
}

/** The query string as the signer wants it: repeated names become lists. */
function queryRecord(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  return query;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.destroy(new Error('request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headerText(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** A TCP reset (RST), so clients see ECONNRESET rather than a clean close. */
function resetConnection(socket: Socket): void {
  if (socket instanceof TLSSocket) {
    socket.destroy();
  } else {
    socket.resetAndDestroy();
  }
}

function validatePolicy(policy: PasswordPolicy): void {
  const length = policy.MinimumPasswordLength;
  if (length !== undefined && !(Number.isInteger(length) && length >= 6 && length <= 128)) {
    throw new Error(`MinimumPasswordLength must be an integer in 6..128, got ${length}`);
  }
  const reuse = policy.PasswordReusePrevention;
  if (reuse !== undefined && !(Number.isInteger(reuse) && reuse >= 1 && reuse <= 24)) {
    throw new Error(`PasswordReusePrevention must be an integer in 1..24, got ${reuse}`);
  }
}

interface Outcome {
  status: number;
  body: string;
}

/** One request on its way through the emulator. */
interface IncomingCall {
  request: http.IncomingMessage;
  url: URL;
  body: Buffer;
  params: URLSearchParams;
  service: QueryService;
  action: string | undefined;
  record: RequestRecord;
  requestId: string;
}

class EmulatorServer implements Emulator {
  url = '';
  httpsUrl: string | undefined;
  caCertPem: string | undefined;
  readonly requests: RequestRecord[] = [];
  tlsHandshakes = 0;
  private readonly state: AccountState;
  private readonly services: Record<'iam' | 'sts', QueryService>;
  private readonly faults = new FaultQueue();
  private readonly servers: http.Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly connectionIds = new WeakMap<Socket, number>();
  private connectionCount = 0;
  private readonly delays = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;
  private formEcho: FormEcho | undefined;
  /** The last form of the action formEcho.replay names. */
  private replayed = '';

  constructor(private readonly options: EmulatorOptions) {
    this.formEcho = options.formEcho;
    this.state = new AccountState(options.seed ?? demoSeed());
    if (this.state.passwordPolicy) {
      validatePolicy(this.state.passwordPolicy);
    }
    this.services = {
      iam: new IamService(this.state, {
        maxFailedPasswordAttempts: options.maxFailedPasswordAttempts ?? 5,
        wrongPasswordError: options.wrongPasswordError ?? DEFAULT_WRONG_PASSWORD_ERROR,
        policyViolationError: options.policyViolationError,
      }),
      sts: new StsService(this.state),
    };
    for (const fault of options.faults ?? []) {
      this.faults.add(fault, Infinity);
    }
  }

  async listen(): Promise<void> {
    const port = await this.serve(http.createServer(), this.options.port ?? 0);
    this.url = `http://127.0.0.1:${port}`;
    if (this.options.https) {
      const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
        extensions: [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: [
              { type: 2, value: 'localhost' },
              { type: 7, ip: '127.0.0.1' },
              // Reached through a relay there: an address VS Code's proxy support does not treat as local.
              { type: 7, ip: '127.0.0.2' },
            ],
          },
        ],
      });
      const httpsServer = https.createServer({ key: pems.private, cert: pems.cert });
      httpsServer.on('secureConnection', () => this.tlsHandshakes++);
      const httpsPort = await this.serve(httpsServer, this.options.httpsPort ?? 0);
      this.httpsUrl = `https://127.0.0.1:${httpsPort}`;
      this.caCertPem = pems.cert;
    }
  }

  private serve(server: http.Server, port: number): Promise<number> {
    this.servers.push(server);
    // Node's default closes an idle connection after 5 s, less than a person takes to type three
    // passwords: a minute lets the tests see ChangePassword reuse the policy call's connection.
    server.keepAliveTimeout = IDLE_CONNECTION_MS;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      this.onRequest(request, response).catch(() => request.socket.destroy());
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const [timer, wake] of this.delays) {
      clearTimeout(timer);
      wake();
    }
    this.delays.clear();
    const closed = this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await Promise.all(closed);
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault, 1);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setFormEcho(echo: FormEcho | undefined): void {
    this.formEcho = echo;
  }

  refuseConnections(): () => void {
    const port = Number(new URL(this.url).port);
    const listening = this.servers.find((server) => !(server instanceof https.Server) && server.listening);
    listening?.close();
    return () => {
      if (!this.stopped) {
        void this.serve(http.createServer(), port);
      }
    };
  }

  passwordOf(userName: string): string | undefined {
    return this.state.user(userName)?.loginProfile?.password;
  }

  setPassword(userName: string, password: string): void {
    const profile = this.state.user(userName)?.loginProfile;
    if (!profile) {
      throw new Error(`user ${userName} has no console password`);
    }
    Object.assign(profile, { password, history: [], failedAttempts: 0 });
  }

  failedAttemptsOf(userName: string): number | undefined {
    return this.state.user(userName)?.loginProfile?.failedAttempts;
  }

  consoleSignIn(userName: string, password: string): ConsoleSignIn {
    return consoleSignIn(this.state.user(userName), password, this.state.passwordPolicy);
  }

  expirePassword(userName: string): void {
    const profile = this.state.user(userName)?.loginProfile;
    if (!profile) {
      throw new Error(`user ${userName} has no console password`);
    }
    profile.passwordLastChanged = new Date(0);
  }

  setPasswordPolicy(policy: PasswordPolicy | undefined): void {
    if (policy) {
      validatePolicy(policy);
    }
    this.state.passwordPolicy = policy === undefined ? undefined : { ...policy };
  }

  createSession(principal: PrincipalRef, options?: SessionOptions): TemporaryCredentials {
    return this.state.createSession(principal, options);
  }

  issueSsoAccessToken(options?: { userName?: string; durationSeconds?: number }): SsoAccessToken {
    return this.state.issueSsoAccessToken(options);
  }

  revokeSsoAccessTokens(): void {
    this.state.revokeSsoAccessTokens();
  }

  private connectionOf(socket: Socket): number {
    const known = this.connectionIds.get(socket);
    if (known !== undefined) {
      return known;
    }
    this.connectionCount += 1;
    this.connectionIds.set(socket, this.connectionCount);
    return this.connectionCount;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.set(timer, resolve);
    });
  }

  /** The service a request is for: its credential scope when readable, else its Version, else IAM. */
  private serviceFor(request: http.IncomingMessage, params: URLSearchParams): QueryService {
    const scope = /Credential=[^/,]*\/[^/,]*\/[^/,]*\/(iam|sts)\//.exec(headerText(request, 'authorization') ?? '');
    if (scope) {
      return this.services[scope[1] as 'iam' | 'sts'];
    }
    return params.get('Version') === this.services.sts.version ? this.services.sts : this.services.iam;
  }

  private async onRequest(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === SSO_CREDENTIALS_PATH) {
      this.answerSsoPortal(request, response, url);
      return;
    }
    const params = queryParameters(url, body);
    const service = this.serviceFor(request, params);
    const action = params.get('Action') ?? undefined;
    const plan = this.faults.take(action);
    const record: RequestRecord = {
      time: new Date(),
      service: service.signingName,
      action,
      fault: plan.failure,
      latencyMs: plan.latencyMs,
      outcome: 'NotProcessed',
      userAgent: headerText(request, 'user-agent'),
      connection: this.connectionOf(request.socket),
    };
    this.requests.push(record);
    const call: IncomingCall = { request, url, body, params, service, action, record, requestId: randomUUID() };
    const finish = (status: number | undefined, responseBody?: string, contentType = 'text/xml'): void => {
      if (status !== undefined && responseBody !== undefined) {
        response.writeHead(status, {
          'Content-Type': contentType,
          'Content-Length': Buffer.byteLength(responseBody),
          'x-amzn-RequestId': call.requestId,
        });
        response.end(responseBody);
      }
      record.status = status;
      this.options.onRequest?.(record);
    };

    if (plan.latencyMs > 0) {
      await this.delay(plan.latencyMs);
    }
    if (this.stopped) {
      return;
    }
    const echo = this.formEcho;
    if (echo?.replay !== undefined && action === echo.replay) {
      this.replayed = body.toString('utf8');
    }
    if (echo && action === (echo.action ?? 'ChangePassword')) {
      if (echo.applied) {
        await this.process(call);
      }
      const echoed = echo.replay === undefined ? body.toString('utf8') : this.replayed;
      const answer = echoAnswer(echo.style, echoed, echo.replay === undefined ? params : new URLSearchParams(echoed), service.namespace, call.requestId);
      finish(answer.status, answer.body, answer.contentType);
      return;
    }
    const outcome = plan.failure === undefined || plan.afterApply ? await this.process(call) : undefined;
    if (plan.failure === undefined) {
      finish(outcome?.status, outcome?.body);
      return;
    }
    const answer = faultAnswer(plan.failure, service.namespace, call.requestId, outcome?.body);
    if (outcome === undefined && answer?.code !== undefined) {
      record.outcome = answer.code;
    }
    if (answer === undefined) {
      // No answer: a reset, or (noResponse) a socket left open until stop() destroys it.
      if (plan.failure === 'resetBeforeApply' || plan.failure === 'resetAfterApply') {
        resetConnection(request.socket);
      }
      finish(undefined);
      return;
    }
    finish(answer.status, answer.body, answer.contentType);
  }

  /** Fault injection does not apply to the portal; it is here so SSO profiles can sign in at all. */
  private answerSsoPortal(request: http.IncomingMessage, response: http.ServerResponse, url: URL): void {
    const answer = getRoleCredentials(this.state, request, url);
    const record: RequestRecord = {
      time: new Date(),
      service: 'sso',
      action: 'GetRoleCredentials',
      caller: answer.caller,
      latencyMs: 0,
      outcome: answer.outcome,
      status: answer.status,
      connection: this.connectionOf(request.socket),
    };
    this.requests.push(record);
    response.writeHead(answer.status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body), 'x-amzn-RequestId': randomUUID() });
    response.end(answer.body);
    this.options.onRequest?.(record);
  }

  private async process(call: IncomingCall): Promise<Outcome> {
    const { service, action, params, record } = call;
    try {
      const caller = await this.authenticate(call);
      record.caller = caller.arn;
      record.accessKeyId = caller.accessKeyId;
      if (action === undefined || params.get('Version') !== service.version || !service.hasAction(action)) {
        throw invalidAction(action ?? '', params.get('Version') ?? '');
      }
      const result = service.handle(action, params, caller);
      record.outcome = 'Success';
      return { status: 200, body: successXml(service.namespace, action, result, call.requestId) };
    } catch (caught) {
      const error =
        caught instanceof ApiError
          ? caught
          : new ApiError('InternalFailure', 500, 'The request processing has failed because of an unknown error.', 'Receiver');
      record.outcome = error.code;
      return { status: error.status, body: errorXml(service.namespace, error, call.requestId) };
    }
  }

  /** SigV4: who signed, with the right secret, session token and time. */
  private async authenticate(call: IncomingCall): Promise<Caller> {
    const { service, request, url, body } = call;
    const auth = parseAuthorization(headerText(request, 'authorization'));
    call.record.signingRegion = auth.region;
    const signingDate = checkRequestTime(headerText(request, 'x-amz-date'), new Date());
    if (auth.service !== service.signingName) {
      throw new ApiError('SignatureDoesNotMatch', 403, `Credential should be scoped to correct service: '${service.signingName}'. `);
    }
    // Any region is taken, as local emulators do: a client sent to a configured endpoint signs for
    // its own region (the AWS CLI and the SDK alike), so there is no partition to check it against.
    const caller = this.state.callerFor(auth.accessKeyId);
    const token = headerText(request, 'x-amz-security-token');
    if (!caller || token !== caller.session?.token) {
      throw new ApiError('InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE);
    }
    const headers: Record<string, string> = {};
    for (const name of Object.keys(request.headers)) {
      headers[name] = headerText(request, name) ?? '';
    }
    const signedRequest = { method: request.method ?? 'POST', path: url.pathname, query: queryRecord(url), headers, body };
    if (!(await signatureMatches(signedRequest, auth, caller.secretAccessKey, signingDate))) {
      throw signatureDoesNotMatch();
    }
    if (caller.session && caller.session.expiresAt.getTime() <= Date.now()) {
      throw new ApiError('ExpiredToken', 403, EXPIRED_TOKEN_MESSAGE);
    }
    return caller;
  }
}

/** Starts the IAM/STS emulator on 127.0.0.1 (and HTTPS when asked). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new EmulatorServer(options);
  try {
    await emulator.listen();
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return emulator;
}
