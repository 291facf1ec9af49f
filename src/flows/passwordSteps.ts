/** The password boxes: current, new, confirm; values a change-password file holds are not asked for. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { generatePassword, PolicyState, unmetRules } from '../password/passwordPolicy';
import { confirmationProblem, newPasswordProblem, passwordProblem, policyProblem } from '../password/passwordRules';
import { NewPasswordStrength } from '../password/strengthCheck';
import { BoxSpec, MultiStepInput, Step } from '../window/multiStepInput';
import { WindowApi } from '../window/windowApi';
import type { KnownChecks } from './earlyChecks';
import { newPasswordMessage, policyPrompt } from './newPasswordHints';

export interface PasswordPair {
  oldPassword: string;
  newPassword: string;
}

type Answers = Partial<PasswordPair>;

/** The pair, or undefined after Escape, or once the checks stopped the flow (the caller learns why from them). */
export async function askPasswords(
  ui: WindowApi,
  checks: KnownChecks,
  prefilled: Answers,
  copySecret: (secret: string) => Promise<void>,
): Promise<PasswordPair | undefined> {
  const answers: Answers = { oldPassword: prefilled.oldPassword || undefined, newPassword: prefilled.newPassword || undefined };
  const newFromFile = answers.newPassword !== undefined;
  // The attacker's first guesses: the strength estimate counts them against a new password.
  const strength = new NewPasswordStrength(() => [checks.profileName, checks.caller?.name, checks.caller?.account]);
  const confirm: Step<Answers> = async (input, { newPassword }) => {
    await input.ask(confirmBox(checks, newPassword ?? ''));
    return undefined;
  };
  const fresh: Step<Answers> = async (input, state) => {
    state.newPassword = await input.ask(newPasswordBox(checks, strength, state, copySecret));
    return confirm;
  };
  const current: Step<Answers> = async (input, state) => {
    state.oldPassword = await input.ask(currentPasswordBox(checks, state.oldPassword));
    // Between the boxes, none open: the MFA code a policy asks for comes before the new password's rules.
    await checks.settleMfa();
    return newFromFile ? undefined : fresh;
  };
  if (answers.oldPassword && !newFromFile) {
    await checks.settleMfa();
  }
  const steps = [...(answers.oldPassword ? [] : [current]), ...(newFromFile ? [] : [fresh, confirm])];
  const answered = await MultiStepInput.run(ui, answers, steps[0], steps.length);
  return answered && { oldPassword: answered.oldPassword ?? '', newPassword: answered.newPassword ?? '' };
}

/** What every password box shares: titled with the user once known, busy until both checks are here, closed when they stop the flow. */
function followChecks(checks: KnownChecks): Pick<BoxSpec, 'changed' | 'stopped' | 'password' | 'render'> {
  return {
    password: true,
    changed: checks.onDidChange,
    stopped: () => checks.stopped,
    render: (box) => {
      const who = checks.caller;
      box.title = who
        ? l10n.t({ message: 'Change password: IAM user {0} ({1})', args: [who.name, who.account], comment: '{0} is a user name, {1} an account ID' })
        : l10n.t('Change password: profile {0}', checks.profileName);
      box.busy = !checks.stopped && !(who && checks.policy);
    },
  };
}

/** Enter waits for the identity: nothing moves on before the profile is known to be an IAM user. */
function currentPasswordBox(checks: KnownChecks, value: string | undefined): BoxSpec {
  const follow = followChecks(checks);
  return {
    ...follow,
    value,
    placeholder: l10n.t('Current password'),
    render: (box) => {
      follow.render(box);
      box.prompt = l10n.t('Your current AWS console password');
    },
    acceptAfter: () => checks.identified,
    accept: (entered) => errorMessage(passwordProblem(entered)),
  };
}

/** Unmet policy rules and the strength live; Enter waits for the policy and asks once before a guessable password. */
function newPasswordBox(checks: KnownChecks, strength: NewPasswordStrength, answers: Answers, copySecret: (secret: string) => Promise<void>): BoxSpec {
  const follow = followChecks(checks);
  // Made here, not at module load: translations are configured when the commands start.
  const button = (icon: string, tooltip: string): vscode.QuickInputButton => ({ iconPath: new vscode.ThemeIcon(icon), tooltip });
  const [GENERATE, SHOW, HIDE, COPY] = [
    button('sparkle', l10n.t('Generate a password that meets the policy')),
    button('eye', l10n.t('Show password')),
    button('eye-closed', l10n.t('Hide password')),
    button('copy', l10n.t('Copy the generated password')),
  ];
  const policy = (): PolicyState =>
    checks.policy ?? { kind: 'unknown', reason: l10n.t({ message: 'still being fetched', comment: 'Why the password policy is unknown' }) };
  let generated: string | undefined;
  let copied: string | undefined;
  let shown = false;
  return {
    ...follow,
    value: answers.newPassword,
    placeholder: l10n.t('New password'),
    render: (box) => {
      follow.render(box);
      box.password = !shown;
      box.prompt = generated && copied === generated ? l10n.t('Copied. Store it in your password manager, then press Enter.') : policyPrompt(policy());
    },
    buttons: () => [GENERATE, shown ? HIDE : SHOW, ...(generated ? [COPY] : [])],
    live: (value) => newPasswordMessage(value, policy(), answers.oldPassword, generated === value, strength),
    onButton: async (button) => {
      if (button === GENERATE) {
        // For the account's policy, not for the guess made while it is on its way.
        if (await checks.policyArrived) {
          generated = generatePassword(policy(), undefined, strength.isStrongest);
          // A generated password is useless unless the user can see and keep it.
          shown = true;
          return generated;
        }
      } else if (button === SHOW || button === HIDE) {
        shown = button === SHOW;
      } else if (button === COPY && generated) {
        void copySecret(generated);
        copied = generated;
      }
      return undefined;
    },
    shown: (refresh) => strength.loadAfterShow(refresh),
    acceptAfter: () => Promise.all([checks.identified, checks.policyArrived]),
    accept: (entered) => {
      const problem = newPasswordProblem(entered, answers.oldPassword) ?? policyProblem(unmetRules(entered, policy()));
      const question = problem === undefined ? strength.questionOnEnter(entered) : undefined;
      return errorMessage(problem) ?? (question && { message: question, severity: vscode.InputBoxValidationSeverity.Warning });
    },
  };
}

function confirmBox(checks: KnownChecks, newPassword: string): BoxSpec {
  const follow = followChecks(checks);
  return {
    ...follow,
    placeholder: l10n.t('Confirm new password'),
    render: (box) => {
      follow.render(box);
      box.prompt = l10n.t('Type the new password again');
    },
    acceptAfter: () => Promise.all([checks.identified, checks.policyArrived]),
    accept: (entered) => errorMessage(confirmationProblem(newPassword, entered)),
  };
}

function errorMessage(problem: string | undefined): vscode.InputBoxValidationMessage | undefined {
  return problem === undefined ? undefined : { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
}
