// The change at real round-trip times: a latency relay in front of the emulator's HTTPS server,
// ours (the Change Password command handler in a fresh Node) and `aws iam change-password`
// through the same relay, taking turns.
import * as path from 'node:path';
import { writeAwsConfig, startLatencyRelay, type Emulator, type Seed } from '../../test/emulator';
import { cliChangePassword, type CliRun } from './awsCli';
import type { ChangeResult, ChangeTask, ChangeTiming } from './changeWorker';
import type { Row } from './report';
import { formatMs, median, round } from './stats';
import { runWorker } from './worker';

export const RTTS_MS = [0, 100, 250];
const FIRST_BOX_BUDGET_MS = 150;
const LAST_ENTER_SLACK_MS = 30;
const FASTER_THAN_CLI_AT_100 = 3;

export interface RttSetup {
  /** Started with https. */
  emulator: Emulator;
  seed: Seed;
  user: string;
  commandBundle: string;
  /** A folder for one AWS config per RTT. */
  dir: string;
  workerEnv: NodeJS.ProcessEnv;
  /** The CLI's environment, without AWS config; undefined when the CLI cannot run here. */
  cliEnv?: Record<string, string>;
  cliProblem?: string;
}

/** One line of the RTT table. */
export interface RttLine {
  rttMs: number;
  firstBoxColdMs: number;
  firstBoxWarmMs: number;
  lastEnterColdMs: number;
  lastEnterWarmMs: number;
  wholeColdMs: number;
  wholeWarmMs: number;
  cliMs?: number;
  /** CLI / ours, whole cold change. */
  ratio?: number;
}

export function passwordFactory(tag: string): () => string {
  let counter = 0;
  return () => `Rtt-${tag}-${++counter}-Aa1!`;
}

export async function measureRtt(setup: RttSetup, processes: number, warmPerProcess: number): Promise<{ rows: Row[]; table: RttLine[]; notes: string[] }> {
  const httpsUrl = setup.emulator.httpsUrl;
  if (!httpsUrl) {
    throw new Error('the emulator was started without https');
  }
  const target = new URL(httpsUrl);
  const fresh = passwordFactory(Date.now().toString(36));
  const current = (): string => setup.emulator.passwordOf(setup.user) ?? '';
  const table: RttLine[] = [];
  const rows: Row[] = [];
  let cliProblem = setup.cliProblem;
  for (const rtt of RTTS_MS) {
    process.stdout.write(`${rtt} ms `);
    const relay = await startLatencyRelay({ host: target.hostname, port: Number(target.port) }, rtt);
    try {
      const endpoint = `https://127.0.0.1:${relay.port}`;
      const files = writeAwsConfig(path.join(setup.dir, `rtt-${rtt}`), setup.emulator, setup.seed, { https: true, endpointUrl: endpoint });
      const cold: ChangeTiming[] = [];
      const warm: ChangeTiming[] = [];
      const cliRuns: CliRun[] = [];
      for (let i = 0; i < processes; i++) {
        const passwords = [current(), ...Array.from({ length: warmPerProcess + 1 }, fresh)];
        const task: ChangeTask = {
          commandBundle: setup.commandBundle,
          configFile: files.configFile,
          credentialsFile: files.credentialsFile,
          profile: setup.user,
          passwords,
        };
        const { result } = await runWorker<ChangeTask, ChangeResult>(path.join(__dirname, 'changeWorker.js'), task, setup.workerEnv);
        cold.push(result.changes[0]);
        warm.push(...result.changes.slice(1));
        if (setup.cliEnv && !cliProblem) {
          try {
            const next = fresh();
            const env = {
              ...setup.cliEnv,
              AWS_CONFIG_FILE: files.configFile,
              AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
              AWS_CA_BUNDLE: files.caBundleFile ?? '',
            };
            cliRuns.push(await cliChangePassword({ endpoint, env }, current(), next));
          } catch (error) {
            cliProblem = error instanceof Error ? error.message : String(error);
          }
        }
      }
      const m = (timings: ChangeTiming[], pick: (t: ChangeTiming) => number): number => median(timings.map(pick));
      const line: RttLine = {
        rttMs: rtt,
        firstBoxColdMs: m(cold, (t) => t.requireMs + t.preflightMs),
        firstBoxWarmMs: m(warm, (t) => t.preflightMs),
        lastEnterColdMs: m(cold, (t) => t.changeMs),
        lastEnterWarmMs: m(warm, (t) => t.changeMs),
        wholeColdMs: m(cold, (t) => t.totalMs),
        wholeWarmMs: m(warm, (t) => t.totalMs),
      };
      if (cliRuns.length > 0) {
        line.cliMs = median(cliRuns.map((r) => r.wallMs));
        line.ratio = line.cliMs / line.wholeColdMs;
      }
      table.push(line);
      rows.push(...rowsFor(line, cold.length, warm.length, cliRuns));
    } finally {
      await relay.stop();
    }
  }
  const notes = [
    "RTT: a TCP relay in front of the emulator's HTTPS server holds every byte half the round-trip time each way and a new connection one round trip (its TCP handshake); TLS runs end to end through it. Ours: the Change Password command handler in a fresh Node (cold: the first change, require of the bundle included; warm: later changes in the same process), boxes answering at once; the CLI: `aws iam change-password` as a whole process, AWS_CA_BUNDLE set to the emulator's certificate.",
    'First box: the command to the current-password box, which opens before any request (identity and policy are fetched behind it). Last Enter -> result: ChangePassword over the connection the policy call opened. Whole change: command to result with no typing time, so it includes waiting for the identity and the policy; the CLI has no boxes, its whole run is its Enter -> result.',
  ];
  if (cliProblem) {
    notes.push(`The CLI could not be measured at these RTTs: ${cliProblem}`);
  }
  return { rows, table, notes };
}

function rowsFor(line: RttLine, coldRuns: number, warmRuns: number, cliRuns: CliRun[]): Row[] {
  const rtt = line.rttMs;
  const key = (name: string): string => `rtt.${rtt}.${name}`;
  const ms = (name: string, figure: string, value: number, runs: number, budget?: number, budgetText?: string): Row => ({
    key: key(name),
    section: 5,
    figure: `${rtt} ms RTT: ${figure}`,
    value: formatMs(value),
    median: round(value),
    unit: 'ms',
    runs,
    ...(budget === undefined ? {} : { budget: budgetText ?? `<= ${budget} ms`, verdict: value <= budget ? 'pass' : 'miss' }),
  });
  const rows = [
    ms('firstBox.cold', 'command -> first box, ours, cold', line.firstBoxColdMs, coldRuns, FIRST_BOX_BUDGET_MS),
    ms('firstBox.warm', 'command -> first box, ours, warm', line.firstBoxWarmMs, warmRuns, FIRST_BOX_BUDGET_MS),
    ms('lastEnter.warm', 'last Enter -> result, ours, warm', line.lastEnterWarmMs, warmRuns, rtt + LAST_ENTER_SLACK_MS, `<= 1 RTT + ${LAST_ENTER_SLACK_MS} ms`),
    ms('whole.cold', 'whole change, ours, cold', line.wholeColdMs, coldRuns),
  ];
  if (line.cliMs !== undefined && line.ratio !== undefined) {
    rows.push(ms('cli', 'whole change, aws iam change-password', line.cliMs, cliRuns.length), {
      key: key('ratio.cold'),
      section: 5,
      figure: `${rtt} ms RTT: CLI / ours, whole cold change`,
      value: `${line.ratio.toFixed(1)}x`,
      median: round(line.ratio),
      unit: 'x',
      ...(rtt === 100 ? { budget: `>= ${FASTER_THAN_CLI_AT_100}x`, verdict: line.ratio >= FASTER_THAN_CLI_AT_100 ? 'pass' : 'miss' } : {}),
    });
  }
  return rows;
}

/** The RTT table for the terminal and the README. */
export function rttTableLines(table: RttLine[]): string[] {
  const header = [
    'RTT',
    'first box, cold',
    'first box, warm',
    'last Enter -> result, cold',
    'last Enter -> result, warm',
    'whole change, cold',
    'whole change, warm',
    'aws iam change-password',
    'CLI / ours, cold',
  ];
  const cell = (value: number | undefined): string => (value === undefined ? 'n/a' : formatMs(value));
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---:').join('|')}|`,
    ...table.map(
      (l) =>
        `| ${[`${l.rttMs} ms`, cell(l.firstBoxColdMs), cell(l.firstBoxWarmMs), cell(l.lastEnterColdMs), cell(l.lastEnterWarmMs), cell(l.wholeColdMs), cell(l.wholeWarmMs), cell(l.cliMs), l.ratio === undefined ? 'n/a' : `${l.ratio.toFixed(1)}x`].join(' | ')} |`,
    ),
  ];
}
