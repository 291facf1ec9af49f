// Issue 25's "a palette change passes through at most 12 of our own modules", measured: the Change
// Password command handler (out/src/commands.js, one file per module as tsc compiles it) runs one
// change against the emulator in plain Node, with the bench's vscode stand-in, and the modules of
// out/src on the stack (async frames included) are recorded where the flow meets the outside world:
// each input box's creation and show, and each AWS request (ChangePassword's too) reaching Node's http.
import assert from 'node:assert/strict';
import http from 'node:http';
import Module from 'node:module';
import * as path from 'node:path';
import type * as CommandHandlersModule from '../../src/commands';
import type { CommandDeps } from '../../src/flows/commandDeps';
import { loadProfiles } from '../../src/profiles/profileList';
import type * as WindowApiModule from '../../src/window/windowApi';
import { createVscodeStandIn, scriptedInputBox } from '../../scripts/bench/vscodeStandIn';
import { ALICE_MFA_CODE, ALICE_PASSWORD, EmulatorFixture } from './coreClientSupport';
import { settingDefaults } from '../harness/settingDefaults';

const OUR_MODULES = path.resolve(__dirname, '..', '..', 'src') + path.sep;
const MAX_MODULES = 12;
// Strong enough that Enter on it asks no question (the scripted box presses Enter once).
const STRONG_NEW_PASSWORD = 'Quartz-Lantern-Orbit-58!';

/** Our modules named in a stack, as src/ paths. */
function modulesIn(stack: string): string[] {
  return stack
    .split('\n')
    .map((line) => /\(?([^()\s]+?\.js):\d+:\d+\)?$/.exec(line.trim())?.[1])
    .filter((file): file is string => file !== undefined && file.startsWith(OUR_MODULES))
    .map((file) => path.relative(OUR_MODULES, file).split(path.sep).join('/').replace(/\.js$/, '.ts'));
}

describe('Module count of a palette change', function () {
  let fixture: EmulatorFixture;
  const restore: (() => void)[] = [];
  // Node caches our modules with the first `vscode` they were given: one stand-in serves every test.
  let nextBox: () => Record<string, unknown> = () => assert.fail('no input box expected');
  const standIn = createVscodeStandIn();
  const vscodeApi = { ...standIn.api, window: { ...(standIn.api.window as object), createInputBox: () => nextBox() } };
  const originalRequire = Module.prototype.require;

  before(function () {
    Module.prototype.require = function (this: Module, id: string) {
      return id === 'vscode' ? vscodeApi : originalRequire.call(this, id);
    } as typeof originalRequire;
  });

  after(function () {
    Module.prototype.require = originalRequire;
  });

  beforeEach(async function () {
    fixture = await EmulatorFixture.start();
  });

  afterEach(async function () {
    restore.splice(0).forEach((undo) => undo());
    await fixture.stop();
  });

  /** Runs one palette change for `profile`, typing `answers` in the boxes; our modules on the stack at each point. */
  async function paletteChange(profile: string, answers: string[]): Promise<Map<string, string[]>> {
    const stacks = new Map<string, string[]>();
    const record = (point: string): void => {
      stacks.set(`${point} #${[...stacks.keys()].filter((key) => key.startsWith(point)).length + 1}`, modulesIn(new Error().stack ?? ''));
    };
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Infinity;
    restore.push(() => (Error.stackTraceLimit = limit));

    const originalEnd = http.ClientRequest.prototype.end;
    http.ClientRequest.prototype.end = function (this: http.ClientRequest, ...args: unknown[]) {
      const [body] = args;
      const action = (typeof body === 'string' || body instanceof Uint8Array) && /Action=(\w+)/.exec(Buffer.from(body).toString('utf8'))?.[1];
      if (action) {
        record(`${action} request`);
      }
      return (originalEnd as (...params: unknown[]) => http.ClientRequest).apply(this, args);
    } as typeof originalEnd;
    restore.push(() => (http.ClientRequest.prototype.end = originalEnd));

    nextBox = () => {
      record('input box created');
      const box = scriptedInputBox(() => answers.shift() ?? '');
      const show = box.show as () => void;
      box.show = () => {
        record('input box shown');
        show();
      };
      return box;
    };
    const { files } = fixture;
    const list = await loadProfiles({ AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, '/nonexistent');
    const shown: string[] = [];
    const ui = ((await import(path.join(OUR_MODULES, 'window', 'windowApi.js'))) as typeof WindowApiModule).createWindowApi();
    ui.showInformationMessage = async (message) => void shown.push(message);
    ui.showErrorMessage = async (message) => assert.fail(`the flow failed: ${message}`);
    const silent = (): void => undefined;
    const deps = {
      store: {
        ready: async () => list,
        choice: () => ({ name: profile, reason: 'picked' }),
        setCaller: silent,
        setPolicy: silent,
        recordPasswordChange: async () => undefined,
      },
      log: { trace: silent, debug: silent, info: silent, warn: silent, error: silent, show: silent },
      ui,
      settings: () => ({ ...settingDefaults(), profile, checkPasswordPolicy: true, clipboardClearSeconds: 0 }),
      clientName: ['vscode-iam-password', 'test'],
    } as unknown as CommandDeps;
    const handlers = ((await import(path.join(OUR_MODULES, 'commands.js'))) as typeof CommandHandlersModule).createCommandHandlers(deps);
    try {
      assert.equal(await handlers.changePassword(), 'changed');
    } finally {
      handlers.dispose();
    }
    assert.equal(fixture.emulator.passwordOf('alice'), STRONG_NEW_PASSWORD);
    assert.deepEqual(shown, ['Password changed for IAM user alice in account 123456789012.']);
    assert.ok(stacks.has('ChangePassword request #1'), 'the ChangePassword request was seen');
    return stacks;
  }

  /** Prints the modules and returns how many. */
  function report(stacks: Map<string, string[]>): string[] {
    const modules = [...new Set([...stacks.values()].flat())].sort();
    console.log(`      ${modules.length} modules on the call path:\n${modules.map((module) => `        ${module}`).join('\n')}`);
    for (const [point, onStack] of stacks) {
      console.log(`      ${point}: ${[...new Set(onStack)].join(' ')}`);
    }
    assert.ok(modules.includes('flows/changePasswordFlow.ts') && modules.includes('aws/awsSession.ts'), 'the stacks reach the flow and the session');
    return modules;
  }

  it(`at most ${MAX_MODULES} of our modules on the call path of a palette change (the stacks at each input box and at each AWS request)`, async function () {
    const stacks = await paletteChange('alice', [ALICE_PASSWORD, STRONG_NEW_PASSWORD, STRONG_NEW_PASSWORD]);
    assert.equal([...stacks.keys()].filter((key) => key.startsWith('input box shown')).length, 3, 'three boxes: current, new, confirm');
    const modules = report(stacks);
    const loaded = Object.keys(require.cache).filter((file) => file.startsWith(OUR_MODULES));
    console.log(
      `      (for scale: ${loaded.length} modules of out/src are loaded in this process by then, the test's own imports included; most return before a box opens, or run in callbacks no stack shows)`,
    );
    assert.ok(modules.length <= MAX_MODULES, `${modules.length} modules, more than ${MAX_MODULES}`);
  });

  it(`at most ${MAX_MODULES} with an MFA profile too (the MFA box and GetSessionToken first)`, async function () {
    const stacks = await paletteChange('alice-mfa', [ALICE_MFA_CODE, ALICE_PASSWORD, STRONG_NEW_PASSWORD, STRONG_NEW_PASSWORD]);
    assert.ok(stacks.has('GetSessionToken request #1') && stacks.has('input box shown #4'), 'the MFA box, then three password boxes');
    const modules = report(stacks);
    assert.ok(modules.length <= MAX_MODULES, `${modules.length} modules, more than ${MAX_MODULES}`);
  });
});
