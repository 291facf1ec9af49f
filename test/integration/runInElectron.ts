// Runs the integration suite in desktop VS Code through @vscode/test-electron, for contributors
// and hosted CI with internet access (it downloads VS Code unless VSCODE_EXECUTABLE names one).
// On machines without internet use runInCodeServer.js instead.
// Usage: node out/test/integration/runInElectron.js   (env: VSCODE_EXECUTABLE, VSCODE_VERSION,
// IAMPW_TEST_GREP, IAMPW_KEEP_TEST_DIR=1)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../harness/paths';
import { exitCodeFor, formatResults, readResults } from '../harness/results';
import { isLeakingVariable, startTestBackend } from '../harness/testEnvironment';
import { TestRun } from '../harness/testRun';

/** The oldest VS Code that package.json's engines.vscode accepts, so the suite proves that promise. */
const MINIMUM_VSCODE = '1.100.3';

async function main(): Promise<number> {
  const run = TestRun.create('integration-electron');
  const resultsFile = path.join(run.dirs.root, 'results.json');
  let problem: string | undefined;
  try {
    const backendEnv = await startTestBackend(run);
    // runTests spawns VS Code with process.env plus this; undefined removes a variable.
    const dropped = Object.keys(process.env).filter(isLeakingVariable);
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      version: process.env.VSCODE_VERSION || MINIMUM_VSCODE,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: {
        ...Object.fromEntries(dropped.map((name) => [name, undefined])),
        HOME: path.join(run.dirs.userDataDir, 'home'),
        ...backendEnv,
        IAMPW_TEST_RESULTS: resultsFile,
      },
      launchArgs: [
        run.dirs.workspaceDir,
        '--user-data-dir',
        run.dirs.userDataDir,
        '--extensions-dir',
        run.dirs.extensionsDir,
        '--disable-extensions',
        '--disable-telemetry',
      ],
    });
  } catch (error) {
    // A failing test also lands here (VS Code exits with code 1); the results file tells which.
    problem = error instanceof Error ? error.message : String(error);
  }
  const results = fs.existsSync(resultsFile) ? readResults(resultsFile) : undefined;
  const exitCode = results ? exitCodeFor(results) : 1;
  await run.close({ keep: exitCode !== 0 });
  if (exitCode !== 0) {
    console.log(`run folder kept for inspection: ${run.dirs.root}`);
  }
  if (results) {
    console.log(formatResults(results));
  } else {
    console.error(`integration suite did not complete: ${problem ?? 'no results file'}`);
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
