// Times, inside the page, what a person sees: from the Enter that runs a command in the palette to
// the first frame that shows a password box. Measured in the browser, so the test's own round trips
// to Chromium are not counted.
import type { Page } from 'playwright-core';

/** The few browser globals the page-side code uses (this project compiles without the DOM types). */
interface TimingGlobals {
  document: { body: unknown; querySelector(selector: string): { checkVisibility(): boolean } | null };
  addEventListener(type: string, listener: (event: { key: string }) => void, capture: boolean): void;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): void;
  performance: { now(): number };
  [timing: string]: unknown;
}

interface BoxTiming {
  enterAt?: number;
  shownAt?: number;
  /** Date.now() in the page when the box was first painted, to compare with the emulator's records. */
  shownAtWallMs?: number;
}

export interface FirstBoxTime {
  /** From the last Enter before it to the first frame showing a password box. */
  ms: number;
  shownAtWallMs: number;
}

/** Starts timing; the returned function resolves with the time once a password box has been painted. */
export async function timeEnterToPasswordBox(page: Page): Promise<() => Promise<FirstBoxTime | undefined>> {
  const key = `iampwFirstBoxTiming${Date.now()}`;
  await page.evaluate((name) => {
    const browser = globalThis as unknown as TimingGlobals;
    const timing: BoxTiming = {};
    browser[name] = timing;
    browser.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && timing.shownAt === undefined) {
          timing.enterAt = browser.performance.now();
        }
      },
      true,
    );
    const observer = new browser.MutationObserver(() => {
      if (timing.enterAt !== undefined && browser.document.querySelector('.quick-input-widget input[type="password"]')?.checkVisibility()) {
        observer.disconnect();
        // The next frame is the one that shows it.
        browser.requestAnimationFrame(() => {
          timing.shownAt = browser.performance.now();
          timing.shownAtWallMs = Date.now();
        });
      }
    });
    observer.observe(browser.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['type', 'style', 'class'] });
  }, key);
  return async () => {
    const timing = await page.evaluate((name) => (globalThis as unknown as TimingGlobals)[name] as BoxTiming, key);
    if (timing.enterAt === undefined || timing.shownAt === undefined || timing.shownAtWallMs === undefined) {
      return undefined;
    }
    return { ms: timing.shownAt - timing.enterAt, shownAtWallMs: timing.shownAtWallMs };
  };
}
