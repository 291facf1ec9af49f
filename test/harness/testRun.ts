import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestRunDirs {
  /** The per-run temp folder everything else lives in. */
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** The folder the VS Code window opens. */
  workspaceDir: string;
  /** For the AWS config and credentials files the tests use. */
  awsDir: string;
  /** Chromium's config and cache. */
  browserDataDir: string;
  /** code-server's output, the browser's console and the launcher's own notes. */
  logFile: string;
}

export interface Resource {
  name: string;
  stop(): Promise<void> | void;
  /** Synchronous fallback for when the process is exiting and cannot wait. */
  kill?(): void;
}

/**
 * A per-run temp folder plus everything started for the run. close() stops it all in reverse
 * order and removes the folder; a SIGINT or SIGTERM does the same before exiting.
 */
export class TestRun {
  private readonly resources: Resource[] = [];
  private closing: Promise<void> | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.note(`received ${signal}; stopping everything`);
    void this.close({ keep: false }).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  private readonly onExit = (): void => {
    for (const resource of this.resources) {
      resource.kill?.();
    }
  };

  private constructor(readonly dirs: TestRunDirs) {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
    process.once('exit', this.onExit);
  }

  /** Creates <tmp>/iampw-<name>-XXXXXX with fresh user-data, extensions, workspace and AWS folders. */
  static create(name: string): TestRun {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `iampw-${name}-`));
    const dirs: TestRunDirs = {
      root,
      userDataDir: path.join(root, 'user-data'),
      extensionsDir: path.join(root, 'extensions'),
      workspaceDir: path.join(root, 'workspace'),
      awsDir: path.join(root, 'aws'),
      browserDataDir: path.join(root, 'browser'),
      logFile: path.join(root, 'run.log'),
    };
    for (const dir of [dirs.userDataDir, dirs.extensionsDir, dirs.workspaceDir, dirs.awsDir, dirs.browserDataDir]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    return new TestRun(dirs);
  }

  /** Registers something to stop when the run closes (last registered stops first). */
  track(resource: Resource): void {
    this.resources.push(resource);
  }

  /** Appends a timestamped line to the run's log file. */
  note(line: string): void {
    fs.appendFileSync(this.dirs.logFile, `${new Date().toISOString()} [run] ${line}\n`);
  }

  /**
   * Stops everything tracked and removes the temp folder, unless keep is set or env
   * IAMPW_KEEP_TEST_DIR=1 (then the folder stays for debugging). Safe to call twice.
   */
  close(options: { keep: boolean }): Promise<void> {
    this.closing ??= this.stopAll(options.keep || process.env.IAMPW_KEEP_TEST_DIR === '1');
    return this.closing;
  }

  private async stopAll(keep: boolean): Promise<void> {
    for (const resource of [...this.resources].reverse()) {
      try {
        await resource.stop();
      } catch (error) {
        this.note(`stopping ${resource.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        resource.kill?.();
      }
    }
    this.resources.length = 0;
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('exit', this.onExit);
    if (!keep) {
      fs.rmSync(this.dirs.root, { recursive: true, force: true });
    }
  }
}
