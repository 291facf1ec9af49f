// Drives the extension's real quick inputs and reads its notifications, through the window seam
// activate() returns in test mode. The boxes are VS Code's own; only who types is different.
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; publisher: string };
export const extensionId = `${manifest.publisher}.${manifest.name}`;

export async function testApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi | undefined>(extensionId);
  if (!extension) {
    throw new Error(`${extensionId} is not loaded`);
  }
  const api = await extension.activate();
  if (!api) {
    throw new Error('activate() returned no test API: is the extension running in test mode?');
  }
  return api;
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await delay(25);
  }
}

// Quick input updates reach the workbench asynchronously; give each one time to land.
const SETTLE_MS = 150;

export interface Notification {
  severity: 'info' | 'warning' | 'error';
  message: string;
  items: string[];
  modal: boolean;
  /** A modal's detail text. */
  detail?: string;
}

export class Driver {
  readonly inputBoxes: vscode.InputBox[] = [];
  readonly quickPicks: vscode.QuickPick<vscode.QuickPickItem>[] = [];
  readonly notifications: Notification[] = [];
  /** URLs the extension asked VS Code to open in the browser (never opened here). */
  readonly opened: string[] = [];
  /** Titles of the progress the extension showed (shown for real too). */
  readonly progress: string[] = [];
  private readonly answers: { pattern: RegExp; answer: string; once: boolean; first?: () => Promise<void> }[] = [];
  private readonly buttonListeners = new Map<vscode.InputBox, (button: vscode.QuickInputButton) => void>();
  private readonly original: TestApi['ui'];
  private consumedBoxes = 0;
  private consumedPicks = 0;

  constructor(private readonly api: TestApi) {
    this.original = { ...api.ui };
    const ui = api.ui;
    ui.createInputBox = () => {
      const box = this.original.createInputBox();
      this.inputBoxes.push(box);
      // Kept so a test can press the box's own buttons, as a click in the workbench would.
      const subscribe = box.onDidTriggerButton;
      const intercepted: vscode.Event<vscode.QuickInputButton> = (listener, thisArgs, disposables) => {
        this.buttonListeners.set(box, (button) => listener.call(thisArgs, button));
        return subscribe(listener, thisArgs, disposables);
      };
      Object.defineProperty(box, 'onDidTriggerButton', { value: intercepted });
      return box;
    };
    ui.createQuickPick = <T extends vscode.QuickPickItem>() => {
      const pick = this.original.createQuickPick<T>();
      this.quickPicks.push(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>);
      return pick;
    };
    const record =
      (severity: Notification['severity'], show: typeof ui.showInformationMessage) =>
      (message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined> => {
        this.notifications.push({ severity, message, items, modal: options.modal === true, detail: options.detail });
        const answer = this.answers.find((a) => a.pattern.test(message));
        if (answer) {
          if (answer.once) {
            this.answers.splice(this.answers.indexOf(answer), 1);
          }
          return (answer.first?.() ?? Promise.resolve()).then(() => answer.answer);
        }
        // Modal dialogs would block the run; every other notification is shown for real.
        return options.modal ? Promise.resolve(undefined) : show(message, options, ...items);
      };
    ui.showInformationMessage = record('info', this.original.showInformationMessage);
    ui.showWarningMessage = record('warning', this.original.showWarningMessage);
    ui.showErrorMessage = record('error', this.original.showErrorMessage);
    ui.withProgress = (options, task) => {
      this.progress.push(options.title ?? '');
      return this.original.withProgress(options, task);
    };
    ui.openExternal = async (uri) => {
      this.opened.push(uri.toString(true));
      return true;
    };
  }

  restore(): void {
    Object.assign(this.api.ui, this.original);
  }

  /**
   * Notifications matching `pattern` are answered with `answer` (a button label); with once, only
   * the next one; with first, once it has run, as a person does something else before answering.
   */
  answerNotification(pattern: RegExp, answer: string, { once = false, first }: { once?: boolean; first?: () => Promise<void> } = {}): void {
    this.answers.push({ pattern, answer, once, first });
  }

  async nextInputBox(timeoutMs = 15_000): Promise<vscode.InputBox> {
    const box = await waitFor('an input box', () => this.inputBoxes[this.consumedBoxes], timeoutMs);
    this.consumedBoxes++;
    await delay(SETTLE_MS);
    return box;
  }

  /** Types `value` into the box and presses Enter in the real quick input. */
  async enter(box: vscode.InputBox, value: string): Promise<void> {
    box.value = value;
    await delay(SETTLE_MS);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await delay(SETTLE_MS);
  }

  /** Presses the box's button whose tooltip matches, as a click on it would. */
  async pressButton(box: vscode.InputBox, tooltip: RegExp): Promise<void> {
    const button = box.buttons.find((b) => b.tooltip !== undefined && tooltip.test(b.tooltip));
    const press = this.buttonListeners.get(box);
    if (!button || !press) {
      throw new Error(`no button ${tooltip} in ${box.buttons.map((b) => b.tooltip).join(', ')}`);
    }
    press(button);
    await delay(SETTLE_MS);
  }

  async nextQuickPick(timeoutMs = 15_000): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    const pick = await waitFor('a quick pick', () => this.quickPicks[this.consumedPicks], timeoutMs);
    this.consumedPicks++;
    await waitFor('quick pick items', () => pick.items.length > 0);
    await delay(SETTLE_MS);
    return pick;
  }

  async choose(pick: vscode.QuickPick<vscode.QuickPickItem>, label: RegExp): Promise<void> {
    const item = pick.items.find((i) => label.test(i.label));
    if (!item) {
      throw new Error(`no item ${label} in ${pick.items.map((i) => i.label).join(', ')}`);
    }
    pick.activeItems = [item];
    await delay(SETTLE_MS);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await delay(SETTLE_MS);
  }

  notification(pattern: RegExp): Notification | undefined {
    return this.notifications.find((n) => pattern.test(n.message));
  }
}
