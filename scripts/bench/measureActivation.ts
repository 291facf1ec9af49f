import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ActivationResult, ActivationTask } from './activationWorker';
import { notMeasured, type Row } from './report';
import { formatKib, formatMs, median, round } from './stats';
import { runWorker } from './worker';

export interface DistFile {
  name: string;
  bytes: number;
  /** Holds AWS SDK code (its package names appear in the bundle). */
  holdsSdk: boolean;
}

const ACTIVATION_BUDGET_MS = 10;
const EXTENSION_BUDGET_BYTES = 30 * 1024;
const DIST_BUDGET_BYTES = 700 * 1024;
/** The strength estimator's bundle, loaded only by the new-password box: the budget is "< 700 KB + estimator". */
const ESTIMATOR_BUNDLE = 'passwordStrength.js';

/** Every file in dist/, whatever the bundles are called and however many there are. */
export function listDist(distDir: string): DistFile[] {
  return fs
    .readdirSync(distDir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(distDir, entry.name);
      const bytes = fs.statSync(file).size;
      const holdsSdk = entry.name.endsWith('.js') && fs.readFileSync(file, 'utf8').includes('@aws-sdk/');
      return { name: entry.name, bytes, holdsSdk };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function sizeRows(extensionMain: string, dist: DistFile[]): Row[] {
  const mainName = path.basename(extensionMain);
  const main = dist.find((file) => file.name === mainName);
  const missing = `dist/${mainName} does not exist: build first (node esbuild.mjs --production)`;
  if (!main) {
    return [
      notMeasured('size.extension', 1, `dist/${mainName} size`, missing, '< 30 KB'),
      notMeasured('size.dist', 1, 'dist/ total size', missing, '< 700 KB'),
    ];
  }
  const budgeted = dist.filter((file) => file.name !== ESTIMATOR_BUNDLE);
  const estimator = dist.find((file) => file.name === ESTIMATOR_BUNDLE);
  const total = budgeted.reduce((sum, file) => sum + file.bytes, 0);
  const estimatorRow: Row[] = estimator
    ? [
        {
          key: 'size.estimator',
          section: 1,
          figure: `dist/${ESTIMATOR_BUNDLE} size (the strength estimator, loaded when the new-password box opens)`,
          value: formatKib(estimator.bytes),
          median: estimator.bytes,
          unit: 'bytes',
        },
      ]
    : [];
  return [
    {
      key: 'size.extension',
      section: 1,
      figure: `dist/${mainName} size (the activation bundle)`,
      value: formatKib(main.bytes),
      median: main.bytes,
      unit: 'bytes',
      budget: '< 30 KB',
      verdict: main.bytes < EXTENSION_BUDGET_BYTES ? 'pass' : 'miss',
    },
    {
      key: 'size.dist',
      section: 1,
      figure: `dist/ total size (${budgeted.map((file) => file.name).join(', ')})`,
      value: formatKib(total),
      median: total,
      unit: 'bytes',
      budget: estimator ? '< 700 KB + estimator' : '< 700 KB',
      verdict: total < DIST_BUDGET_BYTES ? 'pass' : 'miss',
    },
    ...estimatorRow,
  ];
}

export interface ActivationMeasurement {
  rows: Row[];
  notes: string[];
}

function activationRow(key: string, figure: string, results: ActivationResult[], budgeted: boolean): Row {
  const totals = results.map((r) => r.requireMs + r.activateMs);
  const ms = median(totals);
  return {
    key,
    section: 1,
    figure: `${figure}: require ${formatMs(median(results.map((r) => r.requireMs)))} + activate() ${formatMs(median(results.map((r) => r.activateMs)))}`,
    value: formatMs(ms),
    median: ms,
    unit: 'ms',
    samples: totals.map((t) => round(t, 3)),
    parts: {
      requireMs: round(median(results.map((r) => r.requireMs)), 3),
      activateMs: round(median(results.map((r) => r.activateMs)), 3),
    },
    runs: results.length,
    peakRssKib: median(results.map((r) => r.maxRssKib)),
    ...(budgeted ? { budget: '<= 10 ms', verdict: ms <= ACTIVATION_BUDGET_MS ? 'pass' : 'miss' } : {}),
  };
}

export async function measureActivation(
  task: Omit<ActivationTask, 'warmFileHandles'>,
  dist: DistFile[],
  runs: number,
  env: NodeJS.ProcessEnv,
): Promise<ActivationMeasurement> {
  const worker = path.join(__dirname, 'activationWorker.js');
  const warm: ActivationResult[] = [];
  const cold: ActivationResult[] = [];
  for (let i = 0; i < runs; i++) {
    warm.push((await runWorker<ActivationTask, ActivationResult>(worker, { ...task, warmFileHandles: true }, env)).result);
    cold.push((await runWorker<ActivationTask, ActivationResult>(worker, { ...task, warmFileHandles: false }, env)).result);
  }
  const distDir = path.dirname(task.extensionMain);
  const sdkBundles = new Set(dist.filter((file) => file.holdsSdk).map((file) => path.join(distDir, file.name)));
  const loaded = [...new Set([...warm, ...cold].flatMap((r) => r.loadedFiles))];
  const sdkLoaded = loaded.filter((file) => sdkBundles.has(file) || /[\\/]node_modules[\\/]@(aws-sdk|smithy)[\\/]/.test(file));
  const distLoaded = loaded.filter((file) => path.dirname(file) === distDir).map((file) => path.basename(file));
  const statusBar = warm.map((r) => r.statusBarMs).filter((ms): ms is number => ms !== undefined);
  const asyncErrors = [...new Set([...warm, ...cold].flatMap((r) => r.asyncErrors))];
  const main = path.basename(task.extensionMain);

  const notes = [
    `Activation (stand-in) loaded ${loaded.length} module file(s) (${distLoaded.join(', ') || 'none from dist/'}) and registered ${warm[0].registeredCommands.length} commands; ` +
      (statusBar.length > 0
        ? `the status bar showed the profile ${formatMs(median(statusBar))} after activate() returned (the profiles are read in the background).`
        : 'the status bar never showed a profile within 1 s.'),
    '"File handles warm": before timing, the worker opens, stats, reads and closes one file with fs.promises, as an extension host has long done before it activates anything; a fresh Node loads that machinery on first use (the "nothing warm" row includes it). The profile workers do the same.',
  ];
  if (asyncErrors.length > 0) {
    notes.push(`Background errors after the stand-in activation (a stand-in gap or a bug): ${asyncErrors.join('; ')}`);
  }
  return {
    rows: [
      activationRow('activation.standIn', `activation of dist/${main}, Node + vscode stand-in, file handles warm`, warm, true),
      activationRow('activation.standInColdNode', `activation of dist/${main}, Node + vscode stand-in, nothing warm`, cold, false),
      {
        key: 'activation.sdkModules',
        section: 1,
        figure: 'AWS SDK code loaded by activation',
        value: sdkLoaded.length === 0 ? 'none' : sdkLoaded.map((file) => path.basename(file)).join(', '),
        median: sdkLoaded.length,
        unit: 'modules',
        budget: 'none',
        verdict: sdkLoaded.length === 0 ? 'pass' : 'miss',
      },
    ],
    notes,
  };
}
