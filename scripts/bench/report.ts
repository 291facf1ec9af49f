import { rttTableLines, type RttLine } from './measureRtt';
import { formatMib } from './stats';

export type Verdict = 'pass' | 'miss';

/** One line of the table, and of bench-results/latest.json. */
export interface Row {
  /** Stable name for the JSON file, e.g. 'change.cli'. */
  key: string;
  /** The task's numbering: 1 activation and size, 2 first box, 3 full change, 4 profiles, 5 the change at real round-trip times. */
  section: number;
  figure: string;
  /** The table cell, e.g. '3.1 ms'. */
  value: string;
  median?: number;
  unit?: 'ms' | 'bytes' | 'x' | 'modules';
  samples?: number[];
  /** Medians of the parts the figure is made of (ms unless the name says otherwise), for the JSON file. */
  parts?: Record<string, number>;
  runs?: number;
  /** Median peak resident memory of the measured process, KiB. */
  peakRssKib?: number;
  budget?: string;
  verdict?: Verdict;
  /** Set when the figure could not be measured; the bench then exits 1. */
  problem?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** One-minute load average when the bench started: other work on the machine inflates every time. */
  loadAverage: number;
  date: string;
  awsCli?: string;
  codeServer?: string;
}

export interface BenchReport {
  machine: Machine;
  durationS: number;
  rows: Row[];
  notes: string[];
  /** The change at each injected round-trip time, ours next to the CLI. */
  rttTable?: RttLine[];
}

export function notMeasured(key: string, section: number, figure: string, problem: string, budget?: string): Row {
  return { key, section, figure, value: 'not measured', budget, problem };
}

export function machineLine(machine: Machine): string {
  const tools = [machine.awsCli && `AWS CLI ${machine.awsCli}`, machine.codeServer && `code-server ${machine.codeServer}`].filter(Boolean);
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, load ${machine.loadAverage}${tools.length ? `; ${tools.join(', ')}` : ''}; ${machine.date}`;
}

const HEADERS = ['#', 'figure', 'median', 'runs', 'peak RSS', 'budget', 'result'];

function cells(row: Row): string[] {
  return [
    String(row.section),
    row.figure,
    row.value,
    row.runs === undefined ? '' : String(row.runs),
    row.peakRssKib === undefined ? '' : formatMib(row.peakRssKib),
    row.budget ?? '',
    row.problem ? 'ERROR' : (row.verdict ?? ''),
  ];
}

/** The terminal table: aligned columns, then the notes and problems. */
export function renderText(report: BenchReport): string {
  const table = [HEADERS, ...report.rows.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (values: string[]): string =>
    values
      .map((value, column) => (column === 2 ? value.padStart(widths[column]) : value.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width + 2, -2));
  const out = [
    `IAM Password benchmark (${report.durationS.toFixed(0)} s)`,
    `Machine: ${machineLine(report.machine)}`,
    rule,
    line(HEADERS),
    rule,
    ...table.slice(1).map(line),
    rule,
    ...(report.rttTable?.length ? ['The change at real round-trip times (medians):', ...rttTableLines(report.rttTable), ''] : []),
    ...report.notes.map((note) => `* ${note}`),
  ];
  const problems = report.rows.filter((row) => row.problem);
  if (problems.length > 0) {
    out.push('', 'NOT MEASURED (the bench exits 1):', ...problems.map((row) => `  ${row.figure}: ${row.problem}`));
  }
  return out.join('\n');
}

/** The same table for the README. */
export function renderMarkdown(report: BenchReport): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const out = [
    `Machine: ${machineLine(report.machine)}`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map((_, column) => (column === 2 ? '---:' : '---')).join('|')}|`,
    ...report.rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
    '',
    ...(report.rttTable?.length ? ['The change at real round-trip times (medians):', '', ...rttTableLines(report.rttTable), ''] : []),
    ...report.notes.map((note) => `- ${note}`),
  ];
  return `${out.join('\n')}\n`;
}
