import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium, recordPageLog, workbenchUrl } from '../../test/harness/chromium';
import { startCodeServer } from '../../test/harness/codeServer';
import { CODE_SERVER_VERSION, findChromium, findCodeServer } from '../../test/harness/paths';
import type { TestRun } from '../../test/harness/testRun';
import type { HostResult } from './hostBench';
import type { Row } from './report';
import { formatMib, formatMs, median, round } from './stats';

const HOST_RESULT_TIMEOUT_MS = 90_000;
const HOST_EXIT_TIMEOUT_MS = 5_000;
const ACTIVATION_BUDGET_MS = 10;
const WARM_BOX_BUDGET_MS = 150;

/** Why the real VS Code cannot be used here, or undefined when it can. */
export function codeServerProblem(): string | undefined {
  const missing = [
    findCodeServer() ? undefined : `code-server ${CODE_SERVER_VERSION} (bash scripts/setup-test-env.sh)`,
    findChromium() ? undefined : 'Chromium at /usr/bin/chromium',
  ].filter(Boolean);
  return missing.length > 0 ? `missing ${missing.join(' and ')}` : undefined;
}

async function waitForExit(pid: number): Promise<void> {
  const deadline = Date.now() + HOST_EXIT_TIMEOUT_MS;
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (alive() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForNewResult(dir: string, seen: Set<string>, stillRunning: () => boolean): Promise<HostResult> {
  const deadline = Date.now() + HOST_RESULT_TIMEOUT_MS;
  for (;;) {
    const file = fs.readdirSync(dir).find((name) => name.endsWith('.json') && !seen.has(name));
    if (file) {
      seen.add(file);
      return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as HostResult;
    }
    if (!stillRunning()) {
      throw new Error('code-server exited');
    }
    if (Date.now() > deadline) {
      throw new Error(`no result from the extension host after ${HOST_RESULT_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Opens `windows` VS Code windows one after another, each with a new extension host that loads
 * the extension from `extensionPath` and runs hostBench.js: one cold and `boxRuns - 1` warm commands per window.
 */
export async function measureInCodeServer(
  run: TestRun,
  extensionPath: string,
  env: Record<string, string>,
  windows: number,
  boxRuns: number,
): Promise<HostResult[]> {
  const resultsDir = path.join(run.dirs.root, 'host-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const server = await startCodeServer({
    folder: run.dirs.workspaceDir,
    userDataDir: run.dirs.userDataDir,
    extensionsDir: run.dirs.extensionsDir,
    logFile: run.dirs.logFile,
    env: { ...env, IAMPW_BENCH_RESULTS_DIR: resultsDir, IAMPW_BENCH_BOX_RUNS: String(boxRuns) },
  });
  run.track({ name: 'code-server', stop: server.stop, kill: server.kill });
  const browser = await launchChromium({ dataDir: run.dirs.browserDataDir });
  run.track({ name: 'chromium', stop: () => browser.close() });

  const url = workbenchUrl(server.url, {
    folder: run.dirs.workspaceDir,
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: path.join(__dirname, 'hostBench.js'),
  });
  const seen = new Set<string>();
  const results: HostResult[] = [];
  for (let i = 0; i < windows; i++) {
    const page = await browser.newPage();
    recordPageLog(page, run.dirs.logFile);
    await page.goto(url);
    const result = await waitForNewResult(resultsDir, seen, server.isRunning);
    await page.close();
    // The next window's timings must not share the CPU with this host shutting down.
    await waitForExit(result.pid);
    if (result.error) {
      throw new Error(`in the extension host: ${result.error} (log: ${run.dirs.logFile})`);
    }
    results.push(result);
  }
  return results;
}

function medianOf(hosts: HostResult[], pick: (host: HostResult) => number | undefined): number | undefined {
  const values = hosts.map(pick).filter((value): value is number => value !== undefined);
  return values.length > 0 ? median(values) : undefined;
}

export function codeServerRows(hosts: HostResult[]): { rows: Row[]; notes: string[] } {
  const peakRssKib = medianOf(hosts, (host) => host.maxRssKib);
  const coldGrowthKib = medianOf(hosts, (host) =>
    host.rssAfterColdKib === undefined || host.rssBeforeKib === undefined ? undefined : host.rssAfterColdKib - host.rssBeforeKib,
  );
  const cold = hosts.map((host) => host.boxMs[0]);
  const warm = hosts.flatMap((host) => host.boxMs.slice(1));
  const bundles = [...new Set(hosts.flatMap((host) => Object.keys(host.coldRequireMs)))].sort();
  const requireParts = Object.fromEntries(bundles.map((name) => [`require ${name}`, round(median(hosts.map((host) => host.coldRequireMs[name] ?? 0)))]));
  const requireText = bundles.map((name) => `${name} ${formatMs(requireParts[`require ${name}`])}`).join(' + ');
  const rows: Row[] = [
    {
      key: 'firstBox.cold',
      section: 2,
      figure: `command -> first input box, cold (code-server, new window; require ${requireText || 'nothing'})`,
      value: formatMs(median(cold)),
      median: median(cold),
      unit: 'ms',
      samples: cold.map((ms) => round(ms)),
      parts: { ...requireParts, ...(coldGrowthKib === undefined ? {} : { 'host RSS growth KiB': round(coldGrowthKib, 0) }) },
      peakRssKib,
      runs: cold.length,
    },
    {
      key: 'firstBox.warm',
      section: 2,
      figure: 'command -> first input box, warm (code-server: later commands, same window)',
      value: formatMs(median(warm)),
      median: median(warm),
      unit: 'ms',
      samples: warm.map((ms) => round(ms)),
      runs: warm.length,
      peakRssKib,
      budget: '< 150 ms',
      verdict: median(warm) < WARM_BOX_BUDGET_MS ? 'pass' : 'miss',
    },
  ];
  const estimatorLoads = hosts.flatMap((host) => (host.estimatorLoadMs === undefined ? [] : [host.estimatorLoadMs]));
  if (estimatorLoads.length > 0) {
    rows.push({
      key: 'estimator.codeServer',
      section: 2,
      figure: 'new-password box -> its first estimate: require passwordStrength.js once the box is shown (code-server, cold)',
      value: formatMs(median(estimatorLoads)),
      median: median(estimatorLoads),
      unit: 'ms',
      samples: estimatorLoads.map((ms) => round(ms)),
      runs: estimatorLoads.length,
    });
  }
  const marks = hosts.flatMap((host) => (host.activation ? [host.activation] : []));
  if (marks.length > 0) {
    const totals = marks.map((mark) => mark.loadMs + mark.activateMs);
    rows.unshift({
      key: 'activation.codeServer',
      section: 1,
      figure: `activation in code-server: load ${formatMs(median(marks.map((m) => m.loadMs)))} + activate() ${formatMs(median(marks.map((m) => m.activateMs)))} (VS Code's marks)`,
      value: formatMs(median(totals)),
      median: median(totals),
      unit: 'ms',
      samples: totals,
      runs: totals.length,
      budget: '<= 10 ms',
      verdict: median(totals) <= ACTIVATION_BUDGET_MS ? 'pass' : 'miss',
    });
  }
  const notes = [
    'Command -> first input box: from executeCommand to the flow creating its first input box (shown in the same tick) in the extension host, profiles already read; painting it in the browser is not included. ' +
      `Peak RSS there is the whole extension host's, VS Code's share included${coldGrowthKib === undefined ? '' : `; the first command grew it by ${formatMib(coldGrowthKib)}`}.`,
  ];
  return { rows, notes };
}
