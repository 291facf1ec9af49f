/**
 * A real HTTP proxy for the tests: Debian's tinyproxy, started with its own config file on a free
 * loopback port, logging each CONNECT to a file the tests (and the leak audit) read.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './testSupport';

const CANDIDATES = ['/usr/bin/tinyproxy', '/usr/sbin/tinyproxy'];

export function tinyproxyPath(): string | undefined {
  return CANDIDATES.find((path) => existsSync(path));
}

/** Skips the calling suite without tinyproxy, loudly; under CI=true its absence fails instead. */
export function requireTinyproxy(suite: Mocha.Context): void {
  if (tinyproxyPath()) {
    return;
  }
  if (process.env.CI === 'true') {
    assert.fail('tinyproxy is missing; CI must run the proxy tests (scripts/setup-test-env.sh installs tinyproxy-bin)');
  }
  console.warn('\n  !!! tinyproxy not found: the proxy tests were SKIPPED (install the Debian package tinyproxy-bin or tinyproxy).\n');
  suite.skip();
}

export interface TinyproxyOptions {
  /** The only ports CONNECT may reach. */
  connectPorts: number[];
  /** Proxy basic auth the proxy demands. */
  basicAuth?: { user: string; password: string };
  /** Where the log file goes; a new temporary directory by default. */
  dir?: string;
}

export class Tinyproxy {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
    private readonly ownDir: string | undefined,
  ) {}

  static async start(options: TinyproxyOptions): Promise<Tinyproxy> {
    const binary = tinyproxyPath() ?? assert.fail('tinyproxy is not installed');
    const ownDir = options.dir ? undefined : mkdtempSync(join(tmpdir(), 'iam-tinyproxy-'));
    const dir = options.dir ?? ownDir ?? '';
    const port = await closedPort();
    const logFile = join(dir, `tinyproxy-${port}.log`);
    const configFile = join(dir, `tinyproxy-${port}.conf`);
    writeFileSync(
      configFile,
      [
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Timeout 30',
        `LogFile "${logFile}"`,
        'LogLevel Info',
        'MaxClients 20',
        'Allow 127.0.0.1',
        ...options.connectPorts.map((connectPort) => `ConnectPort ${connectPort}`),
        ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : []),
        '',
      ].join('\n'),
    );
    // -d: in the foreground, so it ends with the test.
    const child = spawn(binary, ['-d', '-c', configFile], { stdio: 'ignore' });
    const proxy = new Tinyproxy(child, port, logFile, ownDir);
    for (let waited = 0; !proxy.log().includes('Accepting connections'); waited += 20) {
      assert.ok(waited < 5000 && child.exitCode === null, `tinyproxy did not start:\n${proxy.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return proxy;
  }

  /** http://127.0.0.1:PORT, with user:password@ when given. */
  url(auth?: { user: string; password: string }): string {
    return `http://${auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@` : ''}127.0.0.1:${this.port}`;
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  /** The host:port of each CONNECT the proxy was asked for, in order. */
  connects(): string[] {
    return [...this.log().matchAll(/Request \(file descriptor \d+\): CONNECT (\S+) HTTP/g)].map((match) => match[1]);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill();
      await exited;
    }
    if (this.ownDir) {
      rmSync(this.ownDir, { recursive: true, force: true });
    }
  }
}
