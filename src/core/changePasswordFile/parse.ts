import * as l10n from '@vscode/l10n';
import { codePointName, isAllowedCodePoint, MAX_PASSWORD_LENGTH } from '../passwordPolicy';
import type { ChangePasswordFileFormat } from './fileName';
import { readFlatYaml } from './flatYamlReader';
import { readJson } from './jsonReader';
import { describePosition, Problem, ProblemCode, ReadResult, TextRange } from './model';

/**
 * A change-password file read with the CLI's semantics. A missing key or an empty value ("", '', or in YAML
 * a null) is not a problem: the change flow asks for that password in a masked box. Problems are in text
 * order; every one is an error.
 */
export interface ParsedChangePasswordFile {
  /** Only string values that IAM would accept (1 to 128 allowed characters). */
  values: { OldPassword?: string; NewPassword?: string };
  /** The value token, quotes included, whatever its type; absent for a missing key or a YAML `Key:` without value. */
  valueRanges: { OldPassword?: TextRange; NewPassword?: TextRange };
  problems: Problem[];
}

const PARAMETERS = ['OldPassword', 'NewPassword'] as const;
type Parameter = (typeof PARAMETERS)[number];
export const isParameter = (key: string): key is Parameter => (PARAMETERS as readonly string[]).includes(key);

export function readEntries(text: string, format: ChangePasswordFileFormat): ReadResult {
  return format === 'json' ? readJson(text) : readFlatYaml(text);
}

/**
 * Reads the file, then checks each entry as the CLI checks its parameters, with the CLI's wording.
 * The messages in the CLI's wording (botocore's "Unknown parameter in input", "Invalid type for
 * parameter", "Invalid length for parameter") stay untranslated, so they can be searched for.
 */
export function parseChangePasswordFile(text: string, format: ChangePasswordFileFormat): ParsedChangePasswordFile {
  const { entries, problems } = readEntries(text, format);
  const parsed: ParsedChangePasswordFile = { values: {}, valueRanges: {}, problems };
  const report = (code: ProblemCode, message: string, range: TextRange): void => {
    problems.push({ message, range, severity: 'error', code });
  };
  const seen = new Set<string>();
  for (const { key, keyRange, value, valueRange, commentAfterValue } of entries) {
    if (!isParameter(key)) {
      report('unknown-key', `Unknown parameter in input: "${key}", must be one of: ${PARAMETERS.join(', ')}`, keyRange); // the AWS CLI's words, untranslated
      continue;
    }
    if (seen.has(key)) {
      report('duplicate-key', l10n.t('Duplicate parameter "{0}": remove one of them (the AWS CLI would silently use the last)', key), keyRange);
      continue;
    }
    seen.add(key);
    if (valueRange) {
      parsed.valueRanges[key] = valueRange;
    }
    if (!value || !valueRange) {
      continue;
    }
    if (!('text' in value)) {
      const hint =
        value.type === 'NoneType'
          ? ` ${l10n.t('(write "" to be asked for it)')}`
          : /^(?:int|float|bool|datetime)/.test(value.type)
            ? ` ${l10n.t('(put the value in quotes)')}`
            : '';
      // The AWS CLI's words (less the value, which may be a password), untranslated; the hint is ours.
      report('not-string', `Invalid type for parameter ${key}, type: <class '${value.type}'>, valid types: <class 'str'>${hint}`, valueRange);
      continue;
    }
    if (commentAfterValue) {
      // "Passw0rd #1" would be sent as "Passw0rd" by the AWS CLI too; a password is never cut silently.
      report(
        'cut-by-comment',
        l10n.t({
          message: '{0} ends before " #" at {1}: YAML reads the rest of the line as a comment, and so does the AWS CLI. Quote the value to keep the text after #',
          args: [key, describePosition(text, commentAfterValue.start)],
          comment: '{0} is OldPassword or NewPassword, {1} "line L, column C"',
        }),
        commentAfterValue,
      );
      continue;
    }
    const { text: password, offsets } = value;
    const length = Array.from(password).length;
    if (length > MAX_PASSWORD_LENGTH) {
      report('too-long', `Invalid length for parameter ${key}, value: ${length}, valid max length: ${MAX_PASSWORD_LENGTH}`, valueRange); // the AWS CLI's wording, untranslated
    }
    const bad = firstBadCharacter(password);
    if (bad !== undefined) {
      const width = (password.codePointAt(bad) as number) > 0xffff ? 2 : 1;
      const range = { start: offsets[bad], end: offsets[bad + width] };
      report(
        'bad-char',
        l10n.t({
          message: 'Invalid character for parameter {0}: {1} at {2}; IAM allows only tab, line feed, carriage return and U+0020 to U+00FF',
          args: [key, codePointName(password.slice(bad)), describePosition(text, range.start)],
          comment: '{0} is OldPassword or NewPassword, {1} a code point (U+0100), {2} "line L, column C"',
        }),
        range,
      );
    }
    if (length > 0 && length <= MAX_PASSWORD_LENGTH && bad === undefined) {
      parsed.values[key] = password;
    }
  }
  problems.sort((a, b) => a.range.start - b.range.start);
  return parsed;
}

function firstBadCharacter(value: string): number | undefined {
  for (let i = 0; i < value.length; ) {
    const codePoint = value.codePointAt(i) as number;
    if (!isAllowedCodePoint(codePoint)) {
      return i;
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  return undefined;
}
