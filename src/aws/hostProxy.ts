// VS Code's own proxy support routes an extension's requests itself (http.proxySupport "override", the default) with a new
// agent and connection for every request. A session asks it once where each origin goes, and then holds the connections
// itself on that route, kept alive, so ChangePassword goes over the connection the policy call opened.
import * as l10n from '@vscode/l10n';
import type { Logger } from './log';
import { proxyLabel, type ProxyConfig } from './proxy';

/** What the host (VS Code's extension host) offers a session; absent outside VS Code and where it routes nothing. */
export interface HostProxy {
  /** The proxy the host would send a request for `url` through (http://, https://, socks://...), undefined for none. */
  resolve(url: string): Promise<string | undefined>;
  /** The agent, which the host's request patch leaves alone while `when()` holds. */
  exempt<T extends object>(agent: T, when: () => boolean): T;
}

interface Route {
  proxy?: ProxyConfig;
}

/** The hosts VS Code's request patch hands to the extension's own agent, whose own proxy choice then applies. */
const LEFT_TO_THE_EXTENSION: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

function originKey(hostname: string, port: string | number | undefined, protocol: string): string {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return `${host}:${Number(port) || (protocol === 'http:' ? 80 : 443)}`;
}

/**
 * Where the host sends each origin of one session. While the session holds its routes, its agents
 * connect as the host would have, one origin resolved before its first request. A route only the
 * host can take hands the session back to it: SOCKS, a proxy that asks for authentication
 * (VS Code answers Kerberos and asks the user), or a certificate that only the system's store
 * trusts (VS Code adds it when the session has no CA bundle of its own).
 */
export class HostRoutes {
  private readonly routes = new Map<string, Promise<void>>();
  private readonly resolved = new Map<string, Route>();
  private held = true;

  constructor(
    private readonly host: HostProxy,
    /** The session's own choice (http.proxy, HTTPS_PROXY), whose words describe the same proxy better. */
    private readonly own: ProxyConfig | undefined,
    private readonly strictSSL: boolean,
    /** False when the session has a CA bundle: VS Code adds the system's certificates only to requests without one. */
    readonly hostAddsCertificates: boolean,
    private readonly logger: Logger,
  ) {}

  /** True while the session's agents send its requests themselves. */
  get holding(): boolean {
    return this.held;
  }

  exempt<T extends object>(agent: T): T {
    return this.host.exempt(agent, () => this.held);
  }

  /** Resolves the route of a URL's origin once; never rejects (a failure hands the session back). */
  prepare(url: string): Promise<void> {
    const { hostname, port, protocol, origin } = new URL(url);
    if (LEFT_TO_THE_EXTENSION.has(hostname)) {
      return Promise.resolve();
    }
    const key = originKey(hostname, port, protocol);
    let route = this.routes.get(key);
    if (!route) {
      route = this.host.resolve(`${origin}/`).then(
        (proxyUrl) => this.learn(key, origin, proxyUrl),
        (error: unknown) => this.handBack(`VS Code could not resolve the proxy for ${origin}: ${(error as Error).message}`),
      );
      this.routes.set(key, route);
    }
    return route;
  }

  /** The route to an HTTPS host:port while holding; undefined when not holding, for an origin never prepared, or one left to the extension. */
  routeOf(host: string, port: number): Route | undefined {
    return this.held ? this.resolved.get(originKey(host, port, 'https:')) : undefined;
  }

  private learn(key: string, origin: string, proxyUrl: string | undefined): void {
    if (proxyUrl === undefined) {
      this.resolved.set(key, {});
      this.logger.debug(`${origin}: directly, as VS Code resolves it; the session holds its connections.`);
      return;
    }
    const url = new URL(proxyUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      this.handBack(`VS Code sends ${origin} through a ${url.protocol.slice(0, -1)} proxy`);
      return;
    }
    const proxy: ProxyConfig =
      this.own && this.own.url.href === url.href
        ? { ...this.own, noProxy: [] }
        : {
            url,
            label: proxyLabel(url),
            source: l10n.t("VS Code's proxy resolution (system proxy, PAC or HTTP_PROXY)"),
            noProxy: [],
            strictSSL: this.strictSSL,
          };
    this.resolved.set(key, { proxy });
    this.logger.debug(`${origin}: through proxy ${proxy.label}, as VS Code resolves it; the session holds its connections.`);
  }

  /** From now on the host sends the session's requests (our agents see none). */
  handBack(reason: string): void {
    if (this.held) {
      this.held = false;
      this.logger.info(`VS Code's proxy support sends this session's requests from now on: ${reason}.`);
    }
  }
}
