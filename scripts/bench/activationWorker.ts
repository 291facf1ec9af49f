// Worker: require(dist/extension.js) + activate() once, in this fresh process, against the
// vscode stand-in; reports the times and every module file the activation loaded.
import Module from 'node:module';
import { performance } from 'node:perf_hooks';
import { createExtensionContext, createVscodeStandIn } from './vscodeStandIn';
import { maxRssKib, requireFor, serveTask, useFileHandles } from './worker';

export interface ActivationTask {
  extensionMain: string;
  extensionPath: string;
  /** Call useFileHandles() before timing, as an extension host has long done before it activates anything. */
  warmFileHandles: boolean;
}

export interface ActivationResult {
  requireMs: number;
  activateMs: number;
  /** From activate() returning until the status bar item shows a profile; undefined if it never did. */
  statusBarMs?: number;
  /** Absolute paths of the module files that require + activate loaded (not Node's built-ins). */
  loadedFiles: string[];
  registeredCommands: string[];
  /** Rejections nobody handled while the background work settled: a gap in the stand-in, or a bug. */
  asyncErrors: string[];
  maxRssKib: number;
}

const SETTLE_TIMEOUT_MS = 1000;

serveTask<ActivationTask, ActivationResult>(async (task) => {
  if (task.warmFileHandles) {
    await useFileHandles();
  }
  const standIn = createVscodeStandIn();
  const originalRequire = Module.prototype.require;
  Module.prototype.require = function (this: Module, id: string) {
    return id === 'vscode' ? standIn.api : originalRequire.call(this, id);
  } as typeof originalRequire;
  const asyncErrors: string[] = [];
  process.on('unhandledRejection', (reason) => asyncErrors.push(reason instanceof Error ? reason.message : String(reason)));

  const context = createExtensionContext(task.extensionPath);
  const load = requireFor(task.extensionMain);
  const before = new Set(Object.keys(require.cache));
  const started = performance.now();
  const extension = load(task.extensionMain) as { activate(context: unknown): unknown };
  const required = performance.now();
  extension.activate(context);
  const activated = performance.now();

  // The profile list is read after activate() returns; wait for the status bar to show it.
  const initialText = standIn.statusBarItems[0]?.text;
  let statusBarMs: number | undefined;
  while (performance.now() - activated < SETTLE_TIMEOUT_MS) {
    const item = standIn.statusBarItems[0];
    if (item && item.text !== initialText) {
      statusBarMs = item.textChangedAt - activated;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }

  return {
    requireMs: required - started,
    activateMs: activated - required,
    statusBarMs,
    loadedFiles: Object.keys(require.cache).filter((file) => !before.has(file)),
    registeredCommands: standIn.registeredCommands,
    asyncErrors,
    maxRssKib: maxRssKib(),
  };
});
