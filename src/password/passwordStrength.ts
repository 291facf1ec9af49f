/**
 * The strength estimator: zxcvbn-ts with its language-independent lists (common passwords,
 * keyboard layouts). It is the entry of dist/passwordStrength.js, a bundle of its own that the
 * new-password box and the change-password file checks require when they first need it, so
 * neither activation nor the first command pays for its dictionaries. It runs in this process
 * and sends nothing anywhere. Feedback comes back as zxcvbn's keys; `strengthWords.ts` words them.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export interface StrengthEstimate {
  /** zxcvbn's score: 0 (too guessable) to 4 (very unguessable). */
  score: number;
  /** zxcvbn's warning key, e.g. "similarToCommon"; absent when it has none. */
  warning?: string;
  /** zxcvbn's suggestion keys, e.g. "anotherWord". */
  suggestions: string[];
}

// Built once, when this module is first required: the ranked dictionaries take tens of ms.
// Levenshtein matching stays off (zxcvbn's default): it costs hundreds of ms a keystroke with user inputs.
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/** `userInputs` are words an attacker would try first for this user: names, account ID, profile. */
export function estimateStrength(password: string, userInputs: readonly string[]): StrengthEstimate {
  const { score, feedback } = zxcvbn.check(password, [...userInputs]);
  return { score, suggestions: feedback.suggestions, warning: feedback.warning ?? undefined };
}
