// npm run bench: the performance budgets (docs/ARCHITECTURE.md, "Budgets"), measured on this machine, next to the AWS CLI.
// Prints one table and writes it to bench-results/latest.json (and latest.md for the README).
// A missed budget is reported, not failed; exit 1 only when something could not be measured.
// Usage: node out/scripts/bench/index.js [--no-build] [--only=1,4]   (--no-build: measure dist/ as it is;
// --only: just those sections, numbered as printed; the table is then printed, not written)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoSeed, startEmulator, writeAwsConfig } from '../../test/emulator';
import { CODE_SERVER_VERSION, findCodeServer, repoRoot } from '../../test/harness/paths';
import { isLeakingVariable } from '../../test/harness/testEnvironment';
import { TestRun } from '../../test/harness/testRun';
import { AWS_CLI, cliProblem, cliVersion } from './awsCli';
import { listDist, measureActivation, sizeRows } from './measureActivation';
import { measureChange } from './measureChange';
import { codeServerProblem, codeServerRows, measureInCodeServer } from './measureInCodeServer';
import { measureProfiles } from './measureProfiles';
import { measureRtt, RTTS_MS, type RttLine } from './measureRtt';
import { notMeasured, renderMarkdown, renderText, type BenchReport, type Machine, type Row } from './report';
import { round } from './stats';

const ACTIVATION_RUNS = 7;
const CHANGE_COLD_RUNS = 7;
const CHANGE_WARM_RUNS = 7;
const PROFILE_PROCESSES = 5;
const PROFILE_WARM_RUNS = 7;
/**
 * Each VS Code window is a new extension host: one cold command, then warm ones. Activation by VS
 * Code's marks swings by several ms between windows, so its median needs more than a few.
 */
const CODE_SERVER_WINDOWS = 9;
const BOX_RUNS_PER_WINDOW = 3;
/** At each RTT: fresh processes (one cold change each), each followed by warm changes; the CLI once per process. */
const RTT_PROCESSES = 3;
const RTT_WARM_PER_PROCESS = 2;
const DEMO_USER = 'alice';
/** The sections --only names, or undefined for all. */
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .map(Number);
const wanted = (section: number): boolean => !ONLY || ONLY.includes(section);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function build(): string | undefined {
  console.log('Building the production bundles (node esbuild.mjs --production)...');
  const result = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
  return result.status === 0 ? undefined : `node esbuild.mjs --production failed (${result.error?.message ?? `exit ${result.status}`})`;
}

async function describeMachine(): Promise<Machine> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    awsCli: fs.existsSync(AWS_CLI) ? await cliVersion() : undefined,
    codeServer: findCodeServer() ? CODE_SERVER_VERSION : undefined,
  };
}

/** Runs one section; if it throws, its figures become "not measured" rows instead. */
async function section(label: string, rows: Row[], fallback: Row[], measure: () => Promise<Row[]>): Promise<void> {
  const startedAt = Date.now();
  process.stdout.write(`${label}... `);
  try {
    rows.push(...(await measure()));
    console.log(`${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.log('failed');
    rows.push(...fallback.map((row) => ({ ...row, problem: messageOf(error) })));
  }
}

/**
 * Copies the built extension (package.json and its strings, dist/, media/) into the run folder, and the whole run
 * measures that copy: a rebuild of dist/ while the bench runs cannot mix two builds into one table.
 */
function stageExtension(run: TestRun): { extensionPath: string; extensionMain: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
  const extensionPath = path.join(run.dirs.root, 'extension');
  for (const entry of ['package.json', 'package.nls.json', path.dirname(manifest.main), 'media']) {
    if (fs.existsSync(path.join(repoRoot, entry))) {
      fs.cpSync(path.join(repoRoot, entry), path.join(extensionPath, entry), { recursive: true });
    }
  }
  return { extensionPath, extensionMain: path.join(extensionPath, manifest.main) };
}

async function measureAll(run: TestRun, rows: Row[], notes: string[], rttTable: RttLine[]): Promise<void> {
  const { extensionPath, extensionMain } = stageExtension(run);
  const distDir = path.dirname(extensionMain);
  const commandBundle = path.join(distDir, 'commands.js');
  const profilesModule = path.join(repoRoot, 'out', 'src', 'profiles', 'profileList.js');

  const seed = demoSeed();
  const emulator = await startEmulator({ seed });
  run.track({ name: 'emulator', stop: () => emulator.stop() });
  const files = writeAwsConfig(run.dirs.awsDir, emulator, seed);
  const home = path.join(run.dirs.root, 'home');
  fs.mkdirSync(home, { recursive: true });
  // A measured process gets this environment (its size matters: process.env lookups scan it), but
  // nothing of the developer's own AWS set-up, and a throwaway HOME.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !isLeakingVariable(name) && name !== 'NODE_OPTIONS'));
  const awsEnv = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  const workerEnv = { ...inherited, HOME: home, ...awsEnv };

  const dist = fs.existsSync(distDir) ? listDist(distDir) : [];
  rows.push(...sizeRows(extensionMain, dist));
  if (wanted(1)) {
    await section(
      '1/5 activation and bundle sizes',
      rows,
      [notMeasured('activation.standIn', 1, 'activation: require + activate() (fresh Node, vscode stand-in)', '', '<= 10 ms')],
      async () => {
        const measured = await measureActivation({ extensionMain, extensionPath }, dist, ACTIVATION_RUNS, workerEnv);
        notes.push(...measured.notes);
        return measured.rows;
      },
    );
  }

  if (wanted(2)) {
    await section('2/5 listing profiles', rows, [notMeasured('profiles', 4, 'loadProfiles on 10 to 10,000 profiles', '', '<= 200 ms')], () => {
      if (!fs.existsSync(profilesModule)) {
        throw new Error(`${path.relative(repoRoot, profilesModule)} is missing: run npx tsc -p . first`);
      }
      return measureProfiles(profilesModule, run.dirs.root, PROFILE_PROCESSES, PROFILE_WARM_RUNS, workerEnv);
    });
  }

  let firstBoxInNode: Row[] = [];
  if (wanted(3)) {
    await section(
      '3/5 full change: the extension client vs the AWS CLI',
      rows,
      [notMeasured('change', 3, 'full change against the emulator', '', '>= 10x')],
      async () => {
        if (!fs.existsSync(commandBundle)) {
          throw new Error(`${path.relative(repoRoot, commandBundle)} is missing`);
        }
        const cliEnv = { ...workerEnv, AWS_PROFILE: DEMO_USER, AWS_PAGER: '' };
        const cli = { endpoint: emulator.url, env: cliEnv };
        const measured = await measureChange(
          { emulator, files, user: DEMO_USER, commandBundle, workerEnv, cli, cliProblem: cliProblem() },
          CHANGE_COLD_RUNS,
          CHANGE_WARM_RUNS,
        );
        firstBoxInNode = measured.firstBoxInNode;
        notes.push(...measured.notes);
        return measured.rows;
      },
    );
  }

  if (wanted(4)) {
    await section(
      `4/5 the change at ${RTTS_MS.join(', ')} ms round-trip time (TLS, latency relay), ours vs the AWS CLI`,
      rows,
      [notMeasured('rtt', 5, 'the change at real round-trip times', '')],
      async () => {
        const httpsEmulator = await startEmulator({ seed, https: true });
        run.track({ name: 'https emulator', stop: () => httpsEmulator.stop() });
        const cliEnv = cliProblem() ? undefined : { ...(workerEnv as Record<string, string>), AWS_PROFILE: DEMO_USER, AWS_PAGER: '' };
        const rtt = {
          emulator: httpsEmulator,
          seed,
          user: DEMO_USER,
          commandBundle,
          dir: path.join(run.dirs.root, 'rtt'),
          workerEnv,
          cliEnv,
          cliProblem: cliProblem(),
        };
        const measured = await measureRtt(rtt, RTT_PROCESSES, RTT_WARM_PER_PROCESS);
        rttTable.push(...measured.table);
        notes.push(...measured.notes);
        return measured.rows;
      },
    );
  }

  if (!wanted(5)) {
    return;
  }
  const unavailable = codeServerProblem();
  if (unavailable) {
    console.log(`5/5 command -> first input box: no real VS Code here (${unavailable}); measured in Node instead`);
    rows.push(...firstBoxInNode);
    notes.push(`Command -> first input box was measured in Node, not in VS Code: ${unavailable}.`);
    return;
  }
  const inVsCode = [notMeasured('firstBox.codeServer', 2, 'command -> first input box in code-server', '', '< 150 ms')];
  await section('5/5 command -> first input box in a real VS Code (code-server)', rows, inVsCode, async () => {
    const measured = codeServerRows(await measureInCodeServer(run, extensionPath, awsEnv, CODE_SERVER_WINDOWS, BOX_RUNS_PER_WINDOW));
    notes.push(...measured.notes);
    return measured.rows;
  });
  if (!rows.some((row) => row.key === 'firstBox.warm')) {
    rows.push(...firstBoxInNode);
  }
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const buildProblem = process.argv.includes('--no-build') ? undefined : build();
  if (buildProblem) {
    console.error(buildProblem);
    return 1;
  }
  const machine = await describeMachine();
  const rows: Row[] = [];
  const notes: string[] = [];
  const rttTable: RttLine[] = [];
  const run = TestRun.create('bench');
  try {
    await measureAll(run, rows, notes, rttTable);
  } catch (error) {
    rows.push(notMeasured('bench', 0, 'the bench itself', messageOf(error)));
  } finally {
    await run.close({ keep: false });
  }
  notes.push(
    "Figures are medians of the runs shown. 1 KB = 1024 bytes. Peak RSS is the measured process's maximum resident memory (Node: process.resourceUsage().maxRSS; CLI: getrusage of its process).",
    'Profiles are listed with out/src/profiles/profileList.js (the same source as the bundle) from generated files that mix static-key, role and SSO profiles; cold is the first call in a fresh process, and the < 100 ms budget is checked on it.',
  );
  if (machine.loadAverage > machine.cores) {
    notes.push(`The machine was busy when the bench started (load average ${machine.loadAverage} on ${machine.cores} cores): the times are inflated.`);
  }
  rows.sort((a, b) => a.section - b.section);
  const report: BenchReport = { machine, durationS: (Date.now() - startedAt) / 1000, rows, notes, rttTable };

  console.log(`\n${renderText(report)}`);
  if (ONLY) {
    console.log(`\nOnly sections ${ONLY.join(', ')}: nothing written to bench-results/.`);
    return rows.some((row) => row.problem) ? 1 : 0;
  }
  const outDir = path.join(repoRoot, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const rounded = (_key: string, value: unknown): unknown => (typeof value === 'number' ? round(value, 3) : value);
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(report, rounded, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'latest.md'), renderMarkdown(report));
  console.log(`\nWritten: bench-results/latest.json, bench-results/latest.md`);
  return rows.some((row) => row.problem) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
