import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import * as l10n from '@vscode/l10n';

/** The IAM GetAccountPasswordPolicy fields we use, normalised. */
export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword?: boolean;
  expirePasswords?: boolean;
  maxPasswordAge?: number;
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

export type PolicyState =
  | { kind: 'account'; policy: PasswordPolicy }
  /** NoSuchEntity: AWS's documented default policy applies. */
  | { kind: 'default' }
  /** AccessDenied and the like: only IAM's basic limits can be checked. */
  | { kind: 'unknown'; reason: string };

export interface RuleCheck {
  id: string;
  label: string;
  met: boolean;
}

/** The only characters IAM counts as symbols. */
export const IAM_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
export const MAX_PASSWORD_LENGTH = 128;
const IAM_DEFAULT_MINIMUM_LENGTH = 6;
const DEFAULT_POLICY_MINIMUM_LENGTH = 8;
const GENERATED_LENGTH = 20;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const SYMBOL_LABEL = IAM_SYMBOLS.split('').join(' ');

/** Labels are functions: a rule is named when it is shown, in the display language. */
const CLASSES = [
  { id: 'uppercase', label: () => l10n.t({ message: 'an uppercase letter (A-Z)', comment: 'A password rule' }), chars: UPPER },
  { id: 'lowercase', label: () => l10n.t({ message: 'a lowercase letter (a-z)', comment: 'A password rule' }), chars: LOWER },
  { id: 'number', label: () => l10n.t({ message: 'a number (0-9)', comment: 'A password rule' }), chars: DIGITS },
  { id: 'symbol', label: () => l10n.t({ message: 'a symbol: {0}', args: [SYMBOL_LABEL], comment: 'A password rule; {0} lists the symbols' }), chars: IAM_SYMBOLS },
] as const;

/** IAM's pattern for both passwords: [\t\n\r\u0020-\u00FF]. */
export function isAllowedCodePoint(codePoint: number): boolean {
  return codePoint === 9 || codePoint === 10 || codePoint === 13 || (codePoint >= 0x20 && codePoint <= 0xff);
}

/**
 * The API's own limits, whatever the policy. Length counts code points, as IAM counts characters;
 * for any password IAM accepts this equals the UTF-16 length, since every allowed character is below U+0100.
 */
export function basicProblem(password: string): string | undefined {
  const codePoints = Array.from(password);
  if (codePoints.length === 0) {
    return l10n.t('The password is empty.');
  }
  if (codePoints.length > MAX_PASSWORD_LENGTH) {
    return l10n.t('The password has {0} characters; IAM allows at most {1}.', codePoints.length, MAX_PASSWORD_LENGTH);
  }
  const bad = codePoints.findIndex((c) => !isAllowedCodePoint(c.codePointAt(0) as number));
  if (bad >= 0) {
    return l10n.t({
      message: 'Character {0} ({1}) is not allowed; IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF.',
      args: [bad + 1, codePointName(codePoints[bad])],
      comment: '{0} is the position of the character in the password, {1} its code point, e.g. U+0100',
    });
  }
  return undefined;
}

/** 'U+00E9' for the first character of the text: how messages name a character without showing the password. */
export function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

function requiredClasses(p: PasswordPolicy): (typeof CLASSES)[number][] {
  const required = {
    uppercase: p.requireUppercaseCharacters,
    lowercase: p.requireLowercaseCharacters,
    number: p.requireNumbers,
    symbol: p.requireSymbols,
  };
  return CLASSES.filter((c) => required[c.id]);
}

/** Every rule of the state, met or not, in the order a user should read them. */
export function checkPassword(password: string, state: PolicyState): RuleCheck[] {
  const length = Array.from(password).length;
  const rule = (id: string, label: string, met: boolean): RuleCheck => ({ id, label, met });
  const has = (chars: string): boolean => Array.from(password).some((c) => chars.includes(c));
  const minimum =
    state.kind === 'account' ? state.policy.minimumPasswordLength : state.kind === 'default' ? DEFAULT_POLICY_MINIMUM_LENGTH : 1;
  const minimumLabel =
    minimum === 1
      ? l10n.t({ message: 'at least 1 character', comment: 'A password rule' })
      : l10n.t({ message: 'at least {0} characters', args: [minimum], comment: 'A password rule' });
  const rules = [rule('min-length', minimumLabel, length >= minimum)];
  if (state.kind === 'account') {
    rules.push(...requiredClasses(state.policy).map((c) => rule(c.id, c.label(), has(c.chars))));
  } else if (state.kind === 'default') {
    const present = CLASSES.filter((c) => has(c.chars)).length;
    rules.push(rule('three-classes', l10n.t({ message: 'at least 3 of: uppercase, lowercase, numbers, symbols', comment: 'A password rule' }), present >= 3));
  }
  rules.push(
    rule('max-length', l10n.t({ message: 'at most {0} characters', args: [MAX_PASSWORD_LENGTH], comment: 'A password rule' }), length <= MAX_PASSWORD_LENGTH),
    rule(
      'allowed-characters',
      l10n.t({ message: 'only tab, line feed, carriage return and U+0020 to U+00FF', comment: 'A password rule' }),
      Array.from(password).every((c) => isAllowedCodePoint(c.codePointAt(0) as number)),
    ),
  );
  return rules;
}

export function unmetRules(password: string, state: PolicyState): RuleCheck[] {
  return checkPassword(password, state).filter((r) => !r.met);
}

/** The rules a password still misses, as one line. */
export function listRules(rules: readonly RuleCheck[]): string {
  return rules.map((r) => r.label).join(' · ');
}

/** Lines for Show Account Password Policy; the caller supplies the heading. */
export function describePolicy(state: PolicyState): string[] {
  if (state.kind === 'unknown') {
    return [
      l10n.t({ message: 'The policy could not be read: {0}.', args: [state.reason], comment: '{0} is why, e.g. "this profile may not call iam:GetAccountPasswordPolicy"' }),
      l10n.t("Only IAM's basic limits are checked before sending: 1 to {0} characters, tab, line feed, carriage return and U+0020 to U+00FF.", MAX_PASSWORD_LENGTH),
      l10n.t('IAM still enforces the full policy when the password is changed.'),
    ];
  }
  if (state.kind === 'default') {
    return [
      l10n.t('Length: {0} to {1} characters.', DEFAULT_POLICY_MINIMUM_LENGTH, MAX_PASSWORD_LENGTH),
      l10n.t('At least 3 of: uppercase letters (A-Z), lowercase letters (a-z), numbers (0-9), symbols ({0}).', SYMBOL_LABEL),
      l10n.t("Must not be the AWS account name or the account's email address."),
      l10n.t('Passwords do not expire, and earlier passwords may be reused.'),
    ];
  }
  const p = state.policy;
  const required = requiredClasses(p);
  const lines = [
    l10n.t('Length: {0} to {1} characters.', p.minimumPasswordLength, MAX_PASSWORD_LENGTH),
    required.length > 0
      ? l10n.t({ message: 'Must contain {0}.', args: [required.map((c) => c.label()).join('; ')], comment: '{0} lists password rules, e.g. "an uppercase letter (A-Z); a number (0-9)"' })
      : l10n.t('No particular kinds of characters are required.'),
  ];
  if (p.expirePasswords && p.maxPasswordAge) {
    lines.push(p.maxPasswordAge === 1 ? l10n.t('Passwords expire after {0} day.', p.maxPasswordAge) : l10n.t('Passwords expire after {0} days.', p.maxPasswordAge));
    lines.push(
      p.hardExpiry
        ? l10n.t(
            'Hard expiry: the console sign-in page will not replace an expired password, but its user can still change it here with their access keys (iam:ChangePassword); without keys, an administrator must reset it.',
          )
        : l10n.t('An expired password can be replaced at the console sign-in page, or here with your access keys.'),
    );
  } else if (p.expirePasswords !== undefined) {
    lines.push(l10n.t('Passwords do not expire.'));
  }
  if (p.passwordReusePrevention) {
    lines.push(
      p.passwordReusePrevention === 1
        ? l10n.t('The last {0} password cannot be reused (IAM checks this; here only "different from the current one" can be checked).', p.passwordReusePrevention)
        : l10n.t('The last {0} passwords cannot be reused (IAM checks this; here only "different from the current one" can be checked).', p.passwordReusePrevention),
    );
  } else {
    lines.push(l10n.t('Earlier passwords may be reused.'));
  }
  if (p.allowUsersToChangePassword !== undefined) {
    lines.push(
      p.allowUsersToChangePassword
        ? l10n.t('IAM users may change their own password.')
        : l10n.t('The policy does not let IAM users change their own password; an IAM policy allowing iam:ChangePassword is needed.'),
    );
  }
  return lines;
}

/**
 * A password meeting every rule of the state: letters, digits and IAM_SYMBOLS only, with all four kinds
 * present (more than any policy asks), length max(20, policy minimum) up to 128.
 * Whole candidates are drawn uniformly and redrawn until all four kinds appear and `accept` takes them
 * (the new-password box passes the strength estimate), so the result is uniform over such passwords.
 */
export function generatePassword(
  state: PolicyState,
  randomBytes: (n: number) => Buffer = cryptoRandomBytes,
  accept: (candidate: string) => boolean = () => true,
): string {
  const minimum = state.kind === 'account' ? state.policy.minimumPasswordLength : DEFAULT_POLICY_MINIMUM_LENGTH;
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
    if (CLASSES.every((c) => [...c.chars].some((ch) => candidate.includes(ch))) && accept(candidate)) {
      return candidate;
    }
  }
  throw new Error('The random source kept producing passwords that lack a kind of character or are easy to guess.');
}

export function fromIamPolicy(p: {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}): PasswordPolicy {
  const policy: PasswordPolicy = {
    minimumPasswordLength: Math.min(MAX_PASSWORD_LENGTH, p.MinimumPasswordLength ?? IAM_DEFAULT_MINIMUM_LENGTH),
    requireSymbols: p.RequireSymbols ?? false,
    requireNumbers: p.RequireNumbers ?? false,
    requireUppercaseCharacters: p.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: p.RequireLowercaseCharacters ?? false,
  };
  const optional = {
    allowUsersToChangePassword: p.AllowUsersToChangePassword,
    expirePasswords: p.ExpirePasswords,
    maxPasswordAge: p.MaxPasswordAge,
    passwordReusePrevention: p.PasswordReusePrevention,
    hardExpiry: p.HardExpiry,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      Object.assign(policy, { [key]: value });
    }
  }
  return policy;
}

/** A new password that is only blanks is surely a slip, though IAM's pattern would take it. */
export function newPasswordProblem(password: string): string | undefined {
  const basic = basicProblem(password);
  if (basic) {
    return basic;
  }
  return /^[\s]*$/.test(password) ? l10n.t('The new password is only whitespace.') : undefined;
}

/**
 * The last check before ChangePassword is sent, whatever filled the values (boxes or a file):
 * IAM's limits for both, a sensible new password, different from the current one, and the policy.
 */
export function changeProblem(oldPassword: string, newPassword: string, state: PolicyState): string | undefined {
  const current = basicProblem(oldPassword);
  if (current) {
    return l10n.t({ message: 'Current password: {0}', args: [current], comment: '{0} is what is wrong with it, a sentence' });
  }
  const fresh = newPasswordProblem(newPassword);
  if (fresh) {
    return l10n.t({ message: 'New password: {0}', args: [fresh], comment: '{0} is what is wrong with it, a sentence' });
  }
  if (oldPassword === newPassword) {
    return l10n.t('The new password must differ from the current one.');
  }
  const unmet = unmetRules(newPassword, state);
  return unmet.length > 0
    ? l10n.t({ message: 'The new password does not meet the password policy: it still needs {0}.', args: [unmet.map((r) => r.label).join(', ')], comment: '{0} lists password rules' })
    : undefined;
}
