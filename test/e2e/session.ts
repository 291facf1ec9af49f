// Everything the browser suite runs against, started once per run in the launcher process: the
// IAM/STS emulator (so tests can ask it what really happened), AWS config files pointing at it,
// code-server with the extension under development, and headless Chromium showing its workbench.
// A test that needs VS Code started differently (workspace trust on) opens a second session.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  demoSeed,
  startEmulator,
  startLatencyRelay,
  writeAwsConfig,
  type AccessKeySeed as AccessKey,
  type AwsConfigFiles,
  type Emulator,
  type Seed,
} from '../emulator';
import { launchChromium, recordPageLog, workbenchUrl } from '../harness/chromium';
import { findFreePort, startCodeServer, type CodeServer } from '../harness/codeServer';
import { findChromium, findCodeServer, repoRoot } from '../harness/paths';
import { TestRun } from '../harness/testRun';
import { PASSWORDS } from './passwords';
import { Screenshots } from './screenshots';
import { Workbench } from './workbench';

export const ACCOUNT_ID = '123456789012';

/** The profile written into the config whose endpoint_url is a closed loopback port. */
export const UNREACHABLE_PROFILE = 'unreachable';

/** Profiles that sign as alice and as the root user through FAR_RTT_MS of round-trip time (TLS, the latency relay). */
export const FAR_PROFILES = { alice: 'alice-far', root: 'root-far' } as const;
/** Sydney or Tokyo to us-east-1. */
export const FAR_RTT_MS = 250;

/** The extension's log channel, as it appears in the Output view and in Developer: Set Log Level. */
export const LOG_CHANNEL = 'AWS IAM Password';

/** Starting code-server and loading the workbench on a loaded 2-core machine. */
export const SESSION_START_TIMEOUT_MS = 180_000;

/** What a person sees when the window is this size; the screenshots in media/ are taken at it. */
const VIEWPORT = { width: 1280, height: 800 };

export interface E2eSession {
  run: TestRun;
  emulator: Emulator;
  server: CodeServer;
  browser: Browser;
  page: Page;
  workbench: Workbench;
  screenshots: Screenshots;
  /** The workspace's change-password.json. */
  passwordFile: string;
  /** A loopback port nothing listened on when the config was written. */
  unreachablePort: number;
}

/** What this machine lacks to run the suite; empty when it can run. */
export function missingPieces(): string[] {
  const missing: string[] = [];
  if (!findCodeServer()) {
    missing.push('code-server 4.100.3 (run scripts/setup-test-env.sh, or set IAMPW_CODE_SERVER_DIR)');
  }
  if (!findChromium()) {
    missing.push('Chromium at /usr/bin/chromium (Debian package chromium; or set IAMPW_CHROMIUM)');
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
  if (!fs.existsSync(path.join(repoRoot, manifest.main))) {
    missing.push(`${manifest.main} (build the extension first: node esbuild.mjs)`);
  }
  return missing;
}

function appendIni(file: string, section: string, settings: Record<string, string>): void {
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  fs.appendFileSync(file, `\n[${section}]\n${lines.join('\n')}\n`);
}

/** The CLI's skeleton layout (4-space JSON), filled in the way a user would before right-clicking it. */
function writePasswordFile(file: string, oldPassword: string): void {
  fs.writeFileSync(file, `${JSON.stringify({ OldPassword: oldPassword, NewPassword: PASSWORDS.fromFile }, null, 4)}\n`);
}

function extensionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
}

/** The FAR_PROFILES, through a latency relay in front of the emulator's HTTPS server, whose certificate they trust. */
async function addFarProfiles(
  run: TestRun,
  emulator: Emulator,
  aws: AwsConfigFiles,
  keys: Record<keyof typeof FAR_PROFILES, AccessKey | undefined>,
): Promise<void> {
  if (!emulator.httpsUrl || !emulator.caCertPem) {
    throw new Error('the emulator was started without https');
  }
  const relay = await startLatencyRelay({ host: '127.0.0.1', port: Number(new URL(emulator.httpsUrl).port) }, FAR_RTT_MS);
  run.track({ name: 'latency relay', stop: () => relay.stop() });
  const caBundle = path.join(path.dirname(aws.configFile), 'emulator-ca.pem');
  fs.writeFileSync(caBundle, emulator.caCertPem);
  for (const [who, profile] of Object.entries(FAR_PROFILES) as [keyof typeof FAR_PROFILES, string][]) {
    const key = keys[who];
    if (!key) {
      throw new Error(`the demo seed no longer has access keys for ${who}`);
    }
    appendIni(aws.configFile, `profile ${profile}`, { region: 'us-east-1', endpoint_url: `https://127.0.0.1:${relay.port}`, ca_bundle: caBundle });
    appendIni(aws.credentialsFile, profile, { aws_access_key_id: key.accessKeyId, aws_secret_access_key: key.secretAccessKey });
  }
}

let current: E2eSession | undefined;

/** The running session; only valid inside the suite (between the root hooks). */
export function session(): E2eSession {
  if (!current) {
    throw new Error('the e2e session is not running (run the suite with node out/test/e2e/run.js)');
  }
  return current;
}

/** What the extension has written to its log file so far ('' before its first line). */
export function extensionLog(): string {
  const logsDir = path.join(session().run.dirs.userDataDir, 'logs');
  const files = fs.readdirSync(logsDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith(path.join(extensionId(), `${LOG_CHANNEL}.log`)));
  return files.map((file) => fs.readFileSync(path.join(logsDir, file), 'utf8')).join('');
}

/** What a session has set up when it asks for the environment of its code-server. */
export interface SessionSetup {
  run: TestRun;
  emulator: Emulator;
  seed: Seed;
  /** The config and credentials files written into the run's aws folder. */
  aws: AwsConfigFiles;
}

export interface SessionOptions {
  /** Names the run folder: <tmp>/iampw-<name>-XXXXXX. */
  name: string;
  readyTimeoutMs: number;
  /** VS Code asks whether to trust the workspace folder (see startCodeServer); off by default. */
  workspaceTrust?: boolean;
  /** Opens the workbench in a new context of this browser instead of launching another Chromium. */
  browser?: Browser;
  /** The extension's log level as Developer: Set Log Level... lists it ('Trace'), set once the workbench is ready. */
  logLevel?: string;
  /** Variables the extension host gets on top of AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (which they may replace). */
  environment?: (setup: SessionSetup) => Record<string, string> | Promise<Record<string, string>>;
  /** Merged into the user settings (User/settings.json) before VS Code starts. */
  userSettings?: Readonly<Record<string, unknown>>;
}

/**
 * Starts everything (emulator, AWS config, change-password.json, code-server, the workbench page)
 * and waits until the workbench shows the extension's status bar item. On failure it stops what it
 * started and keeps the run folder.
 */
export async function openSession(options: SessionOptions): Promise<E2eSession> {
  const run = TestRun.create(options.name);
  const { dirs } = run;
  try {
    const seed = demoSeed();
    const emulator = await startEmulator({
      seed,
      https: true,
      onRequest: (request) => run.note(`emulator: ${request.service} ${request.action ?? '?'} -> ${request.outcome}`),
    });
    run.track({ name: 'emulator', stop: () => emulator.stop() });

    const aws = writeAwsConfig(dirs.awsDir, emulator, seed);
    const unreachablePort = await findFreePort();
    const alice = seed.users?.find((user) => user.name === 'alice');
    const aliceKey = alice?.accessKeys?.[0];
    const alicePassword = alice?.loginProfile?.password;
    if (!aliceKey || alicePassword === undefined) {
      throw new Error('the demo seed no longer has alice with access keys and a console password');
    }
    appendIni(aws.configFile, `profile ${UNREACHABLE_PROFILE}`, {
      region: 'us-east-1',
      endpoint_url: `http://127.0.0.1:${unreachablePort}`,
    });
    appendIni(aws.credentialsFile, UNREACHABLE_PROFILE, {
      aws_access_key_id: aliceKey.accessKeyId,
      aws_secret_access_key: aliceKey.secretAccessKey,
    });

    await addFarProfiles(run, emulator, aws, { alice: aliceKey, root: seed.account.rootAccessKeys?.[0] });

    const passwordFile = path.join(dirs.workspaceDir, 'change-password.json');
    writePasswordFile(passwordFile, alicePassword);

    const env = {
      AWS_CONFIG_FILE: aws.configFile,
      AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
      ...(await options.environment?.({ run, emulator, seed, aws })),
    };
    const server = await startCodeServer({
      folder: dirs.workspaceDir,
      userDataDir: dirs.userDataDir,
      extensionsDir: dirs.extensionsDir,
      logFile: dirs.logFile,
      env,
      settings: options.userSettings,
      workspaceTrust: options.workspaceTrust,
    });
    run.track({ name: 'code-server', stop: server.stop, kill: server.kill });
    run.note(`code-server ready in ${server.startMs} ms at ${server.url}`);

    let browser = options.browser;
    if (!browser) {
      const launched = await launchChromium({ dataDir: dirs.browserDataDir });
      run.track({ name: 'chromium', stop: () => launched.close() });
      browser = launched;
    }
    // The clipboard as a person's browser has it once allowed: VS Code copies through it, and tests read it back.
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, permissions: ['clipboard-read', 'clipboard-write'] });
    run.track({ name: 'browser context', stop: () => context.close() });
    const page = await context.newPage();
    recordPageLog(page, dirs.logFile);
    await page.goto(workbenchUrl(server.url, { folder: dirs.workspaceDir, extensionDevelopmentPath: repoRoot }));

    const screenshotDir = path.join(dirs.root, 'screenshots');
    fs.mkdirSync(screenshotDir, { recursive: true });
    const workbench = new Workbench(page);
    const screenshots = new Screenshots(page, screenshotDir);
    await workbench.waitUntilReady(options.readyTimeoutMs);
    if (options.logLevel) {
      await workbench.setLogLevel(LOG_CHANNEL, options.logLevel);
    }
    return { run, emulator, server, browser, page, workbench, screenshots, passwordFile, unreachablePort };
  } catch (error) {
    run.note(`starting the e2e session failed: ${error instanceof Error ? error.stack : String(error)}`);
    await run.close({ keep: true });
    throw error;
  }
}

/** Opens the suite's session, the one session() returns. */
export async function startSession(readyTimeoutMs: number): Promise<E2eSession> {
  // Trace shows each request, so the secrets check at the end also covers what is logged at Trace.
  current = await openSession({ name: 'e2e', readyTimeoutMs, logLevel: 'Trace' });
  return current;
}

/**
 * Makes `other` the session that session() returns, so the root hooks clean up and screenshot its
 * window, until the returned function puts the suite's session back.
 */
export function useSession(other: E2eSession): () => void {
  const suite = session();
  current = other;
  return () => {
    current = suite;
  };
}

/** Stops everything the session started; the run folder stays when keep is set (after a failure). */
export async function stopSession(options: { keep: boolean }): Promise<void> {
  const running = current;
  current = undefined;
  await running?.run.close(options);
}
