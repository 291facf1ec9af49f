/**
 * The strength estimator: zxcvbn-ts with its language-independent lists (common passwords,
 * keyboard layouts). It is the entry of dist/passwordStrength.js, a bundle of its own that the
 * new-password box and the change-password file checks require when they first need it, so
 * neither activation nor the first command pays for its dictionaries. It runs in this process
 * and sends nothing anywhere. Feedback comes back as zxcvbn's keys; `strengthWords.ts` words them.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's score: 0 (too guessable) to 4 (very unguessable). */
type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface StrengthEstimate {
  score: StrengthScore;
  /** zxcvbn's warning key, e.g. "similarToCommon"; absent when it has none. */
  warning?: string;
  /** zxcvbn's suggestion keys, e.g. "anotherWord". */
  suggestions: string[];
}

export interface StrengthEstimator {
  /** `userInputs` are words an attacker would try first for this user: names, account ID, profile. */
  estimate(password: string, userInputs: readonly string[]): StrengthEstimate;
}

export function createStrengthEstimator(): StrengthEstimator {
  // Levenshtein matching stays off (zxcvbn's default): it costs hundreds of ms a keystroke with user inputs.
  const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return {
    estimate(password, userInputs) {
      const { score, feedback } = zxcvbn.check(password, [...userInputs]);
      return { score, suggestions: feedback.suggestions, ...(feedback.warning ? { warning: feedback.warning } : {}) };
    },
  };
}

let shared: StrengthEstimator | undefined;

/** One estimator per process: building the ranked dictionaries takes tens of ms. */
export function sharedStrengthEstimator(): StrengthEstimator {
  return (shared ??= createStrengthEstimator());
}
