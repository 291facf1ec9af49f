// Runs the integration suite inside a real VS Code on this machine: code-server (VS Code in the
// browser, installed by scripts/setup-test-env.sh) opened by headless Chromium, with the
// extension under development loaded and index.js running mocha in its extension host.
// Usage: node out/test/integration/runInCodeServer.js   (env: CI, IAMPW_TEST_GREP,
// IAMPW_TEST_TIMEOUT_MS, IAMPW_KEEP_TEST_DIR=1, IAMPW_HEADED=1, IAMPW_CODE_SERVER_DIR, IAMPW_CHROMIUM)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium, recordPageLog, workbenchUrl } from '../harness/chromium';
import { startCodeServer } from '../harness/codeServer';
import { findChromium, findCodeServer, repoRoot } from '../harness/paths';
import { exitCodeFor, formatResults, waitForResults, type TestResults } from '../harness/results';
import { startTestBackend } from '../harness/testEnvironment';
import { extensionLogFiles, findLeaks, proxyLogFiles } from '../harness/leakAudit';
import { TestRun } from '../harness/testRun';
import { PASSWORDS, readAuditedSecrets } from './passwords';

const timeoutMs = Number(process.env.IAMPW_TEST_TIMEOUT_MS) || 5 * 60_000;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Without CI=true a machine lacking the pieces skips the suite loudly; under CI that is a failure. */
function reportMissing(missing: string[]): number {
  const ci = process.env.CI === 'true';
  const rule = '='.repeat(72);
  console.error(rule);
  console.error(ci ? 'FAILED: the integration suite cannot run (CI=true):' : 'SKIPPED: the integration suite did NOT run:');
  for (const piece of missing) {
    console.error(`  missing ${piece}`);
  }
  console.error('  Install with: bash scripts/setup-test-env.sh');
  console.error(rule);
  return ci ? 1 : 0;
}

async function runSuite(run: TestRun): Promise<TestResults> {
  const { dirs } = run;
  const backendEnv = await startTestBackend(run);
  const resultsFile = path.join(dirs.root, 'results.json');
  // Where a test puts a stand-in for a command line tool (aws). A terminal whose process is aws
  // itself finds it on the PATH of the login shell environment VS Code resolved at start, not on
  // terminal.integrated.env.*; so the folder goes on PATH in the test HOME's ~/.profile, as a
  // user's own profile would put a tool there.
  const binDir = path.join(dirs.root, 'bin');
  fs.mkdirSync(binDir);
  const home = path.join(dirs.userDataDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, '.profile'), `PATH='${binDir}':"$PATH"\nexport PATH\n`);
  const server = await startCodeServer({
    folder: dirs.workspaceDir,
    userDataDir: dirs.userDataDir,
    extensionsDir: dirs.extensionsDir,
    logFile: dirs.logFile,
    env: { ...backendEnv, IAMPW_TEST_RESULTS: resultsFile, IAMPW_TEST_BIN: binDir, IAMPW_TEST_SECRETS: generatedSecretsFile(run) },
    logLevel: 'trace',
  });
  run.track({ name: 'code-server', stop: server.stop, kill: server.kill });
  console.log(`code-server ready in ${server.startMs} ms at ${server.url}`);

  const browser = await launchChromium({ dataDir: dirs.browserDataDir });
  run.track({ name: 'chromium', stop: () => browser.close() });
  const page = await browser.newPage();
  recordPageLog(page, dirs.logFile);
  let pageProblem: string | undefined;
  page.on('crash', () => (pageProblem = 'the browser page crashed'));

  const loadStartedAt = Date.now();
  await page.goto(
    workbenchUrl(server.url, {
      folder: dirs.workspaceDir,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
    }),
  );
  const results = await waitForResults(resultsFile, timeoutMs, () => (server.isRunning() ? pageProblem : 'code-server exited'));
  console.log(`workbench opened and tests ran in ${seconds(Date.now() - loadStartedAt)}`);
  return results;
}

/** Passwords made during the run (generated ones), outside the run folder so they are not found as leaks themselves. */
function generatedSecretsFile(run: TestRun): string {
  return `${run.dirs.root}.secrets`;
}

/**
 * After every flow ran with the log at Trace: no file the run produced (VS Code's logs, state
 * databases, storage, temp files, the browser's data) may hold a password the tests used, and the
 * extension's log must show the redacted request, or the audit proved nothing. When the test
 * against an endpoint that echoes the form passed, the log must show its answers unlogged.
 */
function auditLeaks(run: TestRun, results: TestResults): string[] {
  const generated = readAuditedSecrets(generatedSecretsFile(run));
  fs.rmSync(generatedSecretsFile(run), { force: true });
  const secrets = { ...PASSWORDS, ...generated };
  const problems = findLeaks(run.dirs.root, secrets).map((hit) => `password ${hit.secret} found (${hit.encoding}) in ${hit.file}`);
  // The proxy test keeps tinyproxy's log in the run folder, so the search above covered it.
  const proxyLogs = proxyLogFiles(run.dirs.root);
  if (
    results.tests.some((test) => /tinyproxy/.test(test.title) && test.state === 'passed') &&
    !proxyLogs.some((file) => /CONNECT/.test(fs.readFileSync(file, 'utf8')))
  ) {
    problems.push('the proxy test passed, but no tinyproxy log with a CONNECT is in the run folder for the audit');
  }
  const logs = extensionLogFiles(run.dirs.userDataDir, 'AWS IAM Password');
  const logText = logs.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
  // A filtered run (IAMPW_TEST_GREP) may not change any password.
  if (!process.env.IAMPW_TEST_GREP && !/OldPassword=\*\*\*/.test(logText)) {
    problems.push(`the extension's trace log (${logs.length} file(s)) does not show a redacted ChangePassword request`);
  }
  const echoed = results.tests.some((test) => test.state === 'passed' && /echoes the form/.test(test.title));
  if (echoed && !/<- 502 ChangePassword in \d+ ms, request id \S+ \(\d+ bytes, not logged\)/.test(logText)) {
    problems.push("the echoing endpoint's test passed, but the trace log does not show its 502 answer to ChangePassword, unlogged");
  }
  const audited = `${Object.keys(secrets).length} passwords (${Object.keys(generated).length} generated in the run)`;
  console.log(
    `leak audit: ${problems.length === 0 ? `none of ${audited} found in the run folder (${proxyLogs.length} proxy log(s) included)${echoed ? "; the echoing endpoint's answers were not logged" : ''}` : 'FAILED'}`,
  );
  for (const problem of problems) {
    console.error(`leak audit: ${problem}`);
  }
  return problems;
}

async function main(): Promise<number> {
  const missing: string[] = [];
  if (!findCodeServer()) {
    missing.push('code-server 4.100.3 (set IAMPW_CODE_SERVER_DIR if it lives elsewhere)');
  }
  if (!findChromium()) {
    missing.push('Chromium at /usr/bin/chromium (Debian package chromium; or set IAMPW_CHROMIUM)');
  }
  if (missing.length > 0) {
    return reportMissing(missing);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
  if (!fs.existsSync(path.join(repoRoot, manifest.main))) {
    console.error(`${manifest.main} does not exist: build the extension first (node esbuild.mjs)`);
    return 1;
  }

  const startedAt = Date.now();
  const run = TestRun.create('integration');
  let results: TestResults | undefined;
  let problem: string | undefined;
  try {
    results = await runSuite(run);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    run.note(`suite did not complete: ${error instanceof Error ? error.stack : problem}`);
  }
  if (results) {
    for (const leak of auditLeaks(run, results)) {
      results.failed++;
      results.failures.push({ title: 'leak audit', message: leak });
    }
  }
  // Left behind when the suite did not complete.
  fs.rmSync(generatedSecretsFile(run), { force: true });
  const exitCode = results ? exitCodeFor(results) : 1;
  await run.close({ keep: exitCode !== 0 });
  console.log(`integration suite took ${seconds(Date.now() - startedAt)} in all`);
  if (exitCode !== 0) {
    console.log(`log: ${run.dirs.logFile} (the run folder is kept for inspection)`);
  }
  if (results && results.passed + results.failed === 0) {
    console.error('no test ran: check IAMPW_TEST_GREP and that out/test/integration holds *.test.js files');
  }
  if (results) {
    console.log(formatResults(results));
  } else {
    console.error(`integration suite did not complete: ${problem}`);
  }
  return exitCode;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
