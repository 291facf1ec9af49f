// Drives VS Code in the browser the way a person does (keyboard, clicks, what is on screen) and
// turns "it never appeared" into an assertion that says what was on screen instead.
import { AssertionError } from 'node:assert';
import type { Locator, Page } from 'playwright-core';

/** Long enough for a loaded 2-core machine, short enough that a broken flow fails within a minute. */
export const UI_TIMEOUT_MS = 20_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches an element whose whole text is `text` (codicons render as empty spans around it). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/** The few browser globals the page-side code uses (this project compiles without the DOM types). */
interface PageGlobals {
  document: { body: unknown; querySelector(selector: string): { checkVisibility(): boolean } | null };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  [flag: string]: unknown;
}

/** Polls `condition` until it returns true; then fails with `what` after timeoutMs. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new AssertionError({ message: `expected ${what} within ${timeoutMs / 1000} s` });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** The extension's status bar item, `$(account) <profile>`. */
  get profileItem(): Locator {
    return this.page.locator('.statusbar-item:has(.codicon-account)');
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  get quickInputTitle(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-title');
  }

  /** A password box is a quick input whose field is masked; the placeholder tells the steps apart. */
  passwordBox(placeholder: string): Locator {
    return this.page.locator(`.quick-input-widget input[type="password"][placeholder="${placeholder}"]`);
  }

  get anyPasswordBox(): Locator {
    return this.page.locator('.quick-input-widget input[type="password"]');
  }

  /** The notification toast (bottom right) whose message contains `text`. */
  toast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item').filter({
      has: this.page.locator('.notification-list-item-message', { hasText: text }),
    });
  }

  toastButton(toast: Locator, label: string): Locator {
    return toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: exactly(label) });
  }

  /** 'error' | 'warning' | 'info', read from the toast's icon. */
  async toastSeverity(toast: Locator): Promise<string> {
    const classes = (await toast.locator('.notification-list-item-icon').getAttribute('class')) ?? '';
    return /codicon-(error|warning|info)\b/.exec(classes)?.[1] ?? `unknown (${classes})`;
  }

  /** Text of every toast on screen, for failure messages and assertions. */
  async visibleToasts(): Promise<string[]> {
    const messages = this.page.locator('.notifications-toasts .notification-list-item-message');
    return (await messages.allInnerTexts()).map((text) => text.trim());
  }

  /** What a person would see right now, for a failure message. */
  async describeScreen(): Promise<string> {
    const parts = [`status bar profile: ${JSON.stringify(await this.profileText().catch(() => '?'))}`];
    if (await this.quickInput.isVisible()) {
      const title = (await this.quickInputTitle.innerText().catch(() => '')).trim();
      const message = (await this.quickInputMessage.innerText().catch(() => '')).trim();
      const placeholder = await this.page.locator('.quick-input-widget input').getAttribute('placeholder').catch(() => '');
      parts.push(`quick input: title ${JSON.stringify(title)}, placeholder ${JSON.stringify(placeholder)}, message ${JSON.stringify(message)}`);
    } else {
      parts.push('no quick input open');
    }
    const toasts = await this.visibleToasts();
    parts.push(toasts.length ? `notifications: ${toasts.map((t) => JSON.stringify(t)).join(' | ')}` : 'no notifications');
    return parts.join('; ');
  }

  /** Waits until `locator` is visible; on timeout, fails with what a person expected and what was on screen. */
  async see(locator: Locator, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<Locator> {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new AssertionError({ message: `expected to see ${what} within ${timeoutMs / 1000} s. On screen: ${await this.describeScreen()}` });
    }
    return locator.first();
  }

  async profileText(): Promise<string> {
    return (await this.profileItem.innerText()).trim();
  }

  /** Resolves once the extension has read the profiles (the item says "AWS" until then). */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    await this.see(this.profileItem.filter({ hasNotText: exactly('AWS') }), 'the AWS profile status bar item', timeoutMs);
  }

  /** Types into whatever has focus, key by key. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Types `text` into the open quick input, waits until the row labelled exactly `label` is highlighted, presses Enter. */
  async acceptQuickInputItem(text: string, label = text): Promise<void> {
    await this.type(text);
    const row = this.page.locator('.quick-input-list .monaco-list-row.focused').filter({
      has: this.page.locator('.label-name', { hasText: exactly(label) }),
    });
    await this.see(row, `"${label}" highlighted in the list`);
    await this.press('Enter');
  }

  /** Filters the open quick pick by typing `label`, then clicks the row labelled exactly `label`. */
  async clickQuickInputItem(label: string): Promise<void> {
    await this.type(label);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: exactly(label) }),
    });
    await (await this.see(row, `"${label}" in the list`)).click();
  }

  /** F1, the command's title as the palette shows it, Enter. */
  async runCommand(title: string): Promise<void> {
    await this.closeQuickInput();
    await this.press('F1');
    await this.see(this.page.locator('.quick-input-widget input'), 'the command palette');
    await this.acceptQuickInputItem(title);
  }

  /** Developer: Set Log Level..., the channel, the level. */
  async setLogLevel(channel: string, level: string): Promise<void> {
    await this.runCommand('Developer: Set Log Level...');
    await this.see(this.page.locator('.quick-input-list .label-name', { hasText: exactly(channel) }), `log channel ${channel}`);
    await this.acceptQuickInputItem(channel);
    await this.see(this.page.locator('.quick-input-list .label-name', { hasText: exactly(level) }), `log level ${level}`);
    await this.clickQuickInputItem(level);
    await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    }
  }

  /** Click the status bar item, pick `name` in the quick pick, and see the item show it. */
  async switchProfile(name: string): Promise<void> {
    await this.closeQuickInput();
    await this.profileItem.click();
    await this.see(this.quickInputTitle.filter({ hasText: 'Switch Profile' }), 'the Switch Profile picker');
    await this.clickQuickInputItem(name);
    await this.see(this.profileItem.filter({ hasText: exactly(name) }), `the status bar showing profile ${name}`);
  }

  /** Switches only when the status bar shows another profile. */
  async useProfile(name: string): Promise<void> {
    if ((await this.profileText()) !== name) {
      await this.switchProfile(name);
    }
  }

  async clearNotifications(): Promise<void> {
    if ((await this.visibleToasts()).length === 0) {
      return;
    }
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  async closePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible()) {
      await this.runCommand('View: Close Panel');
    }
  }

  /**
   * Starts recording, inside the page, whether a password box is ever shown from now on; the
   * returned function says whether one was. Catches a box that opens and closes between two looks.
   */
  async watchForPasswordBox(): Promise<() => Promise<boolean>> {
    const flag = `iampwSawPasswordBox${Date.now()}`;
    await this.page.evaluate((name) => {
      const browser = globalThis as unknown as PageGlobals;
      browser[name] = false;
      const check = (): void => {
        if (browser.document.querySelector('.quick-input-widget input[type="password"]')?.checkVisibility()) {
          browser[name] = true;
        }
      };
      new browser.MutationObserver(check).observe(browser.document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['type', 'style', 'class'],
      });
      check();
    }, flag);
    return () => this.page.evaluate((name) => (globalThis as unknown as PageGlobals)[name] === true, flag);
  }
}
