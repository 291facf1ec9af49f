// A measurement runs in a fresh Node process ("worker") so that nothing the bench itself loaded
// warms it up. The task goes over the IPC channel, never on the command line (it may hold
// passwords), and the result comes back the same way.
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

type Reply<Result> = { ok: true; result: Result } | { ok: false; error: string };

export interface WorkerRun<Result> {
  result: Result;
  /** From spawn to exit, as seen by the parent: Node's own start-up included. */
  wallMs: number;
}

const WORKER_TIMEOUT_MS = 60_000;

/** Runs `script` (a compiled worker module) with `task`, and resolves with what it sent back. */
export function runWorker<Task extends object, Result>(script: string, task: Task, env: NodeJS.ProcessEnv): Promise<WorkerRun<Result>> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = fork(script, [], { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    let reply: Reply<Result> | undefined;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('message', (message) => (reply = message as Reply<Result>));
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - startedAt;
      if (reply?.ok) {
        resolve({ result: reply.result, wallMs });
      } else {
        const why = reply ? reply.error : `exited with ${signal ?? `code ${code}`} and no result`;
        reject(new Error(`${path.basename(script)}: ${why}${stderr ? `\n${stderr.trim()}` : ''}`));
      }
    });
    child.send(task);
  });
}

/** The worker side: handles the one task it is sent, replies, and exits. */
export function serveTask<Task, Result>(handle: (task: Task) => Promise<Result>): void {
  process.once('message', (task) => {
    handle(task as Task).then(
      (result) => send({ ok: true, result }),
      (error: unknown) => send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

function send<Result>(reply: Reply<Result>): void {
  process.send?.(reply, () => process.exit(0));
}

/**
 * Opens, stats, reads and closes a file with fs.promises. Node loads that machinery on first use,
 * which costs a fresh process several milliseconds that an extension host paid long ago.
 */
export async function useFileHandles(): Promise<void> {
  const handle = await fs.promises.open(__filename, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  await handle.stat();
  await handle.readFile();
  await handle.close();
}

/** Peak resident memory of this process so far, in KiB. */
export function maxRssKib(): number {
  return process.resourceUsage().maxRSS;
}

/** A require() for a build output named at run time (the bundle under test), loaded as VS Code loads it. */
export function requireFor(file: string): (id: string) => unknown {
  return createRequire(file);
}
