import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { AwsConfigFiles, Emulator } from '../../test/emulator';
import { cliChangePassword, type CliRun, type CliTarget } from './awsCli';
import type { ChangeResult, ChangeTask, ChangeTiming } from './changeWorker';
import { notMeasured, type Row } from './report';
import { formatMs, median, round } from './stats';
import { runWorker } from './worker';

export interface ChangeSetup {
  emulator: Emulator;
  files: AwsConfigFiles;
  /** The demo user whose password is changed, and the profile that signs as them. */
  user: string;
  commandBundle: string;
  workerEnv: NodeJS.ProcessEnv;
  cli: CliTarget;
  /** Why the CLI cannot run here, if it cannot. */
  cliProblem?: string;
}

export interface ChangeMeasurement {
  rows: Row[];
  /** Command -> first box measured in Node with the same core pieces, for when no real VS Code is available. */
  firstBoxInNode: Row[];
  notes: string[];
}

const FASTER_BY = 10;

/** Fresh passwords that meet the demo policy (12+, four classes) and were never used before. */
function passwordSource(): () => string {
  const tag = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `Bench-${tag}-${++counter}-Aa1!`;
}

export async function measureChange(setup: ChangeSetup, coldRuns: number, warmRuns: number): Promise<ChangeMeasurement> {
  const fresh = passwordSource();
  const currentPassword = (): string => {
    const password = setup.emulator.passwordOf(setup.user);
    if (password === undefined) {
      throw new Error(`the emulator has no password for ${setup.user}`);
    }
    return password;
  };
  const worker = path.join(__dirname, 'changeWorker.js');

  const oursInProcess = async (changes: number): Promise<{ timings: ChangeTiming[]; wallMs: number; maxRssKib: number }> => {
    const passwords = [currentPassword()];
    for (let i = 0; i < changes; i++) {
      passwords.push(fresh());
    }
    const task: ChangeTask = {
      commandBundle: setup.commandBundle,
      configFile: setup.files.configFile,
      credentialsFile: setup.files.credentialsFile,
      profile: setup.user,
      passwords,
    };
    const { result, wallMs } = await runWorker<ChangeTask, ChangeResult>(worker, task, setup.workerEnv);
    if (currentPassword() !== passwords[passwords.length - 1]) {
      throw new Error('the emulator does not hold the password the extension client set');
    }
    return { timings: result.changes, wallMs, maxRssKib: result.maxRssKib };
  };

  const cli = async (): Promise<CliRun> => {
    const next = fresh();
    const run = await cliChangePassword(setup.cli, currentPassword(), next);
    if (currentPassword() !== next) {
      throw new Error('the emulator does not hold the password the CLI set');
    }
    return run;
  };

  // Ours and the CLI take turns, so both see the same machine noise.
  const cold: { timing: ChangeTiming; wallMs: number; maxRssKib: number }[] = [];
  const cliRuns: CliRun[] = [];
  let cliProblem = setup.cliProblem;
  for (let i = 0; i < coldRuns; i++) {
    const run = await oursInProcess(1);
    cold.push({ timing: run.timings[0], wallMs: run.wallMs, maxRssKib: run.maxRssKib });
    if (!cliProblem) {
      try {
        cliRuns.push(await cli());
      } catch (error) {
        cliProblem = error instanceof Error ? error.message : String(error);
      }
    }
  }
  const warmProcess = await oursInProcess(warmRuns + 1);
  const warm = warmProcess.timings.slice(1);

  const coldMs = median(cold.map((c) => c.timing.totalMs));
  const coldWallMs = median(cold.map((c) => c.wallMs));
  const warmMs = median(warm.map((w) => w.totalMs));
  const coldRss = median(cold.map((c) => c.maxRssKib));
  const rows: Row[] = [
    {
      key: 'change.ours.cold',
      section: 3,
      figure: 'full change, ours, cold (fresh Node: require commands.js, the Change Password flow, 3 calls)',
      value: formatMs(coldMs),
      median: coldMs,
      unit: 'ms',
      samples: cold.map((c) => round(c.timing.totalMs)),
      parts: {
        requireMs: round(median(cold.map((c) => c.timing.requireMs))),
        preflightMs: round(median(cold.map((c) => c.timing.preflightMs))),
        changeMs: round(median(cold.map((c) => c.timing.changeMs))),
      },
      runs: cold.length,
      peakRssKib: coldRss,
    },
    {
      key: 'change.ours.coldProcess',
      section: 3,
      figure: 'full change, ours, cold, whole Node process',
      value: formatMs(coldWallMs),
      median: coldWallMs,
      unit: 'ms',
      samples: cold.map((c) => round(c.wallMs)),
      runs: cold.length,
      peakRssKib: coldRss,
    },
    {
      key: 'change.ours.warm',
      section: 3,
      figure: 'full change, ours, warm (later changes in the same process)',
      value: formatMs(warmMs),
      median: warmMs,
      unit: 'ms',
      samples: warm.map((w) => round(w.totalMs)),
      parts: {
        preflightMs: round(median(warm.map((w) => w.preflightMs))),
        changeMs: round(median(warm.map((w) => w.changeMs))),
      },
      runs: warm.length,
      peakRssKib: warmProcess.maxRssKib,
    },
  ];

  const cliMs = median(cliRuns.map((r) => r.wallMs));
  if (cliProblem || cliRuns.length === 0) {
    const why = cliProblem ?? 'no CLI run completed';
    rows.push(
      notMeasured('change.cli', 3, 'full change, aws iam change-password (CLI v2), whole process', why),
      notMeasured('change.ratio.cold', 3, 'CLI time / ours, cold', why, '>= 10x'),
      notMeasured('change.ratio.warm', 3, 'CLI time / ours, warm', why, '>= 10x'),
    );
  } else {
    const ratio = (ours: number): number => cliMs / ours;
    rows.push(
      {
        key: 'change.cli',
        section: 3,
        figure: 'full change, aws iam change-password (CLI v2), whole process',
        value: formatMs(cliMs),
        median: cliMs,
        unit: 'ms',
        samples: cliRuns.map((r) => round(r.wallMs)),
        runs: cliRuns.length,
        peakRssKib: median(cliRuns.map((r) => r.maxRssKib)),
      },
      {
        key: 'change.ratio.cold',
        section: 3,
        figure: 'CLI time / ours, cold',
        value: `${ratio(coldMs).toFixed(1)}x`,
        median: ratio(coldMs),
        unit: 'x',
        budget: '>= 10x',
        verdict: ratio(coldMs) >= FASTER_BY ? 'pass' : 'miss',
      },
      {
        key: 'change.ratio.warm',
        section: 3,
        figure: 'CLI time / ours, warm',
        value: `${ratio(warmMs).toFixed(1)}x`,
        median: ratio(warmMs),
        unit: 'x',
        budget: '>= 10x',
        verdict: ratio(warmMs) >= FASTER_BY ? 'pass' : 'miss',
      },
      {
        key: 'change.ratio.process',
        section: 3,
        figure: 'CLI time / ours, whole process each (Node start-up included)',
        value: `${ratio(coldWallMs).toFixed(1)}x`,
        median: ratio(coldWallMs),
        unit: 'x',
      },
    );
  }

  const coldPreflight = cold.map((c) => c.timing.requireMs + c.timing.preflightMs);
  const warmPreflight = warm.map((w) => w.preflightMs);
  const firstBoxInNode: Row[] = [
    {
      key: 'firstBox.cold',
      section: 2,
      figure: 'command -> first input box, cold (Node: require commands.js, session; identity and policy follow behind the box)',
      value: formatMs(median(coldPreflight)),
      median: median(coldPreflight),
      unit: 'ms',
      samples: coldPreflight.map((ms) => round(ms)),
      runs: coldPreflight.length,
    },
    {
      key: 'firstBox.warm',
      section: 2,
      figure: 'command -> first input box, warm (Node: session)',
      value: formatMs(median(warmPreflight)),
      median: median(warmPreflight),
      unit: 'ms',
      samples: warmPreflight.map((ms) => round(ms)),
      runs: warmPreflight.length,
      budget: '< 150 ms',
      verdict: median(warmPreflight) < 150 ? 'pass' : 'miss',
    },
  ];

  const split = (pick: (t: ChangeTiming) => number): string => formatMs(median(cold.map((c) => pick(c.timing))));
  const notes = [
    `Full change, ours, cold: require dist/commands.js ${split((t) => t.requireMs)} + session to the first box ${split((t) => t.preflightMs)} + the boxes, waiting for GetCallerIdentity and GetAccountPasswordPolicy (fetched at once behind the first box) + ChangePassword ${split((t) => t.changeMs)}, through the Change Password command handler with input boxes that answer at once; the CLI sends ChangePassword only.`,
  ];
  return { rows, firstBoxInNode, notes };
}
