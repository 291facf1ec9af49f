/**
 * The AWS CLI's own endpoint resolution, for the cases of the SDK endpoint table it knows: what the
 * extension resolves (test/unit/awsSession.test.ts) is what the CLI would use. Every CLI request
 * goes to a proxy port nothing listens on, so nothing is sent anywhere.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENDPOINT_CASES } from '../unit/fixtures/sdkEndpoints';
import { AWS_CLI, Limiter, PARALLEL_CLI_RUNS, requireAwsCli } from './awsCliRunner';
import { closedPort } from './testSupport';

const COMMANDS = { iam: ['iam', 'get-account-password-policy'], sts: ['sts', 'get-caller-identity'] };

interface CliResolution {
  url?: string;
  signingRegion?: string;
  stderr: string;
}

describe('SDK endpoints, cross-checked with the AWS CLI v2', function () {
  const limiter = new Limiter(PARALLEL_CLI_RUNS);
  const dir = mkdtempSync(join(tmpdir(), 'iampw-endpoints-cli-'));
  let proxy: string;
  // Started together in before(), a few at a time; each test awaits its own.
  const runs = new Map<string, Promise<CliResolution>>();

  before(async function () {
    requireAwsCli(this);
    proxy = `http://127.0.0.1:${await closedPort()}`;
    ENDPOINT_CASES.forEach((row, index) => row.cliKnows.forEach((service) => runs.set(`${index} ${service}`, resolveWithCli(index, service))));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  function resolveWithCli(index: number, service: 'iam' | 'sts'): Promise<CliResolution> {
    const row = ENDPOINT_CASES[index];
    const configFile = join(dir, `config-${index}-${service}`);
    writeFileSync(configFile, ['[default]', `region = ${row.region}`, ...(row.profileLines ?? []), ''].join('\n'));
    const env = {
      PATH: '/usr/bin:/bin',
      HOME: dir,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
      AWS_MAX_ATTEMPTS: '1',
      HTTPS_PROXY: proxy,
      ...row.env,
    };
    return limiter.run(
      () =>
        new Promise((resolve) => {
          execFile(AWS_CLI, [...COMMANDS[service], '--debug'], { env }, (_error, _stdout, stderr) => {
            const url = /Endpoint provider result: (\S+)/.exec(stderr)?.[1];
            const scope = new RegExp(`^\\d{8}/([a-z0-9-]+)/${service}/aws4_request$`, 'm').exec(stderr);
            resolve({ url, signingRegion: scope?.[1], stderr });
          });
        }),
    );
  }

  ENDPOINT_CASES.forEach((row, index) => {
    for (const service of row.cliKnows) {
      it(`${row.name}: ${service.toUpperCase()}`, async function () {
        const cli = await (runs.get(`${index} ${service}`) ?? assert.fail('not started'));
        assert.deepEqual({ url: cli.url, signingRegion: cli.signingRegion }, row[service], cli.stderr.slice(-2000));
        assert.match(cli.stderr, /proxy|Could not connect/i, 'the request went to the closed proxy port');
      });
    }
  });
});
