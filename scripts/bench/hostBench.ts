// Loaded by VS Code as the extension tests module (extensionTestsPath), inside a real extension
// host: times iamPassword.changePassword from the command to its first input box, first (cold)
// and again (warm), and reads the host's own activation marks. Results go to a file, because
// nothing reports back from VS Code web to the launcher.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';

export interface HostResult {
  pid: number;
  /** From the extension host's performance marks (whole milliseconds). */
  activation?: { loadMs: number; activateMs: number };
  /** Command -> first input box; the first entry is the cold one. */
  boxMs: number[];
  /** What the cold command spent requiring the lazily loaded bundles, by file name. */
  coldRequireMs: Record<string, number>;
  /** require(dist/passwordStrength.js), when the build made it: what the new-password box's first estimate waits for. */
  estimatorLoadMs?: number;
  /** The extension host's resident memory just before and just after the cold command, KiB. */
  rssBeforeKib?: number;
  rssAfterColdKib?: number;
  /** The extension host's peak resident memory at the end (VS Code's own share included), KiB. */
  maxRssKib?: number;
  error?: string;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const FLOW_END_TIMEOUT_MS = 10_000;

interface PerformanceMark {
  name: string;
  startTime: number;
}

function extensionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; publisher: string };
  return `${manifest.publisher}.${manifest.name}`;
}

/** The load and activate() durations VS Code itself marked (what Show Running Extensions shows). */
function activationMarks(id: string): HostResult['activation'] {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): PerformanceMark[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string): number | undefined => marks.find((mark) => mark.name === `code/extHost/${name}/${id}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(
    at,
  );
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) {
    return undefined;
  }
  return { loadMs: didLoad - willLoad, activateMs: didActivate - willActivate };
}

/** Times the extension's require('./x.js') of its own lazily loaded bundles until stop() is called. */
function timeBundleRequires(): () => Record<string, number> {
  const original = Module.prototype.require;
  const times: Record<string, number> = {};
  Module.prototype.require = function (this: Module, id: string) {
    if (!/^\.\/[\w-]+\.js$/.test(id)) {
      return original.call(this, id);
    }
    const started = performance.now();
    try {
      return original.call(this, id);
    } finally {
      times[id.slice(2)] = (times[id.slice(2)] ?? 0) + performance.now() - started;
    }
  } as typeof original;
  return () => {
    Module.prototype.require = original;
    return times;
  };
}

/** Loads the strength estimator's own bundle, if there is one, as the new-password box does once it is shown. */
function timeEstimatorLoad(extensionPath: string): number | undefined {
  const bundle = path.join(extensionPath, 'dist', 'passwordStrength.js');
  if (!fs.existsSync(bundle)) {
    return undefined;
  }
  const started = performance.now();
  Module.createRequire(bundle)(bundle);
  return performance.now() - started;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the command, notes when its first input box is created (it is shown in the same tick), then cancels it. */
async function timeFirstBox(api: TestApi): Promise<number> {
  const createInputBox = api.ui.createInputBox;
  let box: vscode.InputBox | undefined;
  let createdAt = 0;
  const boxCreated = new Promise<void>((resolve) => {
    api.ui.createInputBox = () => {
      createdAt = performance.now();
      box = createInputBox();
      resolve();
      return box;
    };
  });
  try {
    const started = performance.now();
    const flow = vscode.commands.executeCommand('iamPassword.changePassword');
    await Promise.race([
      boxCreated,
      Promise.resolve(flow).then(() => Promise.reject(new Error('the command ended without asking for a password: see the extension log'))),
    ]);
    const ms = createdAt - started;
    box?.hide();
    await withTimeout(Promise.resolve(flow), FLOW_END_TIMEOUT_MS, 'the flow did not end after cancelling');
    return ms;
  } finally {
    api.ui.createInputBox = createInputBox;
  }
}

export async function run(): Promise<void> {
  const resultsDir = process.env.IAMPW_BENCH_RESULTS_DIR;
  if (!resultsDir) {
    throw new Error('IAMPW_BENCH_RESULTS_DIR is not set');
  }
  const runs = Number(process.env.IAMPW_BENCH_BOX_RUNS) || 8;
  const result: HostResult = { pid: process.pid, boxMs: [], coldRequireMs: {} };
  try {
    const id = extensionId();
    const extension = vscode.extensions.getExtension<TestApi | undefined>(id);
    if (!extension) {
      throw new Error(`${id} is not loaded`);
    }
    const api = await extension.activate();
    if (!api) {
      throw new Error('activate() returned no test API: is the extension running in test mode?');
    }
    result.activation = activationMarks(id);
    // A person cannot reach the palette before the profiles are read; the command is timed after.
    await api.store.ready();
    result.rssBeforeKib = process.memoryUsage().rss / 1024;
    const stopTiming = timeBundleRequires();
    try {
      result.boxMs.push(await timeFirstBox(api));
    } finally {
      result.coldRequireMs = stopTiming();
    }
    result.rssAfterColdKib = process.memoryUsage().rss / 1024;
    for (let i = 1; i < runs; i++) {
      result.boxMs.push(await timeFirstBox(api));
    }
    result.estimatorLoadMs = timeEstimatorLoad(extension.extensionPath);
    result.maxRssKib = process.resourceUsage().maxRSS;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  const file = path.join(resultsDir, `host-${process.pid}.json`);
  fs.writeFileSync(`${file}.partial`, JSON.stringify(result));
  fs.renameSync(`${file}.partial`, file);
}
