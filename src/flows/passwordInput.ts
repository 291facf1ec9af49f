import * as vscode from 'vscode';
import { generatePassword, PolicyState, unmetRules } from '../password/passwordPolicy';
import { confirmationProblem, newPasswordProblem, passwordProblem, policyProblem, sameAsCurrentProblem } from '../password/passwordRules';
import type { ProfileChecks } from './profileChecks';
import { copySecret } from '../window/secretClipboard';
import { NewPasswordStrength } from '../password/strengthCheck';
import { WindowApi } from '../window/windowApi';

export interface PasswordPair {
  oldPassword: string;
  newPassword: string;
}

type Step = 'current' | 'new' | 'confirm';

const BACK = Symbol('back');

/**
 * Step 1/3 current, 2/3 new (unmet policy rules shown live, Generate, show/hide), 3/3 confirm;
 * values a change-password file already holds (`prefilled`) are not asked for.
 * Back goes one step back; Escape anywhere returns undefined and nothing is sent. So do checks
 * that stop the flow (a refused identity, a failed call): the caller learns why from them.
 */
export async function askPasswords(
  ui: WindowApi,
  checks: ProfileChecks,
  prefilled: Partial<PasswordPair>,
  clipboardClearSeconds: number,
): Promise<PasswordPair | undefined> {
  const values: Partial<Record<Step, string>> = { current: prefilled.oldPassword || undefined, new: prefilled.newPassword || undefined };
  const steps: Step[] = [...(values.current ? [] : ['current' as const]), ...(values.new ? [] : ['new' as const, 'confirm' as const])];
  // The IAM user name, account ID and profile name: the strength estimate counts them against a new password.
  const strength = new NewPasswordStrength(() => [checks.profileName, checks.caller?.name, checks.caller?.account]);
  /** One step's box: its value, BACK, or undefined when it was closed (Escape, or the checks stopped the flow). */
  const askStep = (index: number): Promise<string | typeof BACK | undefined> => {
    const step = steps[index];
    // The step's own buttons, told apart by identity.
    const GENERATE: vscode.QuickInputButton = {
      iconPath: new vscode.ThemeIcon('sparkle'),
      tooltip: vscode.l10n.t('Generate a password that meets the policy'),
    };
    const SHOW: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye'), tooltip: vscode.l10n.t('Show password') };
    const HIDE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye-closed'), tooltip: vscode.l10n.t('Hide password') };
    const COPY: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy the generated password') };
    const box = ui.createInputBox();
    box.step = index + 1;
    box.totalSteps = steps.length;
    box.password = true;
    box.ignoreFocusOut = true;
    box.value = values[step] ?? '';
    box.placeholder = { current: vscode.l10n.t('Current password'), new: vscode.l10n.t('New password'), confirm: vscode.l10n.t('Confirm new password') }[step];
    box.prompt = step === 'current' ? vscode.l10n.t('Your current AWS console password') : vscode.l10n.t('Type the new password again');
    // Unknown, with why, until the policy arrives.
    const policy = (): PolicyState =>
      checks.knownPolicy ?? { kind: 'unknown', reason: vscode.l10n.t({ message: 'still being fetched', comment: 'Why the password policy is unknown' }) };
    let generated: string | undefined;
    let shown = false;
    /** The generated password Copy put on the clipboard. */
    let copied: string | undefined;

    const liveCheck = (): void => {
      const value = box.value;
      box.validationMessage = step === 'new' ? newPasswordMessage(value, policy(), values.current, generated === value, strength) : undefined;
    };
    /** The box as the checks and its buttons left it: titled with the user once known, busy until both checks are here. */
    const render = (): void => {
      const who = checks.caller;
      box.title = who
        ? vscode.l10n.t({ message: 'Change password: IAM user {0} ({1})', args: [who.name, who.account], comment: '{0} is a user name, {1} an account ID' })
        : vscode.l10n.t('Change password: profile {0}', checks.profileName);
      box.busy = !checks.stopped && !(who && checks.knownPolicy);
      const newPasswordButtons = step === 'new' ? [GENERATE, shown ? HIDE : SHOW, ...(generated ? [COPY] : [])] : [];
      box.buttons = [...(index > 0 ? [vscode.QuickInputButtons.Back] : []), ...newPasswordButtons];
      if (step === 'new') {
        box.prompt = generated && copied === generated ? vscode.l10n.t('Copied. Store it in your password manager, then press Enter.') : policyPrompt(policy());
        liveCheck();
      }
    };
    render();

    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: string | typeof BACK | undefined): void => {
        if (!settled) {
          settled = true;
          resolve(value);
          box.dispose();
        }
      };
      for (const arrived of [checks.identified, checks.policyArrived]) {
        void arrived.then((ok) => (ok ? settled || render() : finish(undefined)));
      }
      const generate = (): void => {
        generated = generatePassword(policy(), undefined, strength.isStrongest);
        box.value = generated;
        // A generated password is useless unless the user can see and keep it.
        shown = true;
        box.password = false;
        render();
      };
      box.onDidChangeValue(liveCheck);
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          finish(BACK);
        } else if (button === GENERATE) {
          // For the account's policy, not for the guess made while it is on its way.
          void checks.policyArrived.then((ready) => ready && !settled && generate());
        } else if (button === SHOW || button === HIDE) {
          shown = button === SHOW;
          box.password = !shown;
          render();
        } else if (button === COPY && generated) {
          void copySecret(ui, generated, clipboardClearSeconds);
          copied = generated;
          render();
        }
      });
      box.onDidAccept(async () => {
        // Nothing moves on before the identity is known to be an IAM user, nor past the new password before its policy.
        if (!((await checks.identified) && (step === 'current' || (await checks.policyArrived)))) {
          return;
        }
        const problem =
          step === 'current'
            ? passwordProblem(box.value)
            : step === 'new'
              ? (newPasswordProblem(box.value, values.current) ?? policyProblem(unmetRules(box.value, policy())))
              : confirmationProblem(values.new ?? '', box.value);
        if (problem) {
          box.validationMessage = { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
          return;
        }
        const question = step === 'new' ? strength.questionOnEnter(box.value) : undefined;
        if (question) {
          box.validationMessage = { message: question, severity: vscode.InputBoxValidationSeverity.Warning };
          return;
        }
        finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
      if (step === 'new') {
        strength.loadAfterShow(() => settled || liveCheck());
      }
    });
  };
  for (let index = 0; index < steps.length; ) {
    const result = await askStep(index);
    if (result === undefined) {
      return undefined;
    }
    if (result === BACK) {
      index = Math.max(0, index - 1);
    } else {
      values[steps[index++]] = result;
    }
  }
  return { oldPassword: values.current ?? '', newPassword: values.new ?? '' };
}

function policyPrompt(policy: PolicyState): string {
  switch (policy.kind) {
    case 'account':
      return vscode.l10n.t("New password. It must meet the account's password policy; the rules still unmet are listed as you type.");
    case 'default':
      return vscode.l10n.t("New password. No account policy is set, so AWS's default applies; the rules still unmet are listed as you type.");
    default:
      return vscode.l10n.t({
        message: "New password. The account's password policy is unknown ({0}); only IAM's basic limits are checked here.",
        args: [policy.reason],
        comment: '{0} is why, e.g. "this profile may not call iam:GetAccountPasswordPolicy"',
      });
  }
}

/** The new password's live message: IAM's limits as errors; else the unmet rules or that it meets them, and the strength once it is estimated. */
function newPasswordMessage(
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
  // Not errors yet: the user is still typing.
  const warning = policyProblem(unmetRules(value, policy)) ?? (current === undefined ? undefined : sameAsCurrentProblem(current, value));
  const meets = policy.kind === 'unknown' ? vscode.l10n.t("Meets IAM's basic limits.") : vscode.l10n.t("Meets the account's password policy.");
  const message =
    warning ??
    (isGenerated
      ? vscode.l10n.t({
          message: 'Generated. {0} Store it in your password manager before you continue.',
          args: [meets],
          comment: '{0} is "Meets ..." (a sentence)',
        })
      : meets);
  const estimate = strength.estimateNow(value);
  // After a list of rules (which may end in a symbol) a dash, after a sentence a space.
  const separator = message.endsWith('.') ? ' ' : ' — ';
  return {
    message: estimate ? `${message}${separator}${estimate.words}` : message,
    severity: warning || estimate?.guessable ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Info,
  };
}
