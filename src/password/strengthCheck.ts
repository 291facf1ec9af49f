import type * as PasswordStrengthModule from './passwordStrength';
import { describeStrength, isGuessable, strengthUserInputs, useAnywayQuestion } from './strengthWords';

let estimator: typeof PasswordStrengthModule | undefined;

// Required when first asked for, so its dictionaries cost neither activation nor the first box; synchronous, so Enter can use it at once.
function strengthEstimator(): typeof PasswordStrengthModule {
  return (estimator ??= require('./passwordStrength.js') as typeof PasswordStrengthModule);
}

function estimate(password: string, userInputs: readonly (string | undefined)[]): PasswordStrengthModule.StrengthEstimate {
  return strengthEstimator().estimateStrength(password, strengthUserInputs(userInputs));
}

export function guessableWarning(password: string, userInputs: readonly (string | undefined)[]): string | undefined {
  const estimated = estimate(password, userInputs);
  return isGuessable(estimated) ? describeStrength(estimated) : undefined;
}

/** The strength side of the new-password box: the live estimate, the question on Enter, the generator's test. */
export class NewPasswordStrength {
  /** The guessable value Enter already asked about; a second Enter on it takes it. */
  private asked: string | undefined;

  /** Asked at each estimate: the identity may arrive after the boxes open. */
  constructor(private readonly userInputs: () => readonly (string | undefined)[]) {}

  /** Loads the estimator once the box is on screen, then calls `loaded` to refresh its message. */
  loadAfterShow(loaded: () => void): void {
    setImmediate(() => {
      strengthEstimator();
      loaded();
    });
  }

  estimateNow(value: string): { words: string; guessable: boolean } | undefined {
    const estimated = estimator && estimate(value, this.userInputs());
    return estimated && { words: describeStrength(estimated), guessable: isGuessable(estimated) };
  }

  questionOnEnter(value: string): string | undefined {
    const estimated = estimate(value, this.userInputs());
    if (!isGuessable(estimated) || this.asked === value) {
      return undefined;
    }
    this.asked = value;
    return useAnywayQuestion(estimated);
  }

  readonly isStrongest = (candidate: string): boolean => estimate(candidate, this.userInputs()).score === 4;
}
