/**
 * What the README's Profiles table and the parser's warnings say the AWS CLI does with a config
 * file, checked with the AWS CLI v2 itself: `aws configure get KEY --profile NAME` on each file of
 * test/unit/fixtures/cliDifferences.ts (test/unit/cliDifferences.test.ts checks this extension's
 * side). Nothing is sent: `configure get` only reads the files.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_DIFFERENCES } from '../unit/fixtures/cliDifferences';
import { AWS_CLI, Limiter, PARALLEL_CLI_RUNS, requireAwsCli } from './awsCliRunner';

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Files written as bytes, for what cannot be a JavaScript string of the fixture table. */
const BYTE_CASES: { name: string; config: Buffer; key: string; prints: string }[] = [
  { name: 'bytes that are not UTF-8', config: Buffer.from('[profile x]\nregion = eu-west-1\n# caf\xe9\n', 'latin1'), key: 'region', prints: 'refuses' },
  { name: 'a NUL byte in a value', config: Buffer.from('[profile x]\nregion = eu-west-1\x00\n', 'latin1'), key: 'region', prints: 'eu-west-1\0' },
  { name: 'a NUL byte on a line of its own', config: Buffer.from('[profile x]\nregion = eu-west-1\n\x00\n', 'latin1'), key: 'region', prints: 'refuses' },
];

describe('config files the AWS CLI reads otherwise, cross-checked with the AWS CLI v2', function () {
  const limiter = new Limiter(PARALLEL_CLI_RUNS);
  const dir = mkdtempSync(join(tmpdir(), 'iampw-cli-config-'));
  // Started together in before(), a few at a time; each test awaits its own.
  const runs = new Map<string, Promise<CliOutcome>>();

  before(function () {
    requireAwsCli(this);
    CLI_DIFFERENCES.forEach((row, index) => {
      const configFile = join(dir, `config-${index}`);
      const credentialsFile = join(dir, `credentials-${index}`);
      writeFileSync(configFile, row.config);
      writeFileSync(credentialsFile, row.credentials ?? '');
      row.cli.forEach(({ profile, key }, at) => runs.set(`${index} ${at}`, configureGet(configFile, credentialsFile, profile, key)));
    });
    BYTE_CASES.forEach((row, index) => {
      const configFile = join(dir, `bytes-${index}`);
      writeFileSync(configFile, row.config);
      runs.set(`bytes ${index}`, configureGet(configFile, join(dir, 'no-credentials'), 'x', row.key));
    });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  function configureGet(configFile: string, credentialsFile: string, profile: string, key: string): Promise<CliOutcome> {
    const env = { PATH: '/usr/bin:/bin', HOME: dir, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
    return limiter.run(
      () =>
        new Promise((resolve) => {
          execFile(AWS_CLI, ['configure', 'get', key, '--profile', profile], { env }, (error, stdout, stderr) => {
            resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
          });
        }),
    );
  }

  function assertPrints(outcome: CliOutcome, prints: string, label: string): void {
    const said = `${label}: ${outcome.stderr}`;
    if (prints === 'refuses') {
      assert.deepEqual([outcome.code, /Unable to parse config file/.test(outcome.stderr)], [255, true], said);
    } else if (prints === '') {
      assert.deepEqual([outcome.code, outcome.stdout], [1, ''], said);
    } else {
      assert.deepEqual([outcome.code, outcome.stdout.replace(/\n$/, '')], [0, prints], said);
    }
  }

  CLI_DIFFERENCES.forEach((row, index) => {
    it(row.name, async () => {
      for (const [at, { profile, key, prints }] of row.cli.entries()) {
        const outcome = await (runs.get(`${index} ${at}`) ?? assert.fail('not started'));
        assertPrints(outcome, prints, `aws configure get ${key} --profile ${profile}`);
      }
    });
  });

  BYTE_CASES.forEach((row, index) => {
    it(row.name, async () => {
      assertPrints(await (runs.get(`bytes ${index}`) ?? assert.fail('not started')), row.prints, `aws configure get ${row.key} --profile x`);
    });
  });
});
