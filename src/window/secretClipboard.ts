/** Copying a secret, as password managers do: the clipboard is cleared after a while if it still holds it. */
import type { WindowApi } from './windowApi';

/**
 * Writes the secret to the clipboard; after `clearAfterSeconds` (iamPassword.clipboardClearSeconds,
 * 0 never clears), empties the clipboard unless something else was copied meanwhile (then it is
 * the user's, and stays).
 */
export async function copySecret(ui: WindowApi, secret: string, clearAfterSeconds: number): Promise<void> {
  await ui.writeClipboard(secret);
  if (clearAfterSeconds > 0) {
    setTimeout(() => void ui.readClipboard().then((held) => (held === secret ? ui.writeClipboard('') : undefined)), clearAfterSeconds * 1000);
  }
}
