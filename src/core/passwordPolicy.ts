import { randomBytes as cryptoRandomBytes } from 'node:crypto';

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
const ALLOWED_LABEL = 'tab, line feed, carriage return and U+0020 to U+00FF';

const CLASSES = [
  { id: 'uppercase', label: 'an uppercase letter (A-Z)', name: 'uppercase', chars: UPPER },
  { id: 'lowercase', label: 'a lowercase letter (a-z)', name: 'lowercase', chars: LOWER },
  { id: 'number', label: 'a number (0-9)', name: 'numbers', chars: DIGITS },
  { id: 'symbol', label: `a symbol: ${SYMBOL_LABEL}`, name: 'symbols', chars: IAM_SYMBOLS },
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
    return 'The password is empty.';
  }
  if (codePoints.length > MAX_PASSWORD_LENGTH) {
    return `The password has ${codePoints.length} characters; IAM allows at most ${MAX_PASSWORD_LENGTH}.`;
  }
  const bad = codePoints.findIndex((c) => !isAllowedCodePoint(c.codePointAt(0) as number));
  if (bad >= 0) {
    return `Character ${bad + 1} (${codePointName(codePoints[bad])}) is not allowed; IAM accepts only ${ALLOWED_LABEL}.`;
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
  const rules = [rule('min-length', minimum === 1 ? 'at least 1 character' : `at least ${minimum} characters`, length >= minimum)];
  if (state.kind === 'account') {
    rules.push(...requiredClasses(state.policy).map((c) => rule(c.id, c.label, has(c.chars))));
  } else if (state.kind === 'default') {
    const present = CLASSES.filter((c) => has(c.chars)).length;
    rules.push(rule('three-classes', `at least 3 of: ${CLASSES.map((c) => c.name).join(', ')}`, present >= 3));
  }
  rules.push(
    rule('max-length', `at most ${MAX_PASSWORD_LENGTH} characters`, length <= MAX_PASSWORD_LENGTH),
    rule('allowed-characters', `only ${ALLOWED_LABEL}`, Array.from(password).every((c) => isAllowedCodePoint(c.codePointAt(0) as number))),
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
      `The policy could not be read: ${state.reason}.`,
      `Only IAM's basic limits are checked before sending: 1 to ${MAX_PASSWORD_LENGTH} characters, ${ALLOWED_LABEL}.`,
      'IAM still enforces the full policy when the password is changed.',
    ];
  }
  if (state.kind === 'default') {
    return [
      `Length: ${DEFAULT_POLICY_MINIMUM_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
      `At least 3 of: uppercase letters (A-Z), lowercase letters (a-z), numbers (0-9), symbols (${SYMBOL_LABEL}).`,
      "Must not be the AWS account name or the account's email address.",
      'Passwords do not expire, and earlier passwords may be reused.',
    ];
  }
  const p = state.policy;
  const required = requiredClasses(p);
  const lines = [
    `Length: ${p.minimumPasswordLength} to ${MAX_PASSWORD_LENGTH} characters.`,
    required.length > 0 ? `Must contain ${required.map((c) => c.label).join('; ')}.` : 'No particular kinds of characters are required.',
  ];
  if (p.expirePasswords && p.maxPasswordAge) {
    lines.push(`Passwords expire after ${p.maxPasswordAge} day${p.maxPasswordAge === 1 ? '' : 's'}.`);
    lines.push(
      p.hardExpiry
        ? 'Hard expiry: once a password has expired, only an administrator can set a new one.'
        : 'An expired password can be replaced by its user when signing in.',
    );
  } else if (p.expirePasswords !== undefined) {
    lines.push('Passwords do not expire.');
  }
  if (p.passwordReusePrevention) {
    lines.push(
      `The last ${p.passwordReusePrevention} password${p.passwordReusePrevention === 1 ? '' : 's'} cannot be reused ` +
        '(IAM checks this; here only "different from the current one" can be checked).',
    );
  } else {
    lines.push('Earlier passwords may be reused.');
  }
  if (p.allowUsersToChangePassword !== undefined) {
    lines.push(
      p.allowUsersToChangePassword
        ? 'IAM users may change their own password.'
        : 'The policy does not let IAM users change their own password; an IAM policy allowing iam:ChangePassword is needed.',
    );
  }
  return lines;
}

/**
 * A password meeting every rule of the state: letters, digits and IAM_SYMBOLS only, with all four kinds
 * present (more than any policy asks), length max(20, policy minimum) up to 128.
 * Whole candidates are drawn uniformly and redrawn until all four kinds appear, so the result is uniform
 * over such passwords.
 */
export function generatePassword(state: PolicyState, randomBytes: (n: number) => Buffer = cryptoRandomBytes): string {
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
    if (CLASSES.every((c) => [...c.chars].some((ch) => candidate.includes(ch)))) {
      return candidate;
    }
  }
  throw new Error('The random source kept producing passwords that lack a kind of character.');
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
  return /^[\s]*$/.test(password) ? 'The new password is only whitespace.' : undefined;
}

/**
 * The last check before ChangePassword is sent, whatever filled the values (boxes or a file):
 * IAM's limits for both, a sensible new password, different from the current one, and the policy.
 */
export function changeProblem(oldPassword: string, newPassword: string, state: PolicyState): string | undefined {
  const current = basicProblem(oldPassword);
  if (current) {
    return `Current password: ${current}`;
  }
  const fresh = newPasswordProblem(newPassword);
  if (fresh) {
    return `New password: ${fresh}`;
  }
  if (oldPassword === newPassword) {
    return 'The new password must differ from the current one.';
  }
  const unmet = unmetRules(newPassword, state);
  return unmet.length > 0 ? `The new password does not meet the password policy: it still needs ${unmet.map((r) => r.label).join(', ')}.` : undefined;
}
