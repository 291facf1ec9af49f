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

/** A quick input item's label; its detail line (second row) has a label-name of its own. */
const ITEM_LABEL = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';

/** The few browser globals the page-side code uses (this project compiles without the DOM types). */
interface PageGlobals {
  document: { body: unknown; querySelector(selector: string): { checkVisibility(): boolean } | null };
  MutationObserver: new (callback: () => void) => PageObserver;
  navigator: { clipboard: { readText(): Promise<string> } };
  [watch: string]: unknown;
}

interface PageObserver {
  observe(target: unknown, options: object): void;
  disconnect(): void;
}

interface PasswordBoxWatch {
  seen: boolean;
  observer?: PageObserver;
}

/** Polls `condition` until it holds; fails with `what` if it still does not after timeoutMs. */
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

  /**
   * The notification toast (bottom right) whose message contains `text`, once its fade-in is over
   * (so a screenshot shows it as a person sees it).
   */
  toast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast.notification-fade-in-done .notification-list-item').filter({
      has: this.page.locator('.notification-list-item-message', { hasText: text }),
    });
  }

  toastButton(toast: Locator, label: string): Locator {
    return toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: exactly(label) });
  }

  /** The modal dialog whose message (its bold first line) contains `text`. */
  dialog(text: string | RegExp): Locator {
    return this.page.locator('.monaco-dialog-box').filter({
      has: this.page.locator('.dialog-message-text', { hasText: text }),
    });
  }

  /** A dialog's button by its label (some buttons have a description line under it). */
  dialogButton(dialog: Locator, label: string): Locator {
    return dialog.locator('.dialog-buttons .monaco-button', { hasText: exactly(label) });
  }

  /** The Explorer's row for `fileName` (its badges, such as a problem count, are not part of the name). */
  explorerRow(fileName: string): Locator {
    return this.page.locator('.explorer-viewlet .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: exactly(fileName) }),
    });
  }

  /** Right-clicks `fileName` in the Explorer and points at its context menu item `label`, ready for {@link chooseMenuItem}. */
  async explorerMenuItem(fileName: string, label: string): Promise<Locator> {
    await (await this.see(this.explorerRow(fileName), `${fileName} in the Explorer`)).click({ button: 'right' });
    const menuItem = this.page.locator('.context-view .action-item', {
      has: this.page.locator('.action-menu-item', { hasText: exactly(label) }),
    });
    await (await this.see(menuItem, `"${label}" in the context menu`)).hover();
    await this.see(menuItem.and(this.page.locator('.focused')), `"${label}" highlighted under the mouse`);
    return menuItem.first();
  }

  /**
   * Clicks a context menu item until the menu closes. VS Code arms a menu item's mouse-up listener
   * 100 ms after rendering it (so the right-click's own mouse-up picks nothing); a click sooner is
   * dropped without a trace, and on a fast run explorerMenuItem's hover takes less than that. A click
   * that ran the item closes the menu at once, so clicking again only after the menu stayed open for
   * 2 s does not run it twice.
   */
  async chooseMenuItem(menuItem: Locator): Promise<void> {
    const menu = this.page.locator('.context-view.monaco-menu-container');
    await eventually(async () => {
      if (!(await menu.isVisible())) {
        return true;
      }
      await menuItem.click({ timeout: 1_000 }).catch(() => undefined);
      return menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(
        () => true,
        () => false,
      );
    }, 'the context menu to close on the click that chose an item');
  }

  /** Shows a toast's whole message, as a person does with its chevron when the text is cut off. */
  async expandToast(toast: Locator): Promise<void> {
    await toast.hover();
    const expand = toast.locator('.codicon-notifications-expand');
    if (await expand.isVisible()) {
      await expand.click();
      await this.see(toast.locator('.codicon-notifications-collapse'), 'the notification expanded');
    }
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
      const placeholder = await this.page
        .locator('.quick-input-widget input')
        .getAttribute('placeholder')
        .catch(() => '');
      parts.push(`quick input: title ${JSON.stringify(title)}, placeholder ${JSON.stringify(placeholder)}, message ${JSON.stringify(message)}`);
    } else {
      parts.push('no quick input open');
    }
    const dialogs = await this.page.locator('.monaco-dialog-box .dialog-message-text').allInnerTexts();
    if (dialogs.length > 0) {
      parts.push(`dialog: ${dialogs.map((t) => JSON.stringify(t.trim())).join(' | ')}`);
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

  /** Waits until `locator` is gone from the screen; on timeout, fails saying what stayed. */
  async seeGone(locator: Locator, what: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    try {
      await locator.first().waitFor({ state: 'hidden', timeout: timeoutMs });
    } catch {
      throw new AssertionError({ message: `expected ${what} to go away within ${timeoutMs / 1000} s. On screen: ${await this.describeScreen()}` });
    }
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

  /** The rows of the open quick input whose label (not description or detail) is exactly `label`. */
  quickInputRow(label: string): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row').filter({
      has: this.page.locator(ITEM_LABEL, { hasText: exactly(label) }),
    });
  }

  /** Labels of the quick input rows on screen (the list is virtual: only those scrolled into view). */
  async quickInputLabels(): Promise<string[]> {
    const labels = await this.page.locator(`.quick-input-list .monaco-list-row ${ITEM_LABEL}`).allInnerTexts();
    return labels.map((label) => label.trim());
  }

  /**
   * Types `text` into the open quick input, moves down to the row labelled exactly `label` (recently
   * used entries can rank above it) and presses Enter.
   */
  async acceptQuickInputItem(text: string, label = text): Promise<void> {
    await this.type(text);
    const row = this.quickInputRow(label);
    await this.see(row, `"${label}" in the list`);
    const rowCount = await this.page.locator('.quick-input-list .monaco-list-row').count();
    for (let step = 0; !(await row.first().evaluate((element) => element.classList.contains('focused'))); step++) {
      if (step > rowCount) {
        throw new AssertionError({ message: `could not move the highlight to "${label}". On screen: ${await this.describeScreen()}` });
      }
      await this.press('ArrowDown');
    }
    await this.press('Enter');
  }

  /** Filters the open quick pick by typing `label`, then clicks the row labelled exactly `label`. */
  async clickQuickInputItem(label: string): Promise<void> {
    await this.type(label);
    await (await this.see(this.quickInputRow(label), `"${label}" in the list`)).click();
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
    await this.see(this.quickInputRow(channel), `log channel ${channel}`);
    await this.acceptQuickInputItem(channel);
    await this.see(this.quickInputRow(level), `log level ${level}`);
    await this.clickQuickInputItem(level);
    await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /** Answers VS Code's workspace trust prompt with No, as a person does, and waits until the window is in Restricted Mode. */
  async declineWorkspaceTrust(): Promise<void> {
    const prompt = await this.see(this.dialog('Do you trust the authors of the files in this folder?'), 'the workspace trust prompt');
    await this.dialogButton(prompt, "No, I don't trust the authors").click();
    await this.seeGone(prompt, 'the workspace trust prompt');
    await this.see(this.page.locator('.part.banner', { hasText: 'Restricted Mode is intended for safe code browsing' }), 'the Restricted Mode banner');
    await this.see(this.page.locator('#status\\.workspaceTrust', { hasText: 'Restricted Mode' }), 'Restricted Mode in the status bar');
  }

  /** Escape on each modal dialog still open (Escape is a dialog's Cancel), so what a failed test left does not block the next. */
  async closeDialogs(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    for (let left = 5; left > 0 && (await dialog.count()) > 0; left--) {
      await this.press('Escape');
      await dialog
        .first()
        .waitFor({ state: 'detached', timeout: 2_000 })
        .catch(() => undefined);
    }
  }

  /** The labels of a modal dialog's buttons, in order. */
  async dialogButtons(dialog: Locator): Promise<string[]> {
    return (await dialog.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((label) => label.trim());
  }

  /** What the browser's clipboard holds, as another program would read it (the session grants the permission). */
  async clipboardText(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText());
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
    // Off the status bar, so its tooltip does not cover what comes next.
    await this.page.mouse.move(640, 300);
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
      await this.runCommand('View: Hide Panel');
    }
  }

  /**
   * Starts recording, inside the page, whether a password box is shown from now on; the returned
   * function stops watching and says whether one was. Catches a box that opens and closes between
   * two looks from here.
   */
  async watchForPasswordBox(): Promise<() => Promise<boolean>> {
    const key = `iampwPasswordBoxWatch${Date.now()}`;
    await this.page.evaluate((name) => {
      const browser = globalThis as unknown as PageGlobals;
      const watch: PasswordBoxWatch = { seen: false };
      const check = (): void => {
        if (browser.document.querySelector('.quick-input-widget input[type="password"]')?.checkVisibility()) {
          watch.seen = true;
        }
      };
      watch.observer = new browser.MutationObserver(check);
      watch.observer.observe(browser.document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['type', 'style', 'class'],
      });
      check();
      browser[name] = watch;
    }, key);
    return () =>
      this.page.evaluate((name) => {
        const watch = (globalThis as unknown as PageGlobals)[name] as PasswordBoxWatch;
        watch.observer?.disconnect();
        return watch.seen;
      }, key);
  }
}
