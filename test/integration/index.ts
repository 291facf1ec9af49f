// The test module VS Code loads inside the extension host (extensionTestsPath). It runs every
// compiled integration test with mocha and writes the results to the file named by env
// IAMPW_TEST_RESULTS, because nothing reports back from VS Code web to the launcher.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { writeResults, type TestFailure, type TestOutcome, type TestResults } from '../harness/results';

/**
 * activation.test.js checks what activation alone loaded, so it runs before any test that
 * invokes a command; the rest run in path order.
 */
function testFiles(dir: string): string[] {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort((a, b) => Number(b === 'activation.test.js') - Number(a === 'activation.test.js') || a.localeCompare(b));
  return files.map((file) => path.join(dir, file));
}

function errorFields(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) {
    return { message: `${error.name}: ${error.message}`, stack: error.stack };
  }
  return { message: String(error) };
}

function runMocha(mocha: Mocha): Promise<TestResults> {
  const startedAt = Date.now();
  const tests: TestOutcome[] = [];
  const failures: TestFailure[] = [];
  const results = (): TestResults => ({
    passed: tests.filter((test) => test.state === 'passed').length,
    failed: failures.length,
    pending: tests.filter((test) => test.state === 'pending').length,
    durationMs: Date.now() - startedAt,
    tests,
    failures,
  });
  return new Promise((resolve) => {
    try {
      const runner = mocha.run(() => resolve(results()));
      runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
      runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
      // Also fires for failing hooks, which are then counted as failures too.
      runner.on('fail', (test, error) => {
        tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration });
        failures.push({ title: test.fullTitle(), ...errorFields(error) });
      });
    } catch (error) {
      // A test file that throws while loading.
      failures.push({ title: 'loading the test files', ...errorFields(error) });
      resolve(results());
    }
  });
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, grep: process.env.IAMPW_TEST_GREP });
  for (const file of testFiles(__dirname)) {
    mocha.addFile(file);
  }
  const results = await runMocha(mocha);
  const resultsFile = process.env.IAMPW_TEST_RESULTS;
  if (resultsFile) {
    writeResults(resultsFile, results);
  }
  if (results.failed > 0) {
    throw new Error(`${results.failed} integration test(s) failed`);
  }
}
