import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../harness/paths';

/** The README's pictures, under media/screenshots/ with these names. */
export type MediaShot = 'palette-flow' | 'policy-hints' | 'right-click' | 'status-bar-picker' | 'success' | 'error-show-logs' | 'walkthrough';

/** The part of the page's document that settle() uses (this project compiles without the DOM types). */
interface AnimatedDocument {
  getAnimations(): { finished: Promise<unknown>; effect: { getComputedTiming(): { endTime?: number | string } } | null }[];
}

const SETTLE_TIMEOUT_MS = 2000;

export const mediaDir = path.join(repoRoot, 'media', 'screenshots');

/**
 * Every screenshot goes into the run folder, numbered in the order taken. The README's copies are
 * refreshed only when IAMPW_UPDATE_SCREENSHOTS=1, and only from a test that passed, so a normal test
 * run leaves the working tree alone and a broken flow never becomes a README picture.
 */
export class Screenshots {
  private count = 0;
  private pending: { file: string; media: MediaShot }[] = [];

  constructor(
    private readonly page: Page,
    readonly dir: string,
  ) {}

  async take(name: string, media?: MediaShot): Promise<string> {
    this.count += 1;
    const file = path.join(this.dir, `${String(this.count).padStart(2, '0')}-${name}.png`);
    await this.settle();
    await this.page.screenshot({ path: file });
    if (media) {
      this.pending.push({ file, media });
    }
    return file;
  }

  /** Waits for fades and slides (menus, toasts) to end, so nothing is caught half transparent. */
  private async settle(): Promise<void> {
    await this.page.evaluate(async (timeoutMs) => {
      const document = (globalThis as unknown as { document: AnimatedDocument }).document;
      const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
      const finished = Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
      await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    }, SETTLE_TIMEOUT_MS);
  }

  /** Called when a test passed: copies its README shots when asked to; returns the copies made. */
  publish(): string[] {
    const copies: string[] = [];
    if (process.env.IAMPW_UPDATE_SCREENSHOTS === '1') {
      fs.mkdirSync(mediaDir, { recursive: true });
      for (const { file, media } of this.pending) {
        const target = path.join(mediaDir, `${media}.png`);
        fs.copyFileSync(file, target);
        copies.push(target);
      }
    }
    this.pending = [];
    return copies;
  }

  /** Called when a test failed: its shots stay in the run folder only. */
  discard(): void {
    this.pending = [];
  }
}
