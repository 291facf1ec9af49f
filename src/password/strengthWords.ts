// The strength estimate in words, made apart from the estimator so that they are translated with the rest of the flow's messages.
import * as l10n from '@vscode/l10n';
import type { StrengthEstimate } from './passwordStrength';

/** Below zxcvbn's score 3 a new password is easy to guess (zxcvbn's own advice: 3 or more). */
export function isGuessable(estimate: StrengthEstimate): boolean {
  return estimate.score < 3;
}

const WARNINGS: Readonly<Record<string, () => string>> = {
  straightRow: () => l10n.t({ message: 'it is a straight row of keys', comment: 'Why a password is easy to guess' }),
  keyPattern: () => l10n.t({ message: 'it is a short keyboard pattern', comment: 'Why a password is easy to guess' }),
  simpleRepeat: () => l10n.t({ message: 'it repeats a character, like "aaa"', comment: 'Why a password is easy to guess' }),
  extendedRepeat: () => l10n.t({ message: 'it repeats a group of characters, like "abcabc"', comment: 'Why a password is easy to guess' }),
  sequences: () => l10n.t({ message: 'it holds a sequence, like "abc" or "6543"', comment: 'Why a password is easy to guess' }),
  recentYears: () => l10n.t({ message: 'it holds a recent year', comment: 'Why a password is easy to guess' }),
  dates: () => l10n.t({ message: 'it holds a date', comment: 'Why a password is easy to guess' }),
  topTen: () => l10n.t({ message: 'it is one of the ten most used passwords', comment: 'Why a password is easy to guess' }),
  topHundred: () => l10n.t({ message: 'it is one of the hundred most used passwords', comment: 'Why a password is easy to guess' }),
  common: () => l10n.t({ message: 'it is a commonly used password', comment: 'Why a password is easy to guess' }),
  similarToCommon: () => l10n.t({ message: 'it is a commonly used password with small changes', comment: 'Why a password is easy to guess' }),
  wordByItself: () => l10n.t({ message: 'it is a single word', comment: 'Why a password is easy to guess' }),
  namesByThemselves: () => l10n.t({ message: 'it is a name', comment: 'Why a password is easy to guess' }),
  commonNames: () => l10n.t({ message: 'it holds a common name', comment: 'Why a password is easy to guess' }),
  userInputs: () => l10n.t({ message: 'it holds your user name, account ID or profile name', comment: 'Why a password is easy to guess' }),
};

const SUGGESTIONS: Readonly<Record<string, () => string>> = {
  l33t: () => l10n.t({ message: 'Swapping letters for look-alikes ("@" for "a") does not help much.', comment: 'Advice on a password' }),
  reverseWords: () => l10n.t({ message: 'A word spelled backwards is still easy to guess.', comment: 'Advice on a password' }),
  allUppercase: () => l10n.t({ message: 'Capitalize some letters, not all.', comment: 'Advice on a password' }),
  capitalization: () => l10n.t({ message: 'Capitalize more than the first letter.', comment: 'Advice on a password' }),
  dates: () => l10n.t({ message: 'Avoid dates that mean something to you.', comment: 'Advice on a password' }),
  recentYears: () => l10n.t({ message: 'Avoid recent years.', comment: 'Advice on a password' }),
  associatedYears: () => l10n.t({ message: 'Avoid years that mean something to you.', comment: 'Advice on a password' }),
  sequences: () => l10n.t({ message: 'Avoid sequences of letters or numbers.', comment: 'Advice on a password' }),
  repeated: () => l10n.t({ message: 'Avoid repeated words and characters.', comment: 'Advice on a password' }),
  longerKeyboardPattern: () => l10n.t({ message: 'Use a longer keyboard pattern, with several turns.', comment: 'Advice on a password' }),
  anotherWord: () => l10n.t({ message: 'Add more words that are less common.', comment: 'Advice on a password' }),
  useWords: () => l10n.t({ message: 'Use several words, and avoid common phrases.', comment: 'Advice on a password' }),
  noNeed: () => l10n.t({ message: 'Symbols, digits or uppercase letters are not needed for a strong password.', comment: 'Advice on a password' }),
};

function guessableReason(estimate: StrengthEstimate): string {
  const warning = estimate.warning && WARNINGS[estimate.warning];
  return warning ? warning() : l10n.t({ message: 'it follows a pattern that password crackers try early', comment: 'Why a password is easy to guess' });
}

export function describeStrength(estimate: StrengthEstimate): string {
  const advice = estimate.suggestions.flatMap((key) => SUGGESTIONS[key]?.() ?? []);
  const score = l10n.t({ message: 'Strength {0} of 4', args: [estimate.score], comment: "zxcvbn's estimate, 0 to 4" });
  const verdict = isGuessable(estimate)
    ? l10n.t({
        message: '{0}: easy to guess, {1}.',
        args: [score, guessableReason(estimate)],
        comment: '{0} is "Strength N of 4", {1} why, e.g. "it is a commonly used password"',
      })
    : l10n.t({ message: '{0}: hard to guess.', args: [score], comment: '{0} is "Strength N of 4"' });
  return [verdict, ...advice].join(' ');
}

export function useAnywayQuestion(estimate: StrengthEstimate): string {
  return l10n.t({
    message: 'This password is easy to guess ({0}). Use it anyway? Press Enter again to use it, or change it.',
    args: [guessableReason(estimate)],
    comment: '{0} is why, e.g. "it is a commonly used password"',
  });
}

// What an attacker who knows this user tries first: each value whole, and its words ("jane.doe@example.com" gives "jane", "doe", "example").
export function strengthUserInputs(values: readonly (string | undefined)[]): string[] {
  const inputs = values.flatMap((value) => (value ? [value, ...value.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3)] : []));
  return [...new Set(inputs)];
}
