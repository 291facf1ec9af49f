/**
 * A client for the AWS Query protocol, enough for the five IAM and STS actions the extension
 * sends. The SDK's generated clients bring a runtime built for every protocol and operation, and
 * loading it made a cold password change 4x slower. What matters stays the SDK's: SigV4 signing
 * (@smithy/signature-v4), the transport with its timeouts and TLS (the caller's NodeHttpHandler),
 * and the retry strategy and error classification (@smithy/core/retry).
 */
import { randomUUID } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { getRetryAfterHint, INVOCATION_ID_HEADER, isServerError, isThrottlingError, isTransientError, REQUEST_HEADER } from '@smithy/core/retry';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider, RetryErrorInfo, RetryErrorType, RetryStrategyV2, SdkError } from '@smithy/types';

export interface QueryService {
  /** The SigV4 signing name. */
  signingName: string;
  version: string;
}

export const IAM_SERVICE: QueryService = { signingName: 'iam', version: '2010-05-08' };
export const STS_SERVICE: QueryService = { signingName: 'sts', version: '2011-06-15' };

export interface QueryResponse {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** Wraps each attempt (already signed) so the caller can log it and record whether it was sent. */
export type AttemptTracer = (operation: string, request: HttpRequest, send: () => Promise<QueryResponse>) => Promise<QueryResponse>;

export interface QueryClientConfig {
  region: string;
  endpoint: string;
  credentials: AwsCredentialIdentityProvider;
  requestHandler: Pick<NodeHttpHandler, 'handle'>;
  retryStrategy: RetryStrategyV2;
  /** For the amz-sdk-request header only; the retry strategy decides. */
  maxAttempts: number;
  trace: AttemptTracer;
}

/**
 * The members of an action's result element, by path: `Arn`, `PasswordPolicy`,
 * `PasswordPolicy.MinimumPasswordLength`. Elements with children have the value ''.
 */
export type QueryResult = Readonly<Record<string, string>>;

// The SDK starts correcting its clock at this much difference from the server's Date header.
const CLOCK_SKEW_CORRECTION_MS = 240_000;

export class QueryClient {
  private readonly url: URL;
  private readonly signer: SignatureV4;
  /** Server time minus local time, learnt from Date headers, as the SDK keeps it. */
  private clockOffsetMs = 0;

  constructor(
    private readonly service: QueryService,
    private readonly config: QueryClientConfig,
  ) {
    this.url = new URL(config.endpoint);
    this.signer = new SignatureV4({
      service: service.signingName,
      region: config.region,
      credentials: config.credentials,
      sha256: Sha256,
      uriEscapePath: true,
    });
  }

  /** Sends `action` with retries; resolves with its result, rejects with the last attempt's error. */
  async send(action: string, parameters: Record<string, string> = {}): Promise<QueryResult> {
    const body = [`Action=${action}`, `Version=${this.service.version}`]
      .concat(Object.entries(parameters).map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`))
      .join('&');
    const strategy = this.config.retryStrategy;
    const invocationId = randomUUID();
    let token = await strategy.acquireInitialRetryToken('');
    let attempts = 0;
    for (;;) {
      try {
        const result = await this.attempt(action, body, invocationId, attempts + 1);
        strategy.recordSuccess(token);
        return result;
      } catch (error) {
        const errorInfo: RetryErrorInfo = { error: error as SdkError, errorType: retryErrorType(error as SdkError) };
        const retryAfter = getRetryAfterHint((error as { $response?: unknown }).$response);
        if (retryAfter) {
          errorInfo.retryAfterHint = retryAfter;
        }
        try {
          token = await strategy.refreshRetryTokenForRetry(token, errorInfo);
        } catch {
          // Not retryable, or no attempts left: this attempt's error is the answer.
          throw error;
        }
        attempts = token.getRetryCount();
        const delay = token.getRetryDelay();
        if (delay > 0) {
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    }
  }

  private async attempt(action: string, body: string, invocationId: string, attempt: number): Promise<QueryResult> {
    const { url } = this;
    const request = new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`,
      headers: {
        host: url.host,
        'user-agent': 'vscode-iam-password',
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
        [INVOCATION_ID_HEADER]: invocationId,
        [REQUEST_HEADER]: `attempt=${attempt}; max=${this.config.maxAttempts}`,
      },
      body,
    });
    const signed = (await this.signer.sign(request, { signingDate: new Date(Date.now() + this.clockOffsetMs) })) as HttpRequest;
    const sentAt = Date.now();
    const response = await this.config.trace(action, signed, async () => {
      const { response: raw } = await this.config.requestHandler.handle(signed);
      const chunks: Buffer[] = [];
      for await (const chunk of raw.body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
      }
      return { statusCode: raw.statusCode, headers: raw.headers, body: Buffer.concat(chunks).toString('utf8') };
    });
    const skewCorrected = this.learnClock(response, sentAt);
    if (response.statusCode >= 300) {
      throw serviceError(response, skewCorrected);
    }
    return resultOf(action, response);
  }

  /** Keeps the offset to the server's clock, so that a machine with a wrong clock still signs validly. */
  private learnClock(response: QueryResponse, sentAt: number): boolean {
    const serverTime = Date.parse(response.headers.date ?? '');
    if (Number.isNaN(serverTime) || response.headers.age !== undefined || Date.now() - sentAt > 900_000) {
      return false;
    }
    const before = this.clockOffsetMs;
    this.clockOffsetMs = serverTime - Date.now();
    return Math.abs(this.clockOffsetMs) >= CLOCK_SKEW_CORRECTION_MS && this.clockOffsetMs !== before;
  }
}

/** encodeURIComponent, plus the characters it leaves alone that the SDK's Query serializer escapes. */
function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function retryErrorType(error: SdkError): RetryErrorType {
  if (isThrottlingError(error)) {
    return 'THROTTLING';
  }
  if (isTransientError(error)) {
    return 'TRANSIENT';
  }
  return isServerError(error) ? 'SERVER_ERROR' : 'CLIENT_ERROR';
}

function metadataOf(response: QueryResponse): { httpStatusCode: number; requestId?: string } {
  return { httpStatusCode: response.statusCode, requestId: response.headers['x-amzn-requestid'] };
}

/**
 * The error an AWS error response stands for, named by its code as the CLI shows it (so IAM's
 * LimitExceeded, too many wrong passwords, is not taken for the SDK's LimitExceededException,
 * which its retry classification treats as throttling).
 */
function serviceError(response: QueryResponse, skewCorrected: boolean): Error {
  let fields: QueryResult = {};
  if (response.body.trim()) {
    const parsed = tryParse(response);
    if (parsed instanceof Error) {
      return parsed;
    }
    fields = flatten(parsed.children.find((child) => child.name === 'Error') ?? parsed.children.find((child) => child.name === 'Errors')?.children[0]);
  }
  const code = fields.Code || (response.statusCode === 404 ? 'NotFound' : 'Unknown');
  const error = new Error(fields.Message ?? 'Unknown');
  return Object.assign(error, {
    name: code,
    Code: code,
    Type: fields.Type,
    $fault: response.statusCode >= 500 ? 'server' : 'client',
    $metadata: { ...metadataOf(response), ...(skewCorrected ? { clockSkewCorrected: true } : {}) },
    $response: response,
  });
}

function resultOf(action: string, response: QueryResponse): QueryResult {
  if (!response.body.trim()) {
    return {};
  }
  const parsed = tryParse(response);
  if (parsed instanceof Error) {
    throw parsed;
  }
  return flatten(parsed.children.find((child) => child.name === `${action}Result`));
}

function tryParse(response: QueryResponse): XmlElement | Error {
  try {
    return parseXml(response.body);
  } catch (cause) {
    return Object.assign(new Error(`Deserialization error: the response is not valid XML (${(cause as Error).message}).`), {
      $metadata: metadataOf(response),
      $response: response,
    });
  }
}

function flatten(element: XmlElement | undefined): QueryResult {
  const out: Record<string, string> = {};
  const walk = (node: XmlElement, prefix: string): void => {
    for (const child of node.children) {
      const path = `${prefix}${child.name}`;
      out[path] = child.children.length > 0 ? '' : child.text;
      walk(child, `${path}.`);
    }
  };
  if (element) {
    walk(element, '');
  }
  return out;
}

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The decoded text directly inside the element. */
  text: string;
}

// One token at a time: a tag (attributes are skipped), a declaration or comment, CDATA, or text.
const XML_TOKEN = /<(\/?)([A-Za-z_][\w.:-]*)(?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>|<\?[^]*?\?>|<!--[^]*?-->|<!\[CDATA\[([^]*?)\]\]>|([^<]+)/y;

/** A small, strict XML reader: unbalanced or truncated documents throw, as the SDK's parser does. */
export function parseXml(xml: string): XmlElement {
  const documentNode: XmlElement = { name: '', children: [], text: '' };
  const open: XmlElement[] = [documentNode];
  XML_TOKEN.lastIndex = 0;
  while (XML_TOKEN.lastIndex < xml.length) {
    const at = XML_TOKEN.lastIndex;
    const token = XML_TOKEN.exec(xml);
    if (!token) {
      throw new Error(`unexpected "${xml.slice(at, at + 20)}" at offset ${at}`);
    }
    const [, closing, name, selfClosing, cdata, text] = token;
    const current = open[open.length - 1];
    if (name === undefined) {
      const content = cdata ?? (text === undefined ? undefined : decodeEntities(text));
      if (content !== undefined) {
        if (open.length === 1 && content.trim()) {
          throw new Error(`text outside the root element at offset ${at}`);
        }
        current.text += content;
      }
    } else if (closing) {
      if (current.name !== name) {
        throw new Error(`</${name}> closes <${current.name || 'nothing'}> at offset ${at}`);
      }
      open.pop();
    } else {
      const element: XmlElement = { name, children: [], text: '' };
      current.children.push(element);
      if (!selfClosing) {
        open.push(element);
      }
    }
  }
  if (open.length > 1) {
    throw new Error(`<${open[open.length - 1].name}> is not closed`);
  }
  if (documentNode.children.length !== 1) {
    throw new Error('a document needs exactly one root element');
  }
  return documentNode.children[0];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (entity, name: string) => {
    if (name.startsWith('#')) {
      return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    }
    return NAMED_ENTITIES[name] ?? entity;
  });
}
