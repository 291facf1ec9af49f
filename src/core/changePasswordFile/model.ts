/** What the two readers hand the parameter checks, and the problems a change-password file can have. */
import * as l10n from '@vscode/l10n';

/** UTF-16 offsets into the text; end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

export type ProblemCode =
  | 'syntax'
  | 'unsupported'
  | 'not-object'
  | 'unknown-key'
  | 'duplicate-key'
  | 'not-string'
  | 'too-long'
  | 'bad-char'
  | 'cut-by-comment'
  | 'blank'
  | 'same-as-current';

/** Messages never contain a value, since any value may be a password. */
export interface Problem {
  message: string;
  range: TextRange;
  severity: 'error' | 'warning';
  code: ProblemCode;
}

/** A string keeps the source offset of each UTF-16 unit, plus the offset just after the last (its closing quote). */
export type Scalar = { text: string; offsets: number[] } | { type: string };

/** One top-level `Key: value` of the file, as a reader found it. */
export interface Entry {
  key: string;
  keyRange: TextRange;
  /** The value as the CLI's loader would type it (a Python class name); undefined: empty (a YAML null). */
  value?: Scalar;
  valueRange?: TextRange;
  /** YAML: the " #..." comment that ended a plain value (from the #), which a password may have meant to keep. */
  commentAfterValue?: TextRange;
}

/** What a reader found: the entries up to the first error it cannot read past, and the problems. */
export interface ReadResult {
  entries: Entry[];
  problems: Problem[];
}

export const emptyFileMessage = (): string => l10n.t('The file is empty: expected OldPassword and NewPassword');

export const problem = (code: ProblemCode, message: string, start: number, end: number): Problem => ({
  message,
  range: { start, end },
  severity: 'error',
  code,
});

/** 1-based line and UTF-16 column; \r\n, \r and \n each end a line, as in VS Code. */
export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** "line L, column C", the way the messages say where. */
export function describePosition(text: string, offset: number): string {
  const { line, column } = offsetToPosition(text, offset);
  return l10n.t('line {0}, column {1}', line, column);
}

/** "MESSAGE at line L, column C". */
export function atPosition(message: string, text: string, offset: number): string {
  return l10n.t({
    message: '{0} at {1}',
    args: [message, describePosition(text, offset)],
    comment: 'What is wrong in a file, and where: {1} is "line L, column C"',
  });
}

/** Whether a problem's message already says where it is (syntax errors do), so a notification need not add it. */
export function saysWhere(problem: Problem, text: string): boolean {
  return problem.message.includes(describePosition(text, problem.range.start));
}
