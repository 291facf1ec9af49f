import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (this file compiles to out/test/harness/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export const CODE_SERVER_VERSION = '4.100.3';

/** Where scripts/setup-test-env.sh installs code-server. */
export function codeServerDir(): string {
  return process.env.IAMPW_CODE_SERVER_DIR || path.join(repoRoot, '.cache', `code-server-${CODE_SERVER_VERSION}`);
}

/** code-server's entry script, or undefined until scripts/setup-test-env.sh has finished installing it. */
export function findCodeServer(): string | undefined {
  const dir = codeServerDir();
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const finished = fs.existsSync(path.join(dir, '.iampw-setup-complete'));
  return finished && fs.existsSync(entry) ? entry : undefined;
}

/** The Chromium that Playwright drives (env IAMPW_CHROMIUM, else the Debian package's), or undefined if absent. */
export function findChromium(): string | undefined {
  const executable = process.env.IAMPW_CHROMIUM || '/usr/bin/chromium';
  return fs.existsSync(executable) ? executable : undefined;
}
