import * as l10n from '@vscode/l10n';
import { blankProblem, characterProblem, lengthProblem, passwordNamed, sameAsCurrentProblem } from '../password/passwordRules';
import type { ChangePasswordFileFormat } from './fileName';
import { readFlatYaml } from './flatYamlReader';
import { readJson } from './jsonReader';
import { Problem, ProblemCode, ReadResult, TextRange } from './model';

// A missing key or an empty value is not a problem: the change flow asks for that password in a masked box.
export interface ParsedChangePasswordFile {
  values: { OldPassword?: string; NewPassword?: string };
  valueRanges: { OldPassword?: TextRange; NewPassword?: TextRange };
  problems: Problem[];
}

const PARAMETERS = ['OldPassword', 'NewPassword'] as const;
type Parameter = (typeof PARAMETERS)[number];
export const isParameter = (key: string): key is Parameter => (PARAMETERS as readonly string[]).includes(key);

export function readEntries(text: string, format: ChangePasswordFileFormat): ReadResult {
  return format === 'json' ? readJson(text) : readFlatYaml(text);
}

// Checks each entry as the CLI checks its parameters; the CLI's own wording (botocore's) stays untranslated, so it can be searched for.
export function parseChangePasswordFile(text: string, format: ChangePasswordFileFormat): ParsedChangePasswordFile {
  const { entries, problems } = readEntries(text, format);
  const parsed: ParsedChangePasswordFile = { values: {}, valueRanges: {}, problems };
  const report = (code: ProblemCode, message: string, range: TextRange): void => {
    problems.push({ code, message, range });
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
    // No value, or "": asked for in a masked box.
    if (!value || !valueRange) {
      continue;
    }
    if (typeof value !== 'string') {
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
      const cut = l10n.t({
        message: '{0} ends before " #": YAML reads the rest of the line as a comment, and so does the AWS CLI. Quote the value to keep the text after #',
        args: [key],
        comment: '{0} is OldPassword or NewPassword',
      });
      report('cut-by-comment', cut, commentAfterValue);
      continue;
    }
    // Both of IAM's limits, each on the value's range: the message says which character is refused.
    const tooLong = lengthProblem(value);
    const badCharacter = characterProblem(value);
    if (tooLong) {
      report('too-long', passwordNamed(key, tooLong), valueRange);
    }
    if (badCharacter) {
      report('bad-char', passwordNamed(key, badCharacter), valueRange);
    }
    if (!tooLong && !badCharacter) {
      parsed.values[key] = value;
    }
  }
  const { OldPassword: oldPassword, NewPassword: newPassword } = parsed.values;
  const newRange = parsed.valueRanges.NewPassword;
  if (newPassword !== undefined && newRange) {
    const blank = blankProblem(newPassword);
    const same = oldPassword === undefined ? undefined : sameAsCurrentProblem(oldPassword, newPassword);
    if (blank) {
      report('blank', blank, newRange);
    } else if (same) {
      report('same-as-current', same, newRange);
    }
  }
  problems.sort((a, b) => a.range.start - b.range.start);
  return parsed;
}
