import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { findCodeServer } from './paths';
import { isLeakingVariable } from './testEnvironment';

/** Settings every test VS Code starts with: nothing may cover the editor area or reach the network. */
export const baseUserSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
};

export interface CodeServerOptions {
  /** The workspace folder the window opens. */
  folder: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's output goes here (appended). */
  logFile: string;
  /**
   * Added to the server's environment, which its extension host inherits. The base is this
   * process's environment without the variables isLeakingVariable() names, and with HOME
   * moved to <userDataDir>/home so the developer's ~/.aws is out of reach too.
   */
  env?: Readonly<Record<string, string>>;
  /** Merged over baseUserSettings into <userDataDir>/User/settings.json. */
  settings?: Readonly<Record<string, unknown>>;
  /** <userDataDir>/Machine/settings.json: where machine-scoped settings take effect in a remote window. */
  machineSettings?: Readonly<Record<string, unknown>>;
  /** Default 30 s. */
  startTimeoutMs?: number;
  /** Default: a free port chosen now. */
  port?: number;
  /** code-server's --log level, which the extension's log channel follows ('trace' for the leak audit). */
  logLevel?: 'trace' | 'debug' | 'info';
  /**
   * Default false: trust is off and every folder is trusted. True: VS Code asks whether to trust the
   * folder's authors, and answering No opens it in Restricted Mode.
   */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** Milliseconds from spawn until the server answered its health check. */
  startMs: number;
  /** False once the server process has exited (crashed, or stopped). */
  isRunning(): boolean;
  /** Ends the server and every process it started (extension host, pty host), then resolves. */
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers: SIGKILL to the whole process group. */
  kill(): void;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('could not read the probe port'));
        }
      });
    });
  });
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function serverEnvironment(options: CodeServerOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!isLeakingVariable(name)) {
      env[name] = value;
    }
  }
  const home = path.join(options.userDataDir, 'home');
  const tmp = path.join(options.userDataDir, 'tmp');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  return {
    ...env,
    HOME: home,
    // Temp files land in the run folder too, where the leak audit reads them.
    TMPDIR: tmp,
    // code-server writes a config (with a generated password) and logs under these on every start.
    CODE_SERVER_CONFIG: path.join(options.userDataDir, 'code-server-config.yaml'),
    XDG_DATA_HOME: path.join(options.userDataDir, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(options.userDataDir, 'xdg-config'),
    ...options.env,
  };
}

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts code-server (installed by scripts/setup-test-env.sh) and resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = findCodeServer();
  if (!entry) {
    throw new Error('code-server is not installed: run scripts/setup-test-env.sh');
  }
  const trust = options.workspaceTrust === true;
  writeJson(path.join(options.userDataDir, 'User', 'settings.json'), {
    ...baseUserSettings,
    'security.workspace.trust.enabled': trust,
    ...options.settings,
  });
  if (options.machineSettings) {
    writeJson(path.join(options.userDataDir, 'Machine', 'settings.json'), options.machineSettings);
  }
  fs.mkdirSync(options.extensionsDir, { recursive: true });

  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}/`;
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    options.userDataDir,
    '--extensions-dir',
    options.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...(options.logLevel ? ['--log', options.logLevel] : []),
    options.folder,
  ];
  const log = fs.openSync(options.logFile, 'a');
  const startedAt = Date.now();
  // Its own process group, so stop() reaches the extension host and pty host too.
  const child = spawn(process.execPath, args, {
    detached: true,
    env: serverEnvironment(options),
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const pgid = child.pid;
  if (pgid === undefined) {
    throw new Error(`could not start code-server; see ${options.logFile}`);
  }
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', (error) => {
    exited = true;
    fs.appendFileSync(options.logFile, `code-server process error: ${error.message}\n`);
  });

  const kill = (): void => signalGroup(pgid, 'SIGKILL');
  const stop = async (): Promise<void> => {
    signalGroup(pgid, 'SIGTERM');
    if (!(await waitUntil(() => !isGroupAlive(pgid), 5000))) {
      kill();
      await waitUntil(() => !isGroupAlive(pgid), 5000);
    }
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = startedAt + timeoutMs;
  while (!(await isHealthy(url))) {
    if (exited || Date.now() > deadline) {
      await stop();
      const why = exited ? `exited with code ${child.exitCode}` : `did not answer within ${timeoutMs} ms`;
      throw new Error(`code-server ${why}; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, url, startMs: Date.now() - startedAt, isRunning: () => !exited, stop, kill };
}
