// Loaded by VS Code as the extension tests module (extensionTestsPath), inside a real extension
// host with the default http.proxySupport: changes alice's password through the real boxes against
// the emulator's HTTPS server reached at 127.0.0.2 (a host VS Code's proxy support does not treat as
// local), directly and through tinyproxy as http.proxy, and counts the connections each change opened,
// before and after the last Enter. Results go to a file, because nothing reports back from VS Code web.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { demoSeed, startEmulator, startLatencyRelay, writeAwsConfig, type Emulator, type LatencyRelay } from '../../test/emulator';
import { Tinyproxy } from '../../test/emulator/tinyproxy';
import { Driver, testApi } from '../../test/integration/driver';
import { PASSWORDS } from '../../test/integration/passwords';

/** Not loopback to VS Code's proxy support (it sends only localhost, 127.0.0.1 and ::1 direct). */
export const REMOTE_HOST = '127.0.0.2';

export type Route = 'direct' | 'proxy';

export interface LastEnterSample {
  route: Route;
  /** The endpoint's host: REMOTE_HOST, or 127.0.0.1 (which VS Code's proxy support leaves to the extension's agent). */
  host: string;
  rttMs: number;
  /** TCP connections the change opened to the endpoint (at the relay), and how many of them after the last Enter. */
  connections: number;
  connectionsAfterLastEnter: number;
  /** CONNECTs tinyproxy logged for the change, and after the last Enter. */
  connects: number;
  connectsAfterLastEnter: number;
  /** TLS handshakes the emulator completed after the last Enter. */
  handshakesAfterLastEnter: number;
  /** Whether ChangePassword came on a connection an earlier request of the same change had used. */
  changePasswordReused: boolean;
  /** Last Enter (the confirm box's accept in the extension host) -> its first bytes at the relay (through the proxy, if any). */
  enterToLeavingMs: number;
  /** Last Enter -> ChangePassword read by the emulator. */
  enterToArrivalMs: number;
  /** Last Enter -> the success notification. */
  enterToResultMs: number;
  /** The longest the extension host's event loop was held up between the last Enter and the result. */
  loopDelayMaxMs: number;
}

export interface LastEnterResult {
  pid: number;
  proxySupport?: string;
  samples: LastEnterSample[];
  error?: string;
}

const CHANGE_TIMEOUT_MS = 30_000;

/** One endpoint the changes go to: a relay on `host` with `rttMs` of round-trip time, and the profile that names it. */
interface Target {
  host: string;
  rttMs: number;
  relay: LatencyRelay;
  profile: string;
}

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && process.env[name] !== '' ? value : fallback;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class Bench {
  private lastAcceptAt = 0;
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  private leftAt: number | undefined;
  private resultAt = 0;
  private relayAtEnter = 0;
  private proxyLogAtEnter = 0;
  private handshakesAtEnter = 0;
  private relay: LatencyRelay | undefined;

  constructor(
    private readonly api: TestApi,
    private readonly emulator: Emulator,
    private readonly proxy: Tinyproxy,
    private readonly thinkMs: number,
  ) {}

  /** One change from the palette command to its result, through the real boxes. */
  async change(route: Route, { relay, profile, host, rttMs }: Target): Promise<LastEnterSample> {
    this.relay = relay;
    this.emulator.setPassword('alice', PASSWORDS.aliceInitial);
    await this.api.store.pick(profile);
    const createInputBox = this.api.ui.createInputBox;
    // Wrapped before the driver, so this accept listener runs before the flow's own.
    this.api.ui.createInputBox = () => {
      const box = createInputBox();
      box.onDidAccept(() => this.onAccept());
      return box;
    };
    const driver = new Driver(this.api);
    const notify = this.api.ui.showInformationMessage;
    this.api.ui.showInformationMessage = (message, options, ...items) => {
      if (/^Password changed/.test(message)) {
        this.resultAt = performance.now();
        this.loopDelay.disable();
      }
      return notify(message, options, ...items);
    };
    driver.answerNotification(/^Password changed/, 'Close');
    const requestsBefore = this.emulator.requests.length;
    const relayBefore = relay.connections;
    const connectsBefore = this.proxy.connects().length;
    try {
      const done = Promise.resolve(vscode.commands.executeCommand('iamPassword.changePassword'));
      for (const value of [PASSWORDS.aliceInitial, PASSWORDS.aliceNew, PASSWORDS.aliceNew]) {
        const box = await driver.nextInputBox();
        await delay(this.thinkMs);
        await driver.enter(box, value);
      }
      const outcome = await Promise.race([done, delay(CHANGE_TIMEOUT_MS).then(() => 'timed out')]);
      if (outcome !== 'changed') {
        throw new Error(`the change ended with ${String(outcome)}: ${JSON.stringify(driver.notifications)}`);
      }
    } finally {
      driver.restore();
      this.api.ui.createInputBox = createInputBox;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    // tinyproxy writes its log line as it handles the CONNECT; give the file a moment.
    await delay(100);
    const requests = this.emulator.requests.slice(requestsBefore);
    const changePassword = requests.find((request) => request.action === 'ChangePassword');
    if (!changePassword) {
      throw new Error('ChangePassword never reached the emulator');
    }
    const connects = this.proxy.connects().length;
    const connectsAfterLastEnter = (
      fs
        .readFileSync(this.proxy.logFile)
        .subarray(this.proxyLogAtEnter)
        .toString('utf8')
        .match(/: CONNECT /g) ?? []
    ).length;
    return {
      route,
      host,
      rttMs,
      connections: relay.connections - relayBefore,
      connectionsAfterLastEnter: relay.connections - this.relayAtEnter,
      connects: connects - connectsBefore,
      connectsAfterLastEnter,
      handshakesAfterLastEnter: this.emulator.tlsHandshakes - this.handshakesAtEnter,
      changePasswordReused: requests.some((request) => request !== changePassword && request.connection === changePassword.connection),
      enterToLeavingMs: (this.leftAt ?? Number.NaN) - this.lastAcceptAt,
      enterToArrivalMs: changePassword.time.getTime() - (performance.timeOrigin + this.lastAcceptAt),
      enterToResultMs: this.resultAt - this.lastAcceptAt,
      loopDelayMaxMs: this.loopDelay.max / 1e6,
    };
  }

  /** The relays report here: the first bytes after the last Enter so far are ChangePassword's. */
  onClientData(at: number): void {
    if (this.leftAt === undefined && at >= this.lastAcceptAt) {
      this.leftAt = at;
    }
  }

  private onAccept(): void {
    this.lastAcceptAt = performance.now();
    this.leftAt = undefined;
    this.loopDelay.reset();
    this.loopDelay.enable();
    this.relayAtEnter = this.relay?.connections ?? 0;
    // Only the log's size: reading it here would delay the flow's own accept handler.
    this.proxyLogAtEnter = fs.existsSync(this.proxy.logFile) ? fs.statSync(this.proxy.logFile).size : 0;
    this.handshakesAtEnter = this.emulator.tlsHandshakes;
  }
}

async function measure(result: LastEnterResult): Promise<void> {
  const runs = numberFromEnv('IAMPW_LASTENTER_RUNS', 5);
  const rtts = (process.env.IAMPW_LASTENTER_RTTS ?? '0,100').split(',').map(Number);
  const hosts = (process.env.IAMPW_LASTENTER_HOSTS ?? REMOTE_HOST).split(',');
  const thinkMs = numberFromEnv('IAMPW_LASTENTER_THINK_MS', 3000);
  const dir = process.env.IAMPW_BENCH_RESULTS_DIR ?? '';
  const http = vscode.workspace.getConfiguration('http');
  result.proxySupport = http.get<string>('proxySupport');
  const api = await testApi();
  await api.store.ready();

  const seed = demoSeed();
  const emulator = await startEmulator({ seed, https: true });
  const emulatorPort = Number(new URL(emulator.httpsUrl ?? '').port);
  const targets: Target[] = [];
  // The relays start before the bench that listens to them.
  const listener: { bench?: Bench } = {};
  for (const host of hosts) {
    for (const rttMs of rtts) {
      const relay = await startLatencyRelay({ host: '127.0.0.1', port: emulatorPort }, rttMs, { host, onClientData: (at) => listener.bench?.onClientData(at) });
      targets.push({ host, rttMs, relay, profile: `alice-${host}-rtt-${rttMs}` });
    }
  }
  const proxy = await Tinyproxy.start({ connectPorts: targets.map((target) => target.relay.port), dir });
  const files = writeAwsConfig(path.join(dir, 'aws'), emulator, seed, { https: true });
  const key = seed.users?.find((user) => user.name === 'alice')?.accessKeys?.[0];
  if (!key) {
    throw new Error('the demo seed no longer has access keys for alice');
  }
  for (const { host, relay, profile } of targets) {
    fs.appendFileSync(
      files.configFile,
      `\n[profile ${profile}]\nregion = us-east-1\nendpoint_url = https://${host}:${relay.port}\nca_bundle = ${files.caBundleFile}\n`,
    );
    fs.appendFileSync(files.credentialsFile, `\n[${profile}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`);
  }
  process.env.AWS_CONFIG_FILE = files.configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
  await api.store.load();

  const bench = new Bench(api, emulator, proxy, thinkMs);
  listener.bench = bench;
  try {
    for (const route of (process.env.IAMPW_LASTENTER_ROUTES || 'direct,proxy').split(',') as Route[]) {
      await http.update('proxy', route === 'proxy' ? proxy.url() : undefined, vscode.ConfigurationTarget.Global);
      for (const target of targets) {
        // The first change of each kind warms the command bundle and the TLS session cache; it is not counted.
        await bench.change(route, target);
        for (let run = 0; run < runs; run++) {
          result.samples.push(await bench.change(route, target));
        }
      }
    }
  } finally {
    await http.update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await proxy.stop();
    await Promise.all(targets.map((target) => target.relay.stop()));
    await emulator.stop();
  }
}

export async function run(): Promise<void> {
  const dir = process.env.IAMPW_BENCH_RESULTS_DIR;
  if (!dir) {
    throw new Error('IAMPW_BENCH_RESULTS_DIR is not set');
  }
  const result: LastEnterResult = { pid: process.pid, samples: [] };
  try {
    await measure(result);
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  const file = path.join(dir, 'last-enter.json');
  fs.writeFileSync(`${file}.partial`, JSON.stringify(result));
  fs.renameSync(`${file}.partial`, file);
}
