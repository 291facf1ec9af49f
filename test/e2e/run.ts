// The browser suite: headless Chromium uses the extension in a real VS Code (code-server) like a
// person would, against the IAM/STS emulator running in this process.
// Usage: node esbuild.mjs && npx tsc -p . && node out/test/e2e/run.js
// Env: CI=true (missing code-server or Chromium fails instead of skipping), IAMPW_TEST_GREP,
// IAMPW_UPDATE_SCREENSHOTS=1 (refresh media/screenshots/ from passing tests), IAMPW_KEEP_TEST_DIR=1,
// IAMPW_HEADED=1, IAMPW_CODE_SERVER_DIR, IAMPW_CHROMIUM.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { missingPieces, session, SESSION_START_TIMEOUT_MS, startSession, stopSession } from './session';

/**
 * The order the scenarios run in. change-password.json is written before VS Code starts with
 * alice's seeded password, so the file scenario must come before any other change of it. The
 * secrets check comes after every scenario that types a password in this window.
 */
const SCENARIO_ORDER = [
  'changeFromFile',
  'paletteFlow',
  'policyHints',
  'errorNotifications',
  'cancelChange',
  'statusBarProfile',
  'identityRefusals',
  'farNetwork',
  'hotExitBackup',
  'clipboardOnStop',
  'secretsOnDisk',
  'untrustedWorkspace',
  'restrictedProfiles',
  'walkthrough',
];

const TEST_TIMEOUT_MS = 90_000;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Compiled test files in SCENARIO_ORDER; any file not listed runs after them, by name. */
function testFiles(): string[] {
  const rank = (file: string): number => {
    const index = SCENARIO_ORDER.indexOf(file.replace(/\.test\.js$/, ''));
    return index < 0 ? SCENARIO_ORDER.length : index;
  };
  return fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((file) => path.join(__dirname, file));
}

function loudly(lines: string[]): void {
  const rule = '='.repeat(72);
  console.error([rule, ...lines, rule].join('\n'));
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  let sessionMs: number | undefined;
  let missing: string[] = [];

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: TEST_TIMEOUT_MS,
    grep: process.env.IAMPW_TEST_GREP,
    rootHooks: {
      async beforeAll(this: Mocha.Context) {
        this.timeout(SESSION_START_TIMEOUT_MS + 30_000);
        missing = missingPieces();
        if (missing.length > 0) {
          const ci = process.env.CI === 'true';
          loudly([ci ? 'FAILED: the e2e suite cannot run (CI=true):' : 'SKIPPED: the e2e suite did NOT run:', ...missing.map((piece) => `  missing ${piece}`)]);
          if (ci) {
            throw new Error(`the e2e suite cannot run: missing ${missing.join('; ')}`);
          }
          this.skip();
        }
        const sessionStartedAt = Date.now();
        const { run, server } = await startSession(SESSION_START_TIMEOUT_MS);
        sessionMs = Date.now() - sessionStartedAt;
        console.log(`  code-server ready in ${seconds(server.startMs)}; workbench ready in ${seconds(sessionMs)}; run folder ${run.dirs.root}`);
      },
      async beforeEach() {
        const { workbench } = session();
        await workbench.closeQuickInput();
        await workbench.clearNotifications();
        await workbench.closePanel();
      },
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        const { screenshots } = session();
        if (test?.state === 'failed') {
          await screenshots.take(`FAILED-${test.title.replace(/[^\w-]+/g, '-').slice(0, 60)}`).catch(() => undefined);
          screenshots.discard();
        } else {
          for (const copy of screenshots.publish()) {
            console.log(`      updated ${path.relative(process.cwd(), copy)}`);
          }
        }
      },
      async afterAll() {
        await stopSession({ keep: counts.failed > 0 });
      },
    },
  });
  for (const file of testFiles()) {
    mocha.addFile(file);
  }

  let runDir: string | undefined;
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => (counts.passed += 1));
      // Also fires for a failing hook, which then counts as one failure.
      runner.on('fail', () => {
        counts.failed += 1;
        runDir ??= safeRunDir();
      });
      runner.on('pending', () => (counts.skipped += 1));
    });
  } finally {
    await stopSession({ keep: counts.failed > 0 });
  }

  console.log(`e2e suite took ${seconds(Date.now() - startedAt)}${sessionMs === undefined ? '' : ` (starting VS Code: ${seconds(sessionMs)})`}`);
  if (counts.failed > 0 && runDir) {
    console.log(`run folder kept for inspection (run.log, screenshots/): ${runDir}`);
  }
  if (counts.passed + counts.failed + counts.skipped === 0) {
    console.error('no test ran: check IAMPW_TEST_GREP and that out/test/e2e holds *.test.js files');
  }
  if (missing.length > 0 && process.env.CI !== 'true') {
    loudly([`SKIPPED: the e2e suite did NOT run: missing ${missing.join('; ')}`]);
  }
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
  console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
  const ran = counts.passed + counts.failed > 0 || counts.skipped > 0;
  return counts.failed === 0 && ran ? 0 : 1;
}

/** The run folder, when a session was started (a failure before that has none). */
function safeRunDir(): string | undefined {
  try {
    return session().run.dirs.root;
  } catch {
    return undefined;
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
