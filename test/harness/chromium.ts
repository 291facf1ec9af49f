import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from './paths';

/** Flags measured to work for headless VS Code web on these machines (no GPU, no network). */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ChromiumOptions {
  /** Chromium's config and cache (crash reports, dconf) go here instead of the home folder. */
  dataDir: string;
  /** Default true; IAMPW_HEADED=1 shows the window when a display is available. */
  headless?: boolean;
}

/** Launches the system Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium(options: ChromiumOptions): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('Chromium is not installed: run scripts/setup-test-env.sh (Debian package chromium)');
  }
  return chromium.launch({
    executablePath,
    headless: options.headless ?? process.env.IAMPW_HEADED !== '1',
    args: [...chromiumArgs],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(options.dataDir, 'config'),
      XDG_CACHE_HOME: path.join(options.dataDir, 'cache'),
    },
    // The test run's own signal handlers close the browser together with everything else.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export interface WorkbenchTarget {
  /** The workspace folder to open (a path on the server). */
  folder: string;
  /** Loads this extension folder as the extension under development. */
  extensionDevelopmentPath?: string;
  /** A module exporting run(): Promise<void>, run inside the extension host like --extensionTestsPath. */
  extensionTestsPath?: string;
}

function remoteUri(serverUrl: string, fsPath: string): string {
  const uri = new URL(`vscode-remote://${new URL(serverUrl).host}`);
  uri.pathname = fsPath;
  return uri.href;
}

/** The workbench URL of a code-server for a folder, optionally with an extension and tests to run. */
export function workbenchUrl(serverUrl: string, target: WorkbenchTarget): string {
  const url = new URL(serverUrl);
  url.searchParams.set('folder', target.folder);
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remoteUri(serverUrl, target.extensionDevelopmentPath)]);
  }
  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', remoteUri(serverUrl, target.extensionTestsPath)]);
  }
  if (payload.length > 0) {
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.href;
}

/**
 * Appends the page's console messages and uncaught errors to a log file. In VS Code web the
 * extension host's console output (mocha's reporter included) arrives here too.
 */
export function recordPageLog(page: Page, logFile: string): void {
  const append = (line: string): void => fs.appendFileSync(logFile, `${new Date().toISOString()} [browser] ${line}\n`);
  page.on('console', (message) => append(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => append(`page error: ${error.stack ?? error.message}`));
  page.on('crash', () => append('page crashed'));
}
