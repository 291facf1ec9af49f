/** Copying a secret, as password managers do: the clipboard is cleared after a while if it still holds it. */
import vscode = require('vscode');

/** iamPassword.clipboardClearSeconds: 0 never clears. */
export function clipboardClearSeconds(): number {
  const seconds = vscode.workspace.getConfiguration('iamPassword').get<number>('clipboardClearSeconds', 30);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : 30;
}

/**
 * Writes the secret to the clipboard; after the configured time, empties the clipboard unless
 * something else was copied meanwhile (then it is the user's, and stays).
 */
export async function copySecret(secret: string): Promise<void> {
  await vscode.env.clipboard.writeText(secret);
  const seconds = clipboardClearSeconds();
  if (seconds > 0) {
    setTimeout(() => void clearIfStillHeld(secret), seconds * 1000);
  }
}

async function clearIfStillHeld(secret: string): Promise<void> {
  if ((await vscode.env.clipboard.readText()) === secret) {
    await vscode.env.clipboard.writeText('');
  }
}
