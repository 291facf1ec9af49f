/** Running the AWS CLI v2 from the tests: where it is, and how many at once (each takes about a second to start). */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

/**
 * Debian's /usr/bin/aws, since `aws` on PATH may be another version; IAMPW_AWS_CLI names another
 * one (the CI runners for Windows and macOS, where /usr/bin/aws cannot be).
 */
export const AWS_CLI = process.env.IAMPW_AWS_CLI || '/usr/bin/aws';
export const PARALLEL_CLI_RUNS = 4;

/** Caps how many CLI processes run at once. */
export class Limiter {
  private readonly waiting: Array<() => void> = [];

  constructor(private free: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.free === 0) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.free -= 1;
    try {
      return await task();
    } finally {
      this.free += 1;
      this.waiting.shift()?.();
    }
  }
}

/** Skips the calling suite without the CLI, loudly; under CI=true its absence fails instead. */
export function requireAwsCli(suite: Mocha.Context): void {
  if (existsSync(AWS_CLI)) {
    return;
  }
  if (process.env.CI === 'true') {
    assert.fail(`${AWS_CLI} is missing; CI must run the AWS CLI cross-check`);
  }
  console.warn(`\n  !!! ${AWS_CLI} not found: the AWS CLI cross-check was SKIPPED (install the Debian package awscli).\n`);
  suite.skip();
}
