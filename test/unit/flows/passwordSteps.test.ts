// The password boxes as steps, in plain mocha: the bench's vscode stand-in, and boxes a script answers.
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import type * as PasswordStepsModule from '../../../src/flows/passwordSteps';
import type { KnownChecks } from '../../../src/flows/earlyChecks';
import type { WindowApi } from '../../../src/window/windowApi';
import { createVscodeStandIn } from '../../../scripts/bench/vscodeStandIn';

const standIn = createVscodeStandIn().api as unknown as typeof import('vscode');
const { EventEmitter, QuickInputButtons } = standIn;

type Action = { enter: string } | 'back' | 'escape' | 'wait';

/** What a box showed when the script acted on it. */
interface Seen {
  step?: number;
  totalSteps?: number;
  value: string;
  placeholder?: string;
  title?: string;
  message?: unknown;
}

class ScriptedBox {
  value = '';
  step?: number;
  totalSteps?: number;
  title?: string;
  prompt?: string;
  placeholder?: string;
  password = false;
  busy = false;
  ignoreFocusOut = false;
  buttons: unknown[] = [];
  validationMessage: unknown;
  disposed = false;
  readonly accepted = new EventEmitter<void>();
  readonly hidden = new EventEmitter<void>();
  readonly pressed = new EventEmitter<unknown>();
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidTriggerButton = this.pressed.event;
  readonly onDidChangeValue = new EventEmitter<string>().event;

  constructor(private readonly act: (box: ScriptedBox) => void) {}

  show(): void {
    setImmediate(() => this.act(this));
  }

  hide(): void {
    this.hidden.fire();
  }

  dispose(): void {
    this.disposed = true;
  }
}

/** A window whose boxes take `actions` in turn; `seen` records each box as the script found it. */
function scriptedWindow(actions: Action[]): { ui: WindowApi; seen: Seen[]; boxes: ScriptedBox[] } {
  const seen: Seen[] = [];
  const boxes: ScriptedBox[] = [];
  const act = (box: ScriptedBox): void => {
    const { step, totalSteps, value, placeholder, title, validationMessage: message } = box;
    seen.push({ step, totalSteps, value, placeholder, title, message });
    const action = actions.shift() ?? 'escape';
    if (action === 'back') {
      box.pressed.fire(QuickInputButtons.Back);
    } else if (action === 'escape') {
      box.hide();
    } else if (action !== 'wait') {
      box.value = action.enter;
      box.accepted.fire();
      // A box Enter left open takes the next action, as a user would after reading its message.
      setTimeout(() => box.disposed || act(box), 20);
    }
  };
  const ui = {
    createInputBox: () => {
      const box = new ScriptedBox(act);
      boxes.push(box);
      return box;
    },
  } as unknown as WindowApi;
  return { ui, seen, boxes };
}

/** Checks that have arrived: alice, an IAM user, with an unknown policy (IAM's basic limits). */
function arrivedChecks(overrides: Partial<KnownChecks> = {}): KnownChecks {
  return {
    profileName: 'alice',
    caller: { name: 'alice', account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', kind: 'user' },
    policy: { kind: 'unknown', reason: 'test' },
    stopped: false,
    onDidChange: new EventEmitter<void>().event,
    identified: Promise.resolve(true),
    policyArrived: Promise.resolve(true),
    refusal: undefined,
    settleMfa: () => Promise.resolve(),
    ...overrides,
  };
}

/** Copy is not pressed in these tests. */
const noCopy = async (): Promise<void> => undefined;
const CURRENT = 'Correct-Horse-1';
const NEW = 'Quartz-Lantern-Orbit-58!';

describe('The password boxes as steps', () => {
  let steps: typeof PasswordStepsModule;
  const originalRequire = Module.prototype.require;

  before(async () => {
    Module.prototype.require = function (this: Module, id: string) {
      return id === 'vscode' ? standIn : originalRequire.call(this, id);
    } as typeof originalRequire;
    steps = await import('../../../src/flows/passwordSteps.js');
  });

  after(() => {
    Module.prototype.require = originalRequire;
  });

  it('asks current, new, confirm as steps 1 to 3, titled with the IAM user', async () => {
    const { ui, seen, boxes } = scriptedWindow([{ enter: CURRENT }, { enter: NEW }, { enter: NEW }]);
    assert.deepEqual(await steps.askPasswords(ui, arrivedChecks(), {}, noCopy), { oldPassword: CURRENT, newPassword: NEW });
    assert.deepEqual(
      seen.map(({ step, totalSteps, placeholder }) => [step, totalSteps, placeholder]),
      [
        [1, 3, 'Current password'],
        [2, 3, 'New password'],
        [3, 3, 'Confirm new password'],
      ],
    );
    assert.equal(seen[0].title, 'Change password: IAM user alice (123456789012)');
    assert.ok(boxes.every((box) => box.disposed && box.password && box.ignoreFocusOut));
  });

  it('Back goes one step back with the answer given there, and forward again', async () => {
    const other = 'Velvet-Harbor-Comet-77#';
    const { ui, seen } = scriptedWindow([{ enter: CURRENT }, { enter: NEW }, 'back', 'back', { enter: CURRENT }, { enter: other }, { enter: other }]);
    assert.deepEqual(await steps.askPasswords(ui, arrivedChecks(), {}, noCopy), { oldPassword: CURRENT, newPassword: other });
    assert.deepEqual(
      seen.map(({ step, value }) => [step, value]),
      [
        [1, ''],
        [2, ''],
        [3, ''],
        [2, NEW],
        [1, CURRENT],
        [2, NEW],
        [3, ''],
      ],
    );
  });

  it('Escape in any box sends nothing: undefined', async () => {
    const { ui, boxes } = scriptedWindow([{ enter: CURRENT }, 'escape']);
    assert.equal(await steps.askPasswords(ui, arrivedChecks(), {}, noCopy), undefined);
    assert.equal(boxes.length, 2);
  });

  it('a confirmation that differs keeps the box open with an error', async () => {
    const { ui, seen, boxes } = scriptedWindow([{ enter: CURRENT }, { enter: NEW }, { enter: `${NEW}x` }, 'escape']);
    const asked = steps.askPasswords(ui, arrivedChecks(), {}, noCopy);
    assert.equal(await asked, undefined);
    assert.equal(boxes.length, 3, 'the confirm box stayed open for the next action');
    assert.deepEqual(seen[3].message, {
      message: 'This does not match the new password. Type it again, or go Back to change it',
      severity: standIn.InputBoxValidationSeverity.Error,
    });
  });

  it('values from a file skip their boxes: only new and confirm, as steps 1 and 2', async () => {
    const { ui, seen } = scriptedWindow([{ enter: NEW }, { enter: NEW }]);
    assert.deepEqual(await steps.askPasswords(ui, arrivedChecks(), { oldPassword: CURRENT }, noCopy), { oldPassword: CURRENT, newPassword: NEW });
    assert.deepEqual(
      seen.map(({ step, totalSteps }) => [step, totalSteps]),
      [
        [1, 2],
        [2, 2],
      ],
    );
    const both = scriptedWindow([]);
    assert.deepEqual(await steps.askPasswords(both.ui, arrivedChecks(), { oldPassword: CURRENT, newPassword: NEW }, noCopy), {
      oldPassword: CURRENT,
      newPassword: NEW,
    });
    assert.equal(both.boxes.length, 0);
  });

  it('Enter on the current password waits for the identity; a refused identity closes the box', async () => {
    const changes = new EventEmitter<void>();
    let arrive: (ok: boolean) => void = () => undefined;
    const checks: { -readonly [K in keyof KnownChecks]: KnownChecks[K] } = arrivedChecks({
      caller: undefined,
      onDidChange: changes.event,
      identified: new Promise<boolean>((resolve) => (arrive = resolve)),
    });
    const { ui, boxes } = scriptedWindow([{ enter: CURRENT }, 'wait']);
    const asked = steps.askPasswords(ui, checks, {}, noCopy);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(boxes.length, 1);
    assert.equal(boxes[0].disposed, false, 'Enter did not move on before the identity');
    assert.equal(boxes[0].title, 'Change password: profile alice');
    assert.equal(boxes[0].busy, true);
    checks.stopped = true;
    changes.fire();
    arrive(false);
    assert.equal(await asked, undefined);
    assert.equal(boxes[0].disposed, true);
    assert.equal(boxes.length, 1, 'no box after the refusal');
  });
});
