// Worker: full password changes with the extension's own IAM client (dist/iam.js), as the
// Change Password command makes them: connect, GetCallerIdentity, GetAccountPasswordPolicy,
// ChangePassword. The first change in the process is cold (it requires the SDK bundle).
import { performance } from 'node:perf_hooks';
import type * as IamModule from '../../src/core/iam';
import { maxRssKib, requireFor, serveTask } from './worker';

export interface ChangeTask {
  iamBundle: string;
  configFile: string;
  credentialsFile: string;
  profile: string;
  endpoint: string;
  /** The current password, then each new one in turn: one change per step. */
  passwords: string[];
}

export interface ChangeTiming {
  /** require(dist/iam.js); 0 once it is loaded. */
  requireMs: number;
  /** connect() + whoAmI() + getPasswordPolicy(): what the command does before the first input box. */
  preflightMs: number;
  changeMs: number;
  totalMs: number;
}

export interface ChangeResult {
  changes: ChangeTiming[];
  maxRssKib: number;
}

const silent = (): void => undefined;
const logger = { trace: silent, debug: silent, info: silent, warn: silent, error: silent };

serveTask<ChangeTask, ChangeResult>(async (task) => {
  const load = requireFor(task.iamBundle);
  let iam: typeof IamModule | undefined;
  const changes: ChangeTiming[] = [];
  for (let step = 1; step < task.passwords.length; step++) {
    const started = performance.now();
    iam ??= load(task.iamBundle) as typeof IamModule;
    const required = performance.now();
    const connection = iam.connect({
      profile: task.profile,
      configFile: task.configFile,
      credentialsFile: task.credentialsFile,
      region: 'us-east-1',
      iamEndpoint: task.endpoint,
      stsEndpoint: task.endpoint,
      verifySsl: true,
      connectTimeoutMs: 60_000,
      readTimeoutMs: 60_000,
      maxAttempts: 3,
      logger,
    });
    try {
      const identity = await connection.whoAmI();
      const policy = await connection.getPasswordPolicy();
      if (identity.kind !== 'user' || policy.kind !== 'account') {
        throw new Error(`unexpected preflight: identity ${identity.kind}, policy ${policy.kind}`);
      }
      const checked = performance.now();
      await connection.changePassword(task.passwords[step - 1], task.passwords[step]);
      const changed = performance.now();
      changes.push({ requireMs: required - started, preflightMs: checked - required, changeMs: changed - checked, totalMs: changed - started });
    } finally {
      connection.dispose();
    }
  }
  return { changes, maxRssKib: maxRssKib() };
});
