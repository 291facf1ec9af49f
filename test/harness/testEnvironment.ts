import { demoSeed, startEmulator, writeAwsConfig } from '../emulator';
import type { TestRun } from './testRun';

/**
 * Inherited variables a test VS Code must not see: the developer's own AWS identity (a test
 * must never reach a real account) and the VS Code session the launcher may run inside.
 */
export function isLeakingVariable(name: string): boolean {
  return /^(AWS_|VSCODE_)/.test(name) || name === 'ELECTRON_RUN_AS_NODE';
}

/**
 * Starts the IAM/STS emulator with the demo seed for the run (stopped when the run closes),
 * writes AWS config and credentials files whose profiles point at it, and returns the
 * variables the extension host needs to use them.
 */
export async function startTestBackend(run: TestRun): Promise<Record<string, string>> {
  const seed = demoSeed();
  const emulator = await startEmulator({
    seed,
    onRequest: (request) => run.note(`emulator: ${request.service} ${request.action ?? '?'} -> ${request.outcome}`),
  });
  run.track({ name: 'emulator', stop: () => emulator.stop() });
  const aws = writeAwsConfig(run.dirs.awsDir, emulator, seed);
  return {
    AWS_CONFIG_FILE: aws.configFile,
    AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
    IAMPW_EMULATOR_URL: emulator.url,
  };
}
