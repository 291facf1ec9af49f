import vscode = require('vscode');
import type * as PasswordStrengthModule from '../core/passwordStrength';
import { describeStrength, isGuessable, strengthUserInputs, useAnywayQuestion } from '../core/strengthWords';

let estimator: typeof PasswordStrengthModule | undefined;

/**
 * The estimator from dist/passwordStrength.js, required the first time it is asked for: its
 * dictionaries cost neither activation nor the first input box. Synchronous, so the generator and
 * Enter can use it at once.
 */
function strengthEstimator(): typeof PasswordStrengthModule {
  return (estimator ??= require('./passwordStrength.js') as typeof PasswordStrengthModule);
}

/** `userInputs`: the IAM user name, account ID and profile name, which an attacker tries first. */
function estimate(password: string, userInputs: readonly (string | undefined)[]): PasswordStrengthModule.StrengthEstimate {
  return strengthEstimator().estimateStrength(password, strengthUserInputs(userInputs));
}

/** A file's NewPassword: the estimate as a warning when it is easy to guess, else undefined. */
export function guessableWarning(password: string, userInputs: readonly (string | undefined)[]): string | undefined {
  const estimated = estimate(password, userInputs);
  return isGuessable(estimated) ? describeStrength(estimated) : undefined;
}

/** The strength side of the new-password box: the live estimate, the question on Enter, the generator's test. */
export class NewPasswordStrength {
  /** The guessable value Enter already asked about; a second Enter on it takes it. */
  private asked: string | undefined;

  /** `userInputs` is asked at each estimate: the identity may arrive after the boxes open. */
  constructor(private readonly userInputs: () => readonly (string | undefined)[]) {}

  /** Loads the estimator once the box is on screen, then calls `loaded` to refresh its message. */
  loadAfterShow(loaded: () => void): void {
    setImmediate(() => {
      strengthEstimator();
      loaded();
    });
  }

  /** The box's message with the estimate added, once the estimator is loaded; errors stay as they are. */
  withEstimate(message: vscode.InputBoxValidationMessage | undefined, value: string): vscode.InputBoxValidationMessage | undefined {
    if (!estimator || !message || message.severity === vscode.InputBoxValidationSeverity.Error) {
      return message;
    }
    const estimated = estimate(value, this.userInputs());
    const guessable = isGuessable(estimated) && message.severity === vscode.InputBoxValidationSeverity.Info;
    // After a list of rules (which may end in a symbol) a dash, after a sentence a space.
    const separator = message.message.endsWith('.') ? ' ' : ' — ';
    return {
      message: `${message.message}${separator}${describeStrength(estimated)}`,
      severity: guessable ? vscode.InputBoxValidationSeverity.Warning : message.severity,
    };
  }

  /** On Enter: the question for a guessable value not asked about yet, else undefined (take it). */
  questionOnEnter(value: string): string | undefined {
    const estimated = estimate(value, this.userInputs());
    if (!isGuessable(estimated) || this.asked === value) {
      return undefined;
    }
    this.asked = value;
    return useAnywayQuestion(estimated);
  }

  /** The generator's test: only the top score. */
  readonly isStrongest = (candidate: string): boolean => estimate(candidate, this.userInputs()).score === 4;
}
