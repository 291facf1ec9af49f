// The GitHub workflows cannot run here; this checks that they say what the README says to run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const repoRoot = path.resolve(__dirname, '../../..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Job {
  'runs-on': string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps: Step[];
}

interface Workflow {
  on: Record<string, { branches?: string[]; tags?: string[] } | null>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

function read(file: string): string {
  return fs.readFileSync(path.join(repoRoot, file), 'utf8');
}

function workflow(name: string): Workflow {
  return parse(read(path.join('.github', 'workflows', name))) as Workflow;
}

/** The workflow's only job. */
function onlyJob(flow: Workflow): Job {
  const jobs = Object.values(flow.jobs);
  assert.equal(jobs.length, 1, 'one job');
  return jobs[0];
}

function indexOfRun(steps: Step[], command: string): number {
  return steps.findIndex((step) => step.run?.split('\n').some((line) => line.trim() === command));
}

/** The Node major version code-server needs, as scripts/setup-test-env.sh checks it. */
function supportedNodeMajor(): number {
  const match = /node_major != (\d+)/.exec(read('scripts/setup-test-env.sh'));
  assert.ok(match, 'scripts/setup-test-env.sh checks the Node major version');
  return Number(match[1]);
}

function setupNode(steps: Step[]): Step {
  const step = steps.find((candidate) => candidate.uses?.startsWith('actions/setup-node@'));
  assert.ok(step, 'uses actions/setup-node');
  return step;
}

describe('.ci/run', () => {
  it("runs the README's commands: npm ci, npm test, npm run package", () => {
    const lines = read('.ci/run')
      .split('\n')
      .map((line) => line.trim());
    const at = ['npm ci', 'npm test', 'npm run package'].map((command) => lines.indexOf(command));
    assert.ok(
      at.every((index) => index >= 0),
      `.ci/run runs all three: ${at.join(', ')}`,
    );
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
      'in that order',
    );
    const readme = read('README.md');
    for (const command of ['npm ci', 'npm test', 'npm run package']) {
      assert.ok(readme.includes(command), `README.md mentions ${command}`);
    }
  });
});

describe('.github/workflows/ci.yml', () => {
  const flow = workflow('ci.yml');
  const job = flow.jobs.test;

  it('has the full run and the portable suites, nothing else', () => {
    assert.deepEqual(Object.keys(flow.jobs).sort(), ['portable', 'test']);
  });

  it('runs on pushes and pull requests, the full run on Ubuntu', () => {
    assert.ok('push' in flow.on && 'pull_request' in flow.on, `triggers: ${Object.keys(flow.on).join(', ')}`);
    assert.equal(job['runs-on'], 'ubuntu-latest');
  });

  it('runs bash .ci/run with CI=true', () => {
    const at = indexOfRun(job.steps, 'bash .ci/run');
    assert.ok(at >= 0, 'a step runs bash .ci/run');
    assert.equal(String(job.steps[at].env?.CI), 'true');
  });

  it('sets up the Node version code-server needs, before .ci/run', () => {
    const node = setupNode(job.steps);
    assert.equal(Number(node.with?.['node-version']), supportedNodeMajor());
    assert.ok(job.steps.indexOf(node) < indexOfRun(job.steps, 'bash .ci/run'));
  });
});

describe('.github/workflows/ci.yml, the portable suites', () => {
  const job = workflow('ci.yml').jobs.portable;
  const at = (command: string): number => indexOfRun(job.steps, command);

  it('runs on Ubuntu, Windows and macOS, each to the end', () => {
    assert.deepEqual(job.strategy?.matrix, { os: ['ubuntu-latest', 'windows-latest', 'macos-latest'] });
    assert.equal(job['runs-on'], '${{ matrix.os }}');
    assert.equal(job.strategy?.['fail-fast'], false, 'a failure on one platform does not hide the others');
  });

  it('runs the unit and emulator suites with CI=true, after npm ci, build and compile, on the supported Node', () => {
    const order = ['npm ci', 'npm run build', 'npm run compile', 'npm run test:unit', 'npm run test:emulator'].map(at);
    assert.ok(
      order.every((index) => index >= 0),
      `every step is there: ${order.join(', ')}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'in that order',
    );
    for (const suite of ['npm run test:unit', 'npm run test:emulator']) {
      assert.equal(String(job.steps[at(suite)].env?.CI), 'true', `${suite} runs with CI=true, so a missing AWS CLI fails`);
    }
    assert.equal(Number(setupNode(job.steps).with?.['node-version']), supportedNodeMajor());
  });

  it('leaves the VS Code suites to Ubuntu', () => {
    const runs = job.steps.map((step) => step.run ?? '').join('\n');
    assert.doesNotMatch(runs, /test:integration|test:e2e|npm test\b|\.ci\/run|npm run setup/);
  });

  it("names the runner's AWS CLI in IAMPW_AWS_CLI, which the suites read, before they run", () => {
    const step = job.steps.findIndex((s) => /IAMPW_AWS_CLI=.*GITHUB_ENV/.test(s.run ?? ''));
    assert.ok(step >= 0 && step < at('npm run test:unit'), 'a step sets IAMPW_AWS_CLI first');
    assert.match(read('test/emulator/awsCliRunner.ts'), /process\.env\.IAMPW_AWS_CLI/);
  });

  it('runs mocha with a glob every platform shell passes on unquoted (cmd.exe keeps single quotes)', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['test:unit', 'test:emulator']) {
      assert.doesNotMatch(scripts[name], /'/, `${name} has no single quotes`);
    }
  });
});

describe('.github/workflows/release.yml', () => {
  const flow = workflow('release.yml');
  const job = onlyJob(flow);
  const runs = (fragment: string): Step[] => job.steps.filter((step) => step.run?.includes(fragment));

  it('runs on v* tags only', () => {
    assert.deepEqual(Object.keys(flow.on), ['push']);
    assert.deepEqual(flow.on.push, { tags: ['v*'] });
  });

  it('tests with bash .ci/run, then builds the .vsix with npm run package, on the supported Node', () => {
    const test = indexOfRun(job.steps, 'bash .ci/run');
    const pack = indexOfRun(job.steps, 'npm run package');
    assert.ok(test >= 0, 'a step runs bash .ci/run');
    assert.equal(String(job.steps[test].env?.CI), 'true');
    assert.ok(pack > test, 'npm run package runs after the tests');
    assert.equal(Number(setupNode(job.steps).with?.['node-version']), supportedNodeMajor());
  });

  it('attaches the .vsix to a GitHub release, after packaging', () => {
    const [release] = runs('gh release create');
    assert.ok(release, 'a step runs gh release create');
    assert.match(release.run ?? '', /gh release create "\$GITHUB_REF_NAME" \.\/\*\.vsix/);
    assert.ok(job.steps.indexOf(release) > indexOfRun(job.steps, 'npm run package'));
    assert.equal(flow.permissions?.contents, 'write', 'the job may create the release');
  });

  for (const { tool, secret } of [
    { tool: 'vsce publish', secret: 'VSCE_PAT' },
    { tool: 'ovsx', secret: 'OVSX_PAT' },
  ]) {
    it(`publishes with ${tool} only when the ${secret} secret is set`, () => {
      const publish = runs(tool);
      assert.equal(publish.length, 1, `one step runs ${tool}`);
      const [step] = publish;
      assert.equal(step.if, `env.${secret} != ''`, 'guarded on the secret');
      assert.equal({ ...job.env, ...step.env }[secret], `\${{ secrets.${secret} }}`, `${secret} comes from the secret of that name`);
      assert.match(step.run ?? '', /\.\/\*\.vsix/, 'publishes the packaged .vsix, not a new build');
      assert.ok(job.steps.indexOf(step) > indexOfRun(job.steps, 'npm run package'));
    });
  }

  it('publishes nothing else without a guard', () => {
    const unguarded = job.steps.filter((step) => /\b(vsce|ovsx) publish\b/.test(step.run ?? '') && !step.if);
    assert.deepEqual(unguarded, []);
  });
});
