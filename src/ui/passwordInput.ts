import vscode = require('vscode');
import { l10n } from 'vscode';
import { generatePassword, PolicyState, unmetRules } from '../core/passwordPolicy';
import { confirmationProblem, newPasswordProblem, passwordProblem, policyProblem, sameAsCurrentProblem } from '../core/passwordRules';
import { ArrivingFacts, FactsOnTheirWay } from './arrivingFacts';
import { copySecret } from './secretClipboard';
import { NewPasswordStrength } from './strengthCheck';
import { WindowApi } from './window';

export interface PasswordPair {
  oldPassword: string;
  newPassword: string;
}

export interface PasswordPromptOptions {
  /** Until `onTheirWay.identified` brings the title naming the user. */
  title: string;
  /** Known already; else it is on its way. */
  policy?: PolicyState;
  /** Fetched while the boxes are open: the boxes are busy until they arrive, and close when one fails. */
  onTheirWay?: Partial<FactsOnTheirWay>;
  /** Values a change-password file already holds; only the missing ones are asked for. */
  prefilled?: Partial<PasswordPair>;
  /**
   * The IAM user name, account ID and profile name: the strength estimate counts them against a new
   * password. Read when the new-password box opens, by which time the identity is known.
   */
  userInputs?: readonly (string | undefined)[];
  /** iamPassword.clipboardClearSeconds, for Copy on a generated password. */
  clipboardClearSeconds: number;
}

type Step = 'current' | 'new' | 'confirm';

const BACK = Symbol('back');

/**
 * Step 1/3 current, 2/3 new (unmet policy rules shown live, Generate, show/hide), 3/3 confirm.
 * Back goes one step back; Escape anywhere returns undefined and nothing is sent. So does a
 * failure of what is on its way: the caller learns why from its own promises.
 */
export async function askPasswords(ui: WindowApi, options: PasswordPromptOptions): Promise<PasswordPair | undefined> {
  const steps: Step[] = [];
  if (!options.prefilled?.oldPassword) {
    steps.push('current');
  }
  if (!options.prefilled?.newPassword) {
    steps.push('new', 'confirm');
  }
  const values: Partial<Record<Step, string>> = {};
  const facts = new ArrivingFacts(options.title, options.policy, options.onTheirWay);
  let index = 0;
  while (index < steps.length) {
    const step = steps[index];
    const result = await askStep(ui, step, index, steps.length, values, options, facts);
    if (result === undefined) {
      return undefined;
    }
    if (result === BACK) {
      index = Math.max(0, index - 1);
      continue;
    }
    values[step] = result;
    index++;
  }
  return {
    oldPassword: options.prefilled?.oldPassword || (values.current ?? ''),
    newPassword: options.prefilled?.newPassword || (values.new ?? ''),
  };
}

function askStep(
  ui: WindowApi,
  step: Step,
  index: number,
  total: number,
  values: Partial<Record<Step, string>>,
  options: PasswordPromptOptions,
  facts: ArrivingFacts,
): Promise<string | typeof BACK | undefined> {
  // The step's own buttons, told apart by identity.
  const GENERATE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('sparkle'), tooltip: l10n.t('Generate a password that meets the policy') };
  const SHOW: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye'), tooltip: l10n.t('Show password') };
  const HIDE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye-closed'), tooltip: l10n.t('Hide password') };
  const COPY: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: l10n.t('Copy the generated password') };
  const box = ui.createInputBox();
  box.title = facts.title;
  box.step = index + 1;
  box.totalSteps = total;
  box.password = true;
  box.ignoreFocusOut = true;
  box.value = values[step] ?? '';
  const current = options.prefilled?.oldPassword || values.current;
  let generated: string | undefined;
  let shown = false;
  const strength = step === 'new' ? new NewPasswordStrength(options.userInputs ?? []) : undefined;

  const baseButtons = index > 0 ? [vscode.QuickInputButtons.Back] : [];
  const renderButtons = (): void => {
    const extra = step === 'new' ? [GENERATE, shown ? HIDE : SHOW, ...(generated ? [COPY] : [])] : [];
    box.buttons = [...baseButtons, ...extra];
  };

  switch (step) {
    case 'current':
      box.prompt = l10n.t('Your current AWS console password');
      box.placeholder = l10n.t('Current password');
      break;
    case 'new':
      box.prompt = policyPrompt(facts.policy);
      box.placeholder = l10n.t('New password');
      break;
    case 'confirm':
      box.prompt = l10n.t('Type the new password again');
      box.placeholder = l10n.t('Confirm new password');
      break;
  }

  const liveCheck = (value: string): void => {
    if (step !== 'new') {
      box.validationMessage = undefined;
      return;
    }
    const message = newPasswordMessage(value, facts.policy, current, generated === value);
    box.validationMessage = strength ? strength.withEstimate(message, value) : message;
  };
  liveCheck(box.value);
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
        liveCheck(box.value);
      }
    };
    const unwatch = facts.watch(box, onArrival, () => finish(undefined));
    const generate = (): void => {
      generated = generatePassword(facts.policy, undefined, strength?.isStrongest);
      box.value = generated;
      // A generated password is useless unless the user can see and keep it.
      shown = true;
      box.password = false;
      liveCheck(generated);
      renderButtons();
    };
    box.onDidChangeValue((value) => liveCheck(value));
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) {
        finish(BACK);
      } else if (button === GENERATE) {
        // For the account's policy, not for the guess made while it is on its way.
        void facts.policyReady().then((ready) => ready && !settled && generate());
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
      const problem = acceptProblem(step, box.value, values, facts.policy, current);
      if (problem) {
        box.validationMessage = { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
        return;
      }
      const question = strength?.questionOnEnter(box.value);
      if (question) {
        box.validationMessage = { message: question, severity: vscode.InputBoxValidationSeverity.Warning };
        return;
      }
      finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
    strength?.loadAfterShow(() => settled || liveCheck(box.value));
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
  const known = policy.kind !== 'unknown';
  const meets = known ? l10n.t("Meets the account's password policy.") : l10n.t("Meets IAM's basic limits.");
  const generated = known
    ? l10n.t("Generated. Meets the account's password policy. Store it in your password manager before you continue.")
    : l10n.t("Generated. Meets IAM's basic limits. Store it in your password manager before you continue.");
  return {
    message: isGenerated ? generated : meets,
    severity: vscode.InputBoxValidationSeverity.Info,
  };
}

/** Checked on Enter: the step cannot be accepted while this returns a message. */
function acceptProblem(step: Step, value: string, values: Partial<Record<Step, string>>, policy: PolicyState, current: string | undefined): string | undefined {
  switch (step) {
    case 'current':
      return passwordProblem(value);
    case 'new':
      return newPasswordProblem(value, current) ?? policyProblem(unmetRules(value, policy));
    case 'confirm':
      return confirmationProblem(values.new ?? '', value);
  }
}
