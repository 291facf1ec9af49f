import * as fs from 'node:fs';

/** What a mocha run inside the extension host reports back to the launcher through a file. */
export interface TestResults {
  passed: number;
  failed: number;
  /** Skipped tests (it.skip, this.skip()). */
  pending: number;
  durationMs: number;
  tests: TestOutcome[];
  failures: TestFailure[];
}

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
}

export interface TestFailure {
  title: string;
  message: string;
  stack?: string;
}

/** Writes the results atomically, so a launcher polling for the file never reads half of it. */
export function writeResults(file: string, results: TestResults): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, file);
}

export function readResults(file: string): TestResults {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TestResults;
}

/** Resolves with the results once the file appears; rejects after timeoutMs or when stillRunning() turns false. */
export async function waitForResults(file: string, timeoutMs: number, stillRunning: () => string | undefined): Promise<TestResults> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    const stopped = stillRunning();
    if (stopped) {
      throw new Error(`no test results: ${stopped}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`no test results after ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return readResults(file);
}

/** `N passed, N failed`, plus `, N skipped` when any were skipped. */
export function summaryLine(results: TestResults): string {
  const skipped = results.pending > 0 ? `, ${results.pending} skipped` : '';
  return `${results.passed} passed, ${results.failed} failed${skipped}`;
}

/** A mocha-like report: one line per test, then each failure with its stack, then the summary line. */
export function formatResults(results: TestResults): string {
  const lines: string[] = [''];
  let failureNumber = 0;
  for (const test of results.tests) {
    const duration = test.durationMs === undefined ? '' : ` (${test.durationMs} ms)`;
    if (test.state === 'passed') {
      lines.push(`  ✔ ${test.title}${duration}`);
    } else if (test.state === 'pending') {
      lines.push(`  - ${test.title} (skipped)`);
    } else {
      failureNumber += 1;
      lines.push(`  ${failureNumber}) ${test.title}`);
    }
  }
  results.failures.forEach((failure, index) => {
    lines.push('', `  ${index + 1}) ${failure.title}:`, ...failure.message.split('\n').map((line) => (line ? `     ${line}` : '')));
    const frames = (failure.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    lines.push(...frames.map((frame) => `     ${frame.trim()}`));
  });
  lines.push('', `Finished in ${(results.durationMs / 1000).toFixed(1)} s`, summaryLine(results));
  return lines.join('\n');
}

/** 0 only when every test passed and at least one ran. */
export function exitCodeFor(results: TestResults): number {
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}
