// zxcvbn-ts with its language-independent lists; it runs in this process and sends nothing anywhere. strengthWords.ts words its keys.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export interface StrengthEstimate {
  /** zxcvbn's score: 0 (too guessable) to 4 (very unguessable). */
  score: number;
  warning?: string;
  suggestions: string[];
}

// Built once, when first required: the ranked dictionaries take tens of ms. Levenshtein matching stays off (zxcvbn's default):
// it costs hundreds of ms a keystroke with user inputs.
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

export function estimateStrength(password: string, userInputs: readonly string[]): StrengthEstimate {
  const { score, feedback } = zxcvbn.check(password, [...userInputs]);
  return { score, suggestions: feedback.suggestions, warning: feedback.warning ?? undefined };
}
