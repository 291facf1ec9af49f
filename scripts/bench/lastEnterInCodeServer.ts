// The last Enter of a change in a real VS Code (code-server, default settings), to a host VS Code's
// proxy support treats as remote, directly and through tinyproxy as http.proxy: how many connections
// the change opens, how many after the last Enter, and how long the last Enter takes.
// Usage (under flock /tmp/vscode-suite.lock): node out/scripts/bench/lastEnterInCodeServer.js
//   [--runs=5] [--rtts=0,100] [--hosts=127.0.0.2,127.0.0.1] [--routes=direct,proxy] [--think=3000] [--extension=DIR] [--log=trace] [--keep]
//   (DIR: a built extension, default this repository; --log: code-server's log level; --keep: keep the run folder)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium, recordPageLog, workbenchUrl } from '../../test/harness/chromium';
import { startCodeServer } from '../../test/harness/codeServer';
import { repoRoot } from '../../test/harness/paths';
import { TestRun } from '../../test/harness/testRun';
import { tinyproxyPath } from '../../test/emulator/tinyproxy';
import { codeServerProblem } from './measureInCodeServer';
import type { LastEnterResult, LastEnterSample } from './lastEnterHost';
import { median } from './stats';

const RESULT_TIMEOUT_MS = 15 * 60_000;

function argument(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function waitForFile(file: string, stillRunning: () => boolean): Promise<string> {
  const deadline = Date.now() + RESULT_TIMEOUT_MS;
  while (!fs.existsSync(file)) {
    if (!stillRunning()) {
      throw new Error('code-server exited');
    }
    if (Date.now() > deadline) {
      throw new Error(`no result from the extension host after ${RESULT_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return fs.readFileSync(file, 'utf8');
}

function summarize(samples: LastEnterSample[]): string[] {
  const groups = new Map<string, LastEnterSample[]>();
  for (const sample of samples) {
    const key = `${sample.route} to ${sample.host} at ${sample.rttMs} ms RTT`;
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  const lines = [
    '| route | n | connections per change | after the last Enter | CONNECTs per change | after the last Enter | TLS handshakes after it | ChangePassword reused a connection | last Enter -> its bytes leave | last Enter -> at the emulator | last Enter -> result | host event loop held up (max) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [key, group] of groups) {
    const med = (pick: (sample: LastEnterSample) => number): string => `${Math.round(median(group.map(pick)) * 10) / 10}`;
    lines.push(
      `| ${key} | ${group.length} | ${med((s) => s.connections)} | ${med((s) => s.connectionsAfterLastEnter)} | ${med((s) => s.connects)} | ${med((s) => s.connectsAfterLastEnter)} | ` +
        `${med((s) => s.handshakesAfterLastEnter)} | ${group.filter((s) => s.changePasswordReused).length}/${group.length} | ${med((s) => s.enterToLeavingMs)} ms | ${med((s) => s.enterToArrivalMs)} ms | ${med((s) => s.enterToResultMs)} ms | ${med((s) => s.loopDelayMaxMs)} ms |`,
    );
  }
  return lines;
}

async function main(): Promise<number> {
  const missing = codeServerProblem() ?? (tinyproxyPath() ? undefined : 'missing tinyproxy');
  if (missing) {
    console.error(`cannot measure: ${missing}`);
    return 1;
  }
  const extensionPath = path.resolve(argument('extension') ?? repoRoot);
  const run = TestRun.create('last-enter');
  const resultsDir = path.join(run.dirs.root, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  let result: LastEnterResult | undefined;
  try {
    const server = await startCodeServer({
      folder: run.dirs.workspaceDir,
      userDataDir: run.dirs.userDataDir,
      extensionsDir: run.dirs.extensionsDir,
      logFile: run.dirs.logFile,
      env: {
        IAMPW_BENCH_RESULTS_DIR: resultsDir,
        IAMPW_LASTENTER_RUNS: argument('runs') ?? '',
        IAMPW_LASTENTER_RTTS: argument('rtts') ?? '0,100',
        IAMPW_LASTENTER_HOSTS: argument('hosts') ?? '127.0.0.2',
        IAMPW_LASTENTER_ROUTES: argument('routes') ?? '',
        IAMPW_LASTENTER_THINK_MS: argument('think') ?? '',
      },
      logLevel: argument('log') as 'trace' | 'debug' | 'info' | undefined,
    });
    run.track({ name: 'code-server', stop: server.stop, kill: server.kill });
    const browser = await launchChromium({ dataDir: run.dirs.browserDataDir });
    run.track({ name: 'chromium', stop: () => browser.close() });
    const page = await browser.newPage();
    recordPageLog(page, run.dirs.logFile);
    await page.goto(
      workbenchUrl(server.url, {
        folder: run.dirs.workspaceDir,
        extensionDevelopmentPath: extensionPath,
        extensionTestsPath: path.join(__dirname, 'lastEnterHost.js'),
      }),
    );
    result = JSON.parse(await waitForFile(path.join(resultsDir, 'last-enter.json'), server.isRunning)) as LastEnterResult;
  } finally {
    await run.close({ keep: process.argv.includes('--keep') || result === undefined || result.error !== undefined });
  }
  console.log(`extension: ${extensionPath}; http.proxySupport: ${result.proxySupport}`);
  console.log(summarize(result.samples).join('\n'));
  if (result.error) {
    console.error(`in the extension host: ${result.error} (run folder kept: ${run.dirs.root})`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
