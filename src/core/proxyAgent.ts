/**
 * The HTTPS agent of a session that has a proxy: https-proxy-agent opens a CONNECT tunnel, and
 * TLS to the AWS endpoint runs inside it with the session's CA bundle and verification, so the
 * proxy sees only the host name. Hosts in NO_PROXY go through the session's direct agent.
 */
import type { Agent as HttpAgent, ClientRequest } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { errorCode, errorMessage } from './awsFailure';
import type { Logger } from './log';
import { bypassesProxy, ProxyConfig } from './proxy';

/** TLS settings for the AWS endpoint, whichever way it is reached. */
export interface EndpointTls {
  ca?: Buffer;
  rejectUnauthorized: boolean;
}

/**
 * - unreachable: no connection to the proxy (refused, not found, reset).
 * - authRequired: the proxy answered CONNECT with 407 (or 401).
 * - tunnelFailed: the proxy answered CONNECT with another status (it could not or would not connect).
 */
export type ProxyFailureKind = 'unreachable' | 'authRequired' | 'tunnelFailed';

/** A request that failed at the proxy, before any tunnel to AWS was open: nothing of it was written. */
export class ProxyFailure extends Error {
  /** Node's code when the proxy was unreachable (ECONNREFUSED), so the SDK retries as for any refused connection. */
  readonly code?: string;

  constructor(
    readonly failure: ProxyFailureKind,
    readonly proxy: Pick<ProxyConfig, 'label' | 'source' | 'setting'>,
    /** Where the tunnel was to go: host:port. */
    readonly target: string,
    readonly status?: number,
    cause?: unknown,
  ) {
    super(
      failure === 'unreachable'
        ? `Proxy ${proxy.label} unreachable: ${errorMessage(cause)}`
        : `Proxy ${proxy.label} answered CONNECT ${target} with ${status}`,
    );
    this.name = failure === 'unreachable' ? 'ProxyUnreachable' : failure === 'authRequired' ? 'ProxyAuthenticationRequired' : 'ProxyTunnelFailed';
    if (failure === 'unreachable') {
      this.code = errorCode(cause);
    }
  }
}

type ConnectOptions = AgentConnectOpts & { host?: string; port: number };

/** Chooses per host: the tunnel, or the direct agent for hosts in NO_PROXY. */
export class SessionProxyAgent extends Agent {
  private readonly tunnel: TunnelAgent;

  constructor(
    private readonly config: ProxyConfig,
    endpointTls: EndpointTls,
    /** For hosts in NO_PROXY. */
    private readonly direct: HttpsAgent,
    private readonly logger: Logger,
  ) {
    super({ keepAlive: true });
    this.tunnel = new TunnelAgent(config, endpointTls);
  }

  override connect(_req: ClientRequest, opts: ConnectOptions): HttpAgent {
    const target = `${opts.host}:${opts.port}`;
    if (bypassesProxy(this.config.noProxy, opts.host ?? '', opts.port)) {
      this.logger.trace(`Connecting to ${target} directly (NO_PROXY).`);
      return this.direct;
    }
    this.logger.trace(`Connecting to ${target} through proxy ${this.config.label} (${this.config.source}).`);
    return this.tunnel;
  }

  override destroy(): void {
    this.direct.destroy();
    this.tunnel.destroy();
    super.destroy();
  }
}

/** https-proxy-agent's CONNECT, with the session's TLS settings inside the tunnel and a failure at the proxy thrown as one. */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    private readonly config: ProxyConfig,
    private readonly endpointTls: EndpointTls,
  ) {
    // These options are for the connection to the proxy itself (an https:// proxy's certificate).
    super(config.url.href, { keepAlive: true, rejectUnauthorized: config.strictSSL, ...(endpointTls.ca ? { ca: endpointTls.ca } : {}) });
  }

  override async connect(req: ClientRequest, opts: ConnectOptions): Promise<Socket> {
    const target = `${opts.host}:${opts.port}`;
    let status: number | undefined;
    req.once('proxyConnect', (response: { statusCode: number }) => {
      status = response.statusCode;
    });
    let socket: Socket;
    try {
      socket = await super.connect(req, { ...opts, ...this.endpointTls });
    } catch (error) {
      throw new ProxyFailure('unreachable', this.config, target, undefined, error);
    }
    if (status !== 200) {
      // The library would replay the proxy's answer as if the endpoint had sent it.
      socket.destroy();
      // 407 is the standard answer; some proxies (tinyproxy) answer wrong credentials with 401.
      throw new ProxyFailure(status === 407 || status === 401 ? 'authRequired' : 'tunnelFailed', this.config, target, status);
    }
    return socket;
  }
}
