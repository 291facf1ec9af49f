/** Copying a secret as password managers do: cleared after a while, unless something else was copied meanwhile (that is the user's). */
import type { WindowApi } from './windowApi';

export async function copySecret(ui: WindowApi, secret: string, clearAfterSeconds: number): Promise<void> {
  await ui.writeClipboard(secret);
  if (clearAfterSeconds > 0) {
    setTimeout(() => void ui.readClipboard().then((held) => (held === secret ? ui.writeClipboard('') : undefined)), clearAfterSeconds * 1000);
  }
}
