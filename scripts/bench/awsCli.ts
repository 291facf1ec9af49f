import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

/** Debian's AWS CLI v2. The `aws` on PATH here is a pyenv shim for CLI v1. */
export const AWS_CLI = '/usr/bin/aws';
/** The interpreter of Debian's awscli package; it also reports the CLI's peak memory. */
const PYTHON = '/usr/bin/python3';

// Node cannot read a child's rusage, Python can: run the CLI as a subprocess and report its wall
// time and ru_maxrss (KiB on Linux). The wrapper's own start-up is outside the timed part.
const RUSAGE_WRAPPER = `
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, capture_output=True)
wall_ms = (time.perf_counter() - started) * 1000
print(json.dumps({"wallMs": wall_ms, "maxRssKib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "exitCode": done.returncode, "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))
`;

export interface CliRun {
  wallMs: number;
  maxRssKib: number;
}

/** Why the CLI cannot be measured here, or undefined when it can. */
export function cliProblem(): string | undefined {
  if (!fs.existsSync(AWS_CLI)) {
    return `${AWS_CLI} is missing (Debian package awscli, AWS CLI v2)`;
  }
  if (!fs.existsSync(PYTHON)) {
    return `${PYTHON} is missing, so the CLI's peak memory cannot be read`;
  }
  return undefined;
}

export function cliVersion(): Promise<string> {
  return new Promise((resolve) => {
    execFile(AWS_CLI, ['--version'], { env: { PATH: '/usr/bin:/bin' } }, (error, stdout) => {
      resolve(error ? 'unknown' : (stdout.split(' ')[0]?.replace('aws-cli/', '') ?? 'unknown'));
    });
  });
}

export interface CliTarget {
  endpoint: string;
  env: Record<string, string>;
}

/**
 * `aws iam change-password --old-password X --new-password Y --endpoint-url URL`, exactly as a
 * user types it (throwaway emulator passwords; they are never printed).
 */
export function cliChangePassword(target: CliTarget, oldPassword: string, newPassword: string): Promise<CliRun> {
  const args = [
    '-c',
    RUSAGE_WRAPPER,
    AWS_CLI,
    'iam',
    'change-password',
    '--old-password',
    oldPassword,
    '--new-password',
    newPassword,
    '--endpoint-url',
    target.endpoint,
  ];
  return new Promise((resolve, reject) => {
    execFile(PYTHON, args, { env: target.env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        // Not error.message: it repeats the command line, passwords included.
        reject(new Error(`the CLI wrapper failed (${error.code ?? error.signal}): ${stderr.trim().slice(-500)}`));
        return;
      }
      const run = JSON.parse(stdout) as CliRun & { exitCode: number; stderr: string };
      if (run.exitCode !== 0) {
        reject(new Error(`aws iam change-password exited with ${run.exitCode}: ${run.stderr.trim()}`));
        return;
      }
      resolve({ wallMs: run.wallMs, maxRssKib: run.maxRssKib });
    });
  });
}
