/** The code and message of any thrown value, read the same way everywhere (a leaf: it imports nothing). */

/** The AWS error code (`AccessDenied`), a Node error code (`ECONNREFUSED`) or the error's name. */
export function errorCode(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; Code?: unknown } | undefined;
  // The SDK names a reset socket TimeoutError; its Node code says what really happened.
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && e.code !== 'ETIMEDOUT') {
    return e.code;
  }
  for (const candidate of [e?.Code, e?.name, e?.code]) {
    if (typeof candidate === 'string' && candidate && candidate !== 'Error') {
      return candidate;
    }
  }
  return 'Error';
}

export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
