/** Copying a secret as password managers do: cleared after a while, unless something else was copied meanwhile (that is the user's). */
import type { WindowApi } from './windowApi';

export class SecretClipboard {
  /** Each secret waiting to be cleared, with its timer. */
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ui: Pick<WindowApi, 'readClipboard' | 'writeClipboard'>) {}

  /** Copies the secret; after `clearAfterSeconds` (0: never) the clipboard is cleared if it still holds it. */
  async copy(secret: string, clearAfterSeconds: number): Promise<void> {
    await this.ui.writeClipboard(secret);
    clearTimeout(this.pending.get(secret));
    this.pending.delete(secret);
    if (clearAfterSeconds > 0) {
      this.pending.set(
        secret,
        setTimeout(() => void this.clear(secret), clearAfterSeconds * 1000),
      );
    }
  }

  /** The timers die with the extension host: clear now what they would have cleared. */
  async dispose(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((secret) => this.clear(secret)));
  }

  private async clear(secret: string): Promise<void> {
    clearTimeout(this.pending.get(secret));
    this.pending.delete(secret);
    if ((await this.ui.readClipboard()) === secret) {
      await this.ui.writeClipboard('');
    }
  }
}
