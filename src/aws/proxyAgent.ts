// With a proxy, TLS to the AWS endpoint runs inside a CONNECT tunnel with the session's CA bundle: the proxy sees only the host name.
import type { ClientRequest } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import type { Socket } from 'node:net';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { ConnectionWatch, Pooling } from './connectionWatch';
import type { HostRoutes } from './hostProxy';
import type { Logger } from './log';
import { bypassesProxy, ProxyConfig } from './proxy';

export interface EndpointTls {
  ca?: Buffer;
  rejectUnauthorized: boolean;
}

/** Failed at the proxy, before any tunnel to AWS was open: nothing of it was written. */
export class ProxyFailure extends Error {
  constructor(
    override readonly name: 'ProxyUnreachable' | 'ProxyAuthenticationRequired' | 'ProxyTunnelFailed',
    readonly proxy: Pick<ProxyConfig, 'url' | 'label' | 'source' | 'setting'>,
    message: string,
    readonly status?: number,
    /** Node's code when the proxy was unreachable (ECONNREFUSED), so the SDK retries as for any refused connection. */
    readonly code?: string,
  ) {
    super(message);
  }
}

type ConnectOptions = Parameters<HttpsProxyAgent<string>['connect']>[1];
type AgentRequestOptions = RequestOptions & { host?: string; port?: number | string };

/**
 * The HTTPS agent of every session: direct, or through a CONNECT tunnel when a proxy applies to
 * the host. It is an https.Agent holding the endpoint's TLS options on purpose: VS Code's own
 * proxy support replaces an extension's agent for hosts other than loopback (http.proxySupport
 * "override") and keeps only the CA bundle it finds on such an agent. While the session holds
 * the routes VS Code resolved (hostProxy.ts), VS Code leaves this agent alone and the route is VS Code's.
 */
export class SessionHttpsAgent extends HttpsAgent {
  private readonly tunnels = new Map<string, TunnelAgent>();
  private readonly told = new Set<string>();

  constructor(
    private readonly endpointTls: EndpointTls,
    private readonly proxy: ProxyConfig | undefined,
    private readonly logger: Logger,
    private readonly connections: ConnectionWatch,
    private readonly routes?: HostRoutes,
  ) {
    super({ keepAlive: true, ...endpointTls });
  }

  addRequest(req: ClientRequest, options: AgentRequestOptions): void {
    this.connections.watch(req);
    const host = options.host ?? 'localhost';
    const port = Number(options.port) || 443;
    const route = this.routes?.routeOf(host, port);
    const proxy = route ? route.proxy : this.proxy && !bypassesProxy(this.proxy.noProxy, host, port) ? this.proxy : undefined;
    if ((this.proxy || route?.proxy) && !this.told.has(`${host}:${port}`)) {
      this.told.add(`${host}:${port}`);
      this.logger.debug(proxy ? `${host}:${port} through proxy ${proxy.label} (${proxy.source}).` : `${host}:${port} directly (no proxy for it).`);
    }
    if (proxy) {
      (this.tunnel(proxy) as unknown as Pooling).addRequest(req, { ...options, ...this.endpointTls, secureEndpoint: true });
    } else {
      (HttpsAgent.prototype as unknown as Pooling).addRequest.call(this, req, options);
    }
  }

  override destroy(): void {
    for (const tunnel of this.tunnels.values()) {
      tunnel.destroy();
    }
    super.destroy();
  }

  // One kept-alive tunnel agent per proxy: VS Code may name a different one for each origin.
  private tunnel(proxy: ProxyConfig): TunnelAgent {
    let tunnel = this.tunnels.get(proxy.url.href);
    if (!tunnel) {
      tunnel = new TunnelAgent(proxy, this.endpointTls.ca);
      this.tunnels.set(proxy.url.href, tunnel);
    }
    return tunnel;
  }
}

// https-proxy-agent's CONNECT, with a failure at the proxy thrown as one.
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    private readonly config: ProxyConfig,
    ca: Buffer | undefined,
  ) {
    // The library is given the URL without its user and password, and the header instead: its
    // debug output (DEBUG=https-proxy-agent) prints the URL it holds.
    const { url } = config;
    const credentials = url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined;
    super(url.origin, {
      headers: credentials ? { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` } : {},
      keepAlive: true,
      // For the connection to the proxy itself: an https:// proxy's certificate (http.proxyStrictSSL), the CA bundle too.
      rejectUnauthorized: config.strictSSL,
      ...(ca ? { ca } : {}),
    });
  }

  override async connect(req: ClientRequest, opts: ConnectOptions): Promise<Socket> {
    let status: number | undefined;
    req.once('proxyConnect', (response: { statusCode: number }) => {
      status = response.statusCode;
    });
    let socket: Socket;
    try {
      socket = await super.connect(req, opts);
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException;
      throw new ProxyFailure('ProxyUnreachable', this.config, `Proxy ${this.config.label} unreachable: ${message}`, undefined, code);
    }
    if (status !== 200) {
      // The library would replay the proxy's answer as if the endpoint had sent it.
      socket.destroy();
      // 407 is the standard answer; some proxies (tinyproxy) answer wrong credentials with 401.
      const name = status === 407 || status === 401 ? 'ProxyAuthenticationRequired' : 'ProxyTunnelFailed';
      throw new ProxyFailure(name, this.config, `Proxy ${this.config.label} answered CONNECT ${opts.host}:${opts.port} with ${status}`, status);
    }
    return socket;
  }
}
