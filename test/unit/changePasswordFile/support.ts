import * as assert from 'node:assert/strict';
import type { ChangePasswordFileFormat } from '../../../src/changePasswordFile/fileName';
import type { Problem, TextRange } from '../../../src/changePasswordFile/model';
import { parseChangePasswordFile } from '../../../src/changePasswordFile/parse';

/** The range of the only occurrence of needle (the n-th when several). */
export function span(text: string, needle: string, nth = 1): TextRange {
  let start = -1;
  for (let i = 0; i < nth; i++) {
    start = text.indexOf(needle, start + 1);
    assert.ok(start >= 0, `${JSON.stringify(needle)} #${i + 1} not in ${JSON.stringify(text)}`);
  }
  return { start, end: start + needle.length };
}

export function problems(text: string, format: ChangePasswordFileFormat): Problem[] {
  return parseChangePasswordFile(text, format).problems;
}

export function only(text: string, format: ChangePasswordFileFormat): Problem {
  const found = problems(text, format);
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0];
}

export const typeMessage = (key: string, type: string, hint = ' (put the value in quotes)'): string =>
  `Invalid type for parameter ${key}, type: <class '${type}'>, valid types: <class 'str'>${hint}`;
export const unsupportedMessage = (what: string): string => `Unsupported YAML: ${what}; this file only supports simple "Key: value" lines`;
