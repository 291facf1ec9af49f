import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { PasswordPolicy as IamPasswordPolicy } from '@aws-sdk/client-iam';
import * as l10n from '@vscode/l10n';
import {
  DEFAULT_POLICY_MINIMUM_LENGTH,
  DIGITS,
  IAM_SYMBOLS,
  Kind,
  KINDS,
  kindRule,
  LOWER,
  MAX_PASSWORD_LENGTH,
  minimumLengthRule,
  newPasswordProblem,
  passwordNamed,
  passwordProblem,
  policyProblem,
  RuleCheck,
  threeKindsRule,
  UPPER,
} from './passwordRules';

export type PasswordPolicy = IamPasswordPolicy & { MinimumPasswordLength: number };

export type PolicyState = { kind: 'account'; policy: PasswordPolicy } | { kind: 'default' } | { kind: 'unknown'; reason: string };

const IAM_DEFAULT_MINIMUM_LENGTH = 6;
const GENERATED_LENGTH = 20;

function requiredKinds(p: PasswordPolicy): Kind[] {
  return KINDS.filter((kind) => p[kind.requiredBy]);
}

/** The policy's rules the password does not meet yet, in the order a user should read them; none when the policy is unknown. */
export function unmetRules(password: string, state: PolicyState): RuleCheck[] {
  const rules =
    state.kind === 'account'
      ? [minimumLengthRule(password, state.policy.MinimumPasswordLength), ...requiredKinds(state.policy).map((kind) => kindRule(password, kind))]
      : state.kind === 'default'
        ? [minimumLengthRule(password, DEFAULT_POLICY_MINIMUM_LENGTH), threeKindsRule(password)]
        : [];
  return rules.filter((rule) => !rule.met);
}

export function describePolicy(state: PolicyState): string[] {
  if (state.kind === 'unknown') {
    return [
      l10n.t({
        message: 'The policy could not be read: {0}.',
        args: [state.reason],
        comment: '{0} is why, e.g. "this profile may not call iam:GetAccountPasswordPolicy"',
      }),
      l10n.t(
        "Only IAM's basic limits are checked before sending: 1 to {0} characters, tab, line feed, carriage return and U+0020 to U+00FF.",
        MAX_PASSWORD_LENGTH,
      ),
      l10n.t('IAM still enforces the full policy when the password is changed.'),
    ];
  }
  if (state.kind === 'default') {
    return [
      l10n.t('Length: {0} to {1} characters.', DEFAULT_POLICY_MINIMUM_LENGTH, MAX_PASSWORD_LENGTH),
      l10n.t('At least 3 of: uppercase letters (A-Z), lowercase letters (a-z), numbers (0-9), symbols ({0}).', IAM_SYMBOLS.split('').join(' ')),
      l10n.t("Must not be the AWS account name or the account's email address."),
      l10n.t('Passwords do not expire, and earlier passwords may be reused.'),
    ];
  }
  const p = state.policy;
  const required = requiredKinds(p);
  const lines = [
    l10n.t('Length: {0} to {1} characters.', p.MinimumPasswordLength, MAX_PASSWORD_LENGTH),
    required.length > 0
      ? l10n.t({
          message: 'Must contain {0}.',
          args: [required.map((c) => c.label()).join('; ')],
          comment: '{0} lists the character kinds the policy requires, separated by semicolons',
        })
      : l10n.t('No particular kinds of characters are required.'),
  ];
  if (p.ExpirePasswords && p.MaxPasswordAge) {
    lines.push(
      p.MaxPasswordAge === 1 ? l10n.t('Passwords expire after {0} day.', p.MaxPasswordAge) : l10n.t('Passwords expire after {0} days.', p.MaxPasswordAge),
    );
    lines.push(
      p.HardExpiry
        ? l10n.t(
            'Hard expiry: the console sign-in page will not replace an expired password, but its user can still change it here with their access keys (iam:ChangePassword); without keys, an administrator must reset it.',
          )
        : l10n.t('An expired password can be replaced at the console sign-in page, or here with your access keys.'),
    );
  } else if (p.ExpirePasswords !== undefined) {
    lines.push(l10n.t('Passwords do not expire.'));
  }
  if (p.PasswordReusePrevention) {
    lines.push(
      p.PasswordReusePrevention === 1
        ? l10n.t(
            'The last {0} password cannot be reused (IAM checks this; here only "different from the current one" can be checked).',
            p.PasswordReusePrevention,
          )
        : l10n.t(
            'The last {0} passwords cannot be reused (IAM checks this; here only "different from the current one" can be checked).',
            p.PasswordReusePrevention,
          ),
    );
  } else {
    lines.push(l10n.t('Earlier passwords may be reused.'));
  }
  if (p.AllowUsersToChangePassword !== undefined) {
    lines.push(
      p.AllowUsersToChangePassword
        ? l10n.t('The account\'s setting "Allow users to change their own password" is on: every IAM user may change their own (unless a policy denies it).')
        : l10n.t(
            'The account\'s setting "Allow users to change their own password" is off: a user can still change it with an IAM policy that allows iam:ChangePassword on the user (such as the AWS managed IAMUserChangePassword).',
          ),
    );
  }
  return lines;
}

// Uniform over passwords of letters, digits and IAM_SYMBOLS with all four kinds (more than any policy asks) that `accept` takes:
// whole candidates are drawn and redrawn, never patched.
export function generatePassword(
  state: PolicyState,
  randomBytes: (n: number) => Buffer = cryptoRandomBytes,
  accept: (candidate: string) => boolean = () => true,
): string {
  const minimum = state.kind === 'account' ? state.policy.MinimumPasswordLength : DEFAULT_POLICY_MINIMUM_LENGTH;
  const length = Math.min(MAX_PASSWORD_LENGTH, Math.max(GENERATED_LENGTH, minimum));
  const alphabet = UPPER + LOWER + DIGITS + IAM_SYMBOLS;
  // Bytes at or above this would make some characters likelier than others (modulo bias).
  const limit = 256 - (256 % alphabet.length);
  for (let attempt = 0; attempt < 100; attempt++) {
    let candidate = '';
    while (candidate.length < length) {
      for (const byte of randomBytes(length - candidate.length)) {
        if (byte < limit && candidate.length < length) {
          candidate += alphabet[byte % alphabet.length];
        }
      }
    }
    if (KINDS.every((c) => [...c.chars].some((ch) => candidate.includes(ch))) && accept(candidate)) {
      return candidate;
    }
  }
  throw new Error('The random source kept producing passwords that lack a kind of character or are easy to guess.');
}

/** IAM's answer as it is, but the minimum length: IAM's default 6 when absent, at most what IAM allows. */
export function fromIamPolicy(p: IamPasswordPolicy): PasswordPolicy {
  return { ...p, MinimumPasswordLength: Math.min(MAX_PASSWORD_LENGTH, p.MinimumPasswordLength ?? IAM_DEFAULT_MINIMUM_LENGTH) };
}

// The last check before ChangePassword, whatever filled the values (boxes or a file).
export function changeProblem(oldPassword: string, newPassword: string, state: PolicyState): string | undefined {
  const current = passwordProblem(oldPassword);
  if (current) {
    return passwordNamed('OldPassword', current);
  }
  // IAM's limits say "the password", so which one is named; the other rules name it themselves.
  const fresh = passwordProblem(newPassword);
  return fresh ? passwordNamed('NewPassword', fresh) : (newPasswordProblem(newPassword, oldPassword) ?? policyProblem(unmetRules(newPassword, state)));
}
