// Worker: full password changes through the extension's own Change Password command handler
// (dist/commands.js, the bundle the first command loads), in plain Node against the vscode
// stand-in, with input boxes that answer at once. One change per step; the first in the process
// is cold (it requires the bundle: the flows and the AWS SDK).
import Module from 'node:module';
import { performance } from 'node:perf_hooks';
import type * as CommandHandlersModule from '../../src/commands';
import { loadProfiles } from '../../src/profiles/profileList';
import type { CommandDeps } from '../../src/flows/commandDeps';
import { settingDefaults } from '../../test/harness/settingDefaults';
import { createVscodeStandIn, scriptedInputBox } from './vscodeStandIn';
import { maxRssKib, requireFor, serveTask } from './worker';

export interface ChangeTask {
  commandBundle: string;
  configFile: string;
  credentialsFile: string;
  profile: string;
  /** The current password, then each new one in turn: one change per step. */
  passwords: string[];
}

export interface ChangeTiming {
  /** require(dist/commands.js); 0 once it is loaded. */
  requireMs: number;
  /** Command -> first input box: the session; identity and policy are fetched behind the box. */
  preflightMs: number;
  /** Last box accepted -> the flow's result: ChangePassword. */
  changeMs: number;
  totalMs: number;
}

export interface ChangeResult {
  changes: ChangeTiming[];
  maxRssKib: number;
}

const silent = (): void => undefined;

serveTask<ChangeTask, ChangeResult>(async (task) => {
  const standIn = createVscodeStandIn();
  const originalRequire = Module.prototype.require;
  Module.prototype.require = function (this: Module, id: string) {
    return id === 'vscode' ? standIn.api : originalRequire.call(this, id);
  } as typeof originalRequire;

  // What activation has done long before a command runs: the profiles are read.
  const list = await loadProfiles({ AWS_CONFIG_FILE: task.configFile, AWS_SHARED_CREDENTIALS_FILE: task.credentialsFile }, '/nonexistent');
  const load = requireFor(task.commandBundle);
  let handlers: CommandHandlersModule.CommandHandlers | undefined;
  let answers: string[] = [];
  let firstBoxAt = 0;
  let lastAcceptAt = 0;
  const log = { trace: silent, debug: silent, info: silent, warn: silent, error: silent, show: silent };
  const deps = {
    store: {
      ready: async () => list,
      choice: () => ({ name: task.profile, reason: 'picked' }),
      setCaller: silent,
      setPolicy: silent,
    },
    log,
    ui: {
      createInputBox: () =>
        scriptedInputBox(() => {
          firstBoxAt ||= performance.now();
          lastAcceptAt = performance.now();
          return answers.shift() ?? '';
        }),
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async (message: string) => {
        throw new Error(`the flow failed: ${message}`);
      },
      isWorkspaceTrusted: () => true,
      // The flow's progress notifications, as the window seam shows them: through the stand-in.
      withProgress: (standIn.api.window as { withProgress: unknown }).withProgress,
    },
    settings: () => ({ ...settingDefaults(), profile: task.profile, checkPasswordPolicy: true }),
    clientName: ['vscode-iam-password', 'bench'],
  } as unknown as CommandDeps;

  const changes: ChangeTiming[] = [];
  for (let step = 1; step < task.passwords.length; step++) {
    answers = [task.passwords[step - 1], task.passwords[step], task.passwords[step]];
    firstBoxAt = 0;
    const started = performance.now();
    handlers ??= (load(task.commandBundle) as typeof CommandHandlersModule).createCommandHandlers(deps);
    const required = performance.now();
    const result = await handlers.changePassword();
    const ended = performance.now();
    if (result !== 'changed') {
      throw new Error(`the flow ended with "${result}", not "changed"`);
    }
    changes.push({ requireMs: required - started, preflightMs: firstBoxAt - required, changeMs: ended - lastAcceptAt, totalMs: ended - started });
  }
  return { changes, maxRssKib: maxRssKib() };
});
