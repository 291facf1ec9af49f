/** What the two readers hand the parameter checks, and the problems a change-password file can have. */
import * as l10n from '@vscode/l10n';

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

/** Every problem is an error. Messages never contain a value, since any value may be a password, nor a position: the range says where. */
export interface Problem {
  code: ProblemCode;
  message: string;
  range: TextRange;
}

export interface Entry {
  key: string;
  keyRange: TextRange;
  /** A string, or the class the CLI's loader would give another value (a Python class name); undefined: empty (a YAML null). */
  value?: string | { type: string };
  valueRange?: TextRange;
  /** YAML: the " #..." comment that ended a plain value (from the #), which a password may have meant to keep. */
  commentAfterValue?: TextRange;
}

export interface ReadResult {
  entries: Entry[];
  problems: Problem[];
}

export const emptyFileMessage = (): string => l10n.t('The file is empty: expected OldPassword and NewPassword');
