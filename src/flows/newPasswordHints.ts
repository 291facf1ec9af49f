/** What the new-password box says: the policy's prompt, and the live message as the user types. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { PolicyState, unmetRules } from '../password/passwordPolicy';
import { newPasswordProblem, policyProblem, sameAsCurrentProblem } from '../password/passwordRules';
import type { NewPasswordStrength } from '../password/strengthCheck';

export function policyPrompt(policy: PolicyState): string {
  switch (policy.kind) {
    case 'account':
      return l10n.t("New password. It must meet the account's password policy; the rules still unmet are listed as you type.");
    case 'default':
      return l10n.t("New password. No account policy is set, so AWS's default applies; the rules still unmet are listed as you type.");
    default:
      return l10n.t({
        message: "New password. The account's password policy is unknown ({0}); only IAM's basic limits are checked here.",
        args: [policy.reason],
        comment: '{0} is why, e.g. "this profile may not call iam:GetAccountPasswordPolicy"',
      });
  }
}

/** IAM's limits as errors; else the unmet rules or that it meets them, and the strength once it is estimated. */
export function newPasswordMessage(
  value: string,
  policy: PolicyState,
  current: string | undefined,
  isGenerated: boolean,
  strength: NewPasswordStrength,
): vscode.InputBoxValidationMessage | undefined {
  if (value.length === 0) {
    return undefined;
  }
  const error = newPasswordProblem(value);
  if (error) {
    return { message: error, severity: vscode.InputBoxValidationSeverity.Error };
  }
  // Warnings, not errors, while the user is still typing.
  const warning = policyProblem(unmetRules(value, policy)) ?? (current === undefined ? undefined : sameAsCurrentProblem(current, value));
  const meets = policy.kind === 'unknown' ? l10n.t("Meets IAM's basic limits.") : l10n.t("Meets the account's password policy.");
  const message =
    warning ??
    (isGenerated
      ? l10n.t({
          message: 'Generated. {0} Store it in your password manager before you continue.',
          args: [meets],
          comment: '{0} is "Meets ..." (a sentence)',
        })
      : meets);
  const estimate = strength.estimateNow(value);
  // A list of rules may end in a symbol: a dash sets the estimate apart from it.
  const separator = message.endsWith('.') ? ' ' : ' — ';
  return {
    message: estimate ? `${message}${separator}${estimate.words}` : message,
    severity: warning || estimate?.guessable ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Info,
  };
}
