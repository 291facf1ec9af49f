// VS Code's own proxy support as a session uses it (aws/hostProxy.ts): the proxy resolver and the request patch of
// @vscode/proxy-agent in VS Code's extension host. Neither is API: where they are not as VS Code 1.100 has them, a
// session is left to VS Code's proxy support as before.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import vscode = require('vscode');
import type { HostProxy } from '../aws/hostProxy';

interface ProxyAgentModule {
  /** Set by the extension host on its own copy of the module: VS Code's whole resolution (settings, environment, system, PAC). */
  resolveProxyURL?: (url: string) => Promise<string | undefined>;
}

interface AgentModule {
  /** The patch leaves a request alone whose agent is one of these (index.js's `optionsPatched`). */
  PacProxyAgent?: abstract new (...args: never[]) => object;
}

/** Undefined when VS Code leaves the extension's agents their requests (http.proxySupport "on" or "off"), or its pieces are not found. */
export function hostProxySupport(): HostProxy | undefined {
  const support = vscode.workspace.getConfiguration('http').get<string>('proxySupport');
  if (support !== 'override' && support !== 'fallback') {
    return undefined;
  }
  // The desktop keeps its modules in an asar archive, which Electron's require reads.
  for (const folder of ['node_modules', 'node_modules.asar']) {
    const index = path.join(vscode.env.appRoot, folder, '@vscode', 'proxy-agent', 'out', 'index.js');
    let modules: [ProxyAgentModule, AgentModule];
    try {
      const load = createRequire(index);
      modules = [load(index) as ProxyAgentModule, load('./agent.js') as AgentModule];
    } catch {
      continue;
    }
    const [{ resolveProxyURL }, { PacProxyAgent }] = modules;
    if (typeof resolveProxyURL === 'function' && typeof PacProxyAgent === 'function') {
      const disguise = PacProxyAgent.prototype;
      return {
        resolve: (url) => resolveProxyURL(url),
        exempt: (agent, when) => new Proxy(agent, { getPrototypeOf: (target) => (when() ? disguise : Reflect.getPrototypeOf(target)) }),
      };
    }
  }
  return undefined;
}
