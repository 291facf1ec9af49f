/** Input boxes one step at a time, after VS Code's MultiStepInput sample: a step returns the next step. */
import vscode = require('vscode');
import type { WindowApi } from './windowApi';

/** Asks in `input`, records the answer in `state`, and returns the next step (undefined when done). */
export type Step<State> = (input: MultiStepInput, state: State) => Promise<Step<State> | undefined>;

export interface BoxSpec {
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Title, prompt, busy, password: on show, on `changed` and after each button. */
  render(box: vscode.InputBox): void;
  /** The step's own buttons, after Back. */
  buttons?(): vscode.QuickInputButton[];
  live?(value: string): vscode.InputBoxValidationMessage | string | undefined;
  changed?: vscode.Event<void>;
  /** True once the flow cannot go on: the box closes as on Escape, and takes no value. */
  stopped?(): boolean;
  /** A step button's action; a string it returns becomes the box's value. */
  onButton?(button: vscode.QuickInputButton): Promise<string | undefined> | string | undefined;
  /** What Enter waits for before it looks at the value. */
  acceptAfter?(): Promise<unknown>;
  /** On Enter: a message keeps the box open and shows it; undefined takes the value. */
  accept(value: string): vscode.InputBoxValidationMessage | string | undefined;
  /** `refresh` renders the box again while it is open. */
  shown?(refresh: () => void): void;
}

const BACK = Symbol('back');
const CLOSED = Symbol('closed');

export class MultiStepInput {
  private readonly history: unknown[] = [];

  private constructor(
    private readonly ui: Pick<WindowApi, 'createInputBox'>,
    private readonly totalSteps: number | undefined,
  ) {}

  /** The state the steps filled in, or undefined once a box was closed. */
  static async run<State>(
    ui: Pick<WindowApi, 'createInputBox'>,
    state: State,
    first: Step<State> | undefined,
    totalSteps?: number,
  ): Promise<State | undefined> {
    const input = new MultiStepInput(ui, totalSteps);
    for (let step = first; step; ) {
      input.history.push(step);
      try {
        step = await step(input, state);
      } catch (error) {
        if (error === CLOSED) {
          return undefined;
        }
        if (error !== BACK) {
          throw error;
        }
        input.history.pop();
        step = input.history.pop() as Step<State> | undefined;
      }
    }
    return state;
  }

  /** The accepted value; Back and Escape leave the step by throwing. */
  ask(spec: BoxSpec): Promise<string> {
    const box = this.ui.createInputBox();
    const canGoBack = this.history.length > 1;
    if (this.totalSteps !== undefined) {
      box.step = this.history.length;
      box.totalSteps = this.totalSteps;
    }
    box.ignoreFocusOut = true;
    box.password = spec.password ?? false;
    box.value = spec.value ?? '';
    box.placeholder = spec.placeholder;
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const subscriptions: vscode.Disposable[] = [];
      const finish = (value: string | typeof BACK | typeof CLOSED): void => {
        if (settled) {
          return;
        }
        settled = true;
        subscriptions.forEach((subscription) => subscription.dispose());
        box.dispose();
        if (typeof value === 'string') {
          resolve(value);
        } else {
          reject(value);
        }
      };
      const refresh = (): void => {
        if (spec.stopped?.()) {
          finish(CLOSED);
        } else if (!settled) {
          spec.render(box);
          box.buttons = [...(canGoBack ? [vscode.QuickInputButtons.Back] : []), ...(spec.buttons?.() ?? [])];
          if (spec.live) {
            box.validationMessage = spec.live(box.value);
          }
        }
      };
      refresh();
      subscriptions.push(
        ...(spec.changed ? [spec.changed(refresh)] : []),
        box.onDidChangeValue((value) => (box.validationMessage = spec.live?.(value))),
        // One listener for every button: the integration driver presses buttons through the last one subscribed.
        box.onDidTriggerButton(async (button) => {
          if (button === vscode.QuickInputButtons.Back) {
            finish(BACK);
            return;
          }
          const value = await spec.onButton?.(button);
          if (!settled && value !== undefined) {
            box.value = value;
          }
          refresh();
        }),
        box.onDidAccept(async () => {
          await spec.acceptAfter?.();
          if (settled || spec.stopped?.()) {
            return;
          }
          const value = box.value;
          const message = spec.accept(value);
          if (message) {
            box.validationMessage = message;
          } else {
            finish(value);
          }
        }),
        box.onDidHide(() => finish(CLOSED)),
      );
      box.show();
      spec.shown?.(refresh);
      refresh();
    });
  }
}
