import vscode = require('vscode');
import { l10n } from 'vscode';
import { generatePassword, PolicyState, unmetRules } from '../core/passwordPolicy';
import { confirmationProblem, newPasswordProblem, passwordProblem, policyProblem, sameAsCurrentProblem } from '../core/passwordRules';
import { ArrivingFacts } from './arrivingFacts';
import type { ProfileChecks } from './profileChecks';
import { copySecret } from './secretClipboard';
import { NewPasswordStrength } from './strengthCheck';
import { WindowApi } from './window';

export interface PasswordPair {
  oldPassword: string;
  newPassword: string;
}

export interface PasswordPromptOptions {
  /** Until the identity brings the title naming the user. */
  title: string;
  /** Identity and policy, fetched while the boxes are open: the boxes are busy until they arrive, and close when the checks stop the flow. */
  checks: ProfileChecks;
  /** Values a change-password file already holds; only the missing ones are asked for. */
  prefilled: Partial<PasswordPair>;
  /** The IAM user name, account ID and profile name (so far): the strength estimate counts them against a new password. */
  userInputs: readonly (string | undefined)[];
  /** iamPassword.clipboardClearSeconds, for Copy on a generated password. */
  clipboardClearSeconds: number;
}

type Step = 'current' | 'new' | 'confirm';

const BACK = Symbol('back');

/** What one step's box knows: the values so far, what is arriving, the new password's strength. */
interface StepContext {
  ui: WindowApi;
  options: PasswordPromptOptions;
  facts: ArrivingFacts;
  values: Partial<Record<Step, string>>;
  strength: NewPasswordStrength;
}

/**
 * Step 1/3 current, 2/3 new (unmet policy rules shown live, Generate, show/hide), 3/3 confirm.
 * Back goes one step back; Escape anywhere returns undefined and nothing is sent. So do checks
 * that stop the flow (a refused identity, a failed call): the caller learns why from them.
 */
export async function askPasswords(ui: WindowApi, options: PasswordPromptOptions): Promise<PasswordPair | undefined> {
  const { prefilled } = options;
  const steps: Step[] = [...(prefilled.oldPassword ? [] : ['current' as const]), ...(prefilled.newPassword ? [] : ['new' as const, 'confirm' as const])];
  const context: StepContext = {
    ui,
    options,
    facts: new ArrivingFacts(options.title, options.checks),
    values: {},
    strength: new NewPasswordStrength(options.userInputs),
  };
  for (let index = 0; index < steps.length; ) {
    const result = await askStep(context, steps, index);
    if (result === undefined) {
      return undefined;
    }
    if (result === BACK) {
      index = Math.max(0, index - 1);
    } else {
      context.values[steps[index++]] = result;
    }
  }
  return { oldPassword: prefilled.oldPassword || (context.values.current ?? ''), newPassword: prefilled.newPassword || (context.values.new ?? '') };
}

function askStep({ ui, options, facts, values, strength }: StepContext, steps: Step[], index: number): Promise<string | typeof BACK | undefined> {
  const step = steps[index];
  // The step's own buttons, told apart by identity.
  const GENERATE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('sparkle'), tooltip: l10n.t('Generate a password that meets the policy') };
  const SHOW: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye'), tooltip: l10n.t('Show password') };
  const HIDE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye-closed'), tooltip: l10n.t('Hide password') };
  const COPY: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: l10n.t('Copy the generated password') };
  const box = ui.createInputBox();
  box.title = facts.title;
  box.step = index + 1;
  box.totalSteps = steps.length;
  box.password = true;
  box.ignoreFocusOut = true;
  box.value = values[step] ?? '';
  box.placeholder = { current: l10n.t('Current password'), new: l10n.t('New password'), confirm: l10n.t('Confirm new password') }[step];
  box.prompt =
    step === 'new' ? policyPrompt(facts.policy) : step === 'current' ? l10n.t('Your current AWS console password') : l10n.t('Type the new password again');
  const current = options.prefilled.oldPassword || values.current;
  let generated: string | undefined;
  let shown = false;

  const renderButtons = (): void => {
    const newPasswordButtons = step === 'new' ? [GENERATE, shown ? HIDE : SHOW, ...(generated ? [COPY] : [])] : [];
    box.buttons = [...(index > 0 ? [vscode.QuickInputButtons.Back] : []), ...newPasswordButtons];
  };
  const liveCheck = (): void => {
    const value = box.value;
    box.validationMessage = step === 'new' ? strength.withEstimate(newPasswordMessage(value, facts.policy, current, generated === value), value) : undefined;
  };
  liveCheck();
  renderButtons();

  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string | typeof BACK | undefined): void => {
      if (!settled) {
        settled = true;
        unwatch();
        resolve(value);
        box.dispose();
      }
    };
    const onArrival = (): void => {
      if (step === 'new') {
        box.prompt = policyPrompt(facts.policy);
        liveCheck();
      }
    };
    const unwatch = facts.watch(box, onArrival, () => finish(undefined));
    const generate = (): void => {
      generated = generatePassword(facts.policy, undefined, strength.isStrongest);
      box.value = generated;
      // A generated password is useless unless the user can see and keep it.
      shown = true;
      box.password = false;
      liveCheck();
      renderButtons();
    };
    box.onDidChangeValue(liveCheck);
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) {
        finish(BACK);
      } else if (button === GENERATE) {
        // For the account's policy, not for the guess made while it is on its way.
        void facts.policyArrived.then((ready) => ready && !settled && generate());
      } else if (button === SHOW || button === HIDE) {
        shown = button === SHOW;
        box.password = !shown;
        renderButtons();
      } else if (button === COPY && generated) {
        void copySecret(ui, generated, options.clipboardClearSeconds);
        box.prompt = l10n.t('Copied. Store it in your password manager, then press Enter.');
      }
    });
    box.onDidAccept(async () => {
      // Nothing moves on before the identity is known to be an IAM user, nor past the new password before its policy.
      if (!(await facts.readyToLeave(step !== 'current'))) {
        return;
      }
      const problem =
        step === 'current'
          ? passwordProblem(box.value)
          : step === 'new'
            ? (newPasswordProblem(box.value, current) ?? policyProblem(unmetRules(box.value, facts.policy)))
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
}

function policyPrompt(policy: PolicyState): string {
  switch (policy.kind) {
    case 'account':
      return l10n.t("New password. It must meet the account's password policy; the rules still unmet are listed as you type.");
    case 'default':
      return l10n.t(
        "New password. No account policy is set, so AWS's default applies: 8 to 128 characters and three of uppercase, lowercase, numbers and symbols.",
      );
    default:
      return l10n.t({
        message: "New password. The account's password policy is unknown ({0}); only IAM's basic limits are checked here.",
        args: [policy.reason],
        comment: '{0} is why, e.g. "this profile may not call iam:GetAccountPasswordPolicy"',
      });
  }
}

function newPasswordMessage(
  value: string,
  policy: PolicyState,
  current: string | undefined,
  isGenerated: boolean,
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
  if (warning) {
    return { message: warning, severity: vscode.InputBoxValidationSeverity.Warning };
  }
  const meets = policy.kind === 'unknown' ? l10n.t("Meets IAM's basic limits.") : l10n.t("Meets the account's password policy.");
  return {
    message: isGenerated
      ? l10n.t({ message: 'Generated. {0} Store it in your password manager before you continue.', args: [meets], comment: '{0} is "Meets ..." (a sentence)' })
      : meets,
    severity: vscode.InputBoxValidationSeverity.Info,
  };
}
