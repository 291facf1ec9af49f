// Every check on a password, one message per rule, shared by the boxes, the file diagnostics and the last check; never showing the password.
import * as l10n from '@vscode/l10n';

export const IAM_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
export const MAX_PASSWORD_LENGTH = 128;
/** AWS's default policy (no account policy set): at least 8 characters and three of the four kinds. */
export const DEFAULT_POLICY_MINIMUM_LENGTH = 8;

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';

export interface RuleCheck {
  label: string;
  met: boolean;
}

// IAM's limits for both passwords, whatever the policy.

/** 'U+00E9' for the first character of the text: how messages name a character without showing the password. */
export function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

// Length counts code points, as IAM does; every character IAM accepts is below U+0100, so it equals the UTF-16 length.
export function lengthProblem(password: string): string | undefined {
  const length = Array.from(password).length;
  return length >= 1 && length <= MAX_PASSWORD_LENGTH
    ? undefined
    : l10n.t({ message: 'The password has {0} characters; IAM allows 1 to {1}', args: [length, MAX_PASSWORD_LENGTH], comment: 'A password rule broken' });
}

// IAM's pattern, [\t\n\r\u0020-\u00FF]: every character before the first other one is below U+0100, so its UTF-16 index is its position.
export function characterProblem(password: string): string | undefined {
  const bad = /[^\t\n\r\x20-\xFF]/u.exec(password)?.index;
  return bad === undefined
    ? undefined
    : l10n.t({
        message: 'Character {0} ({1}) is not allowed; IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF',
        args: [bad + 1, codePointName(password.slice(bad))],
        comment: '{0} is the position of the character in the password, {1} its code point, e.g. U+0100',
      });
}

export function passwordProblem(password: string): string | undefined {
  return lengthProblem(password) ?? characterProblem(password);
}

export function passwordNamed(parameter: 'OldPassword' | 'NewPassword', problem: string): string {
  return parameter === 'OldPassword'
    ? l10n.t({ message: 'Current password: {0}', args: [problem], comment: '{0} is what is wrong with it' })
    : l10n.t({ message: 'New password: {0}', args: [problem], comment: '{0} is what is wrong with it' });
}

/** A new password that is only blanks is surely a slip, though IAM's pattern would take it. */
export function blankProblem(newPassword: string): string | undefined {
  return newPassword.length > 0 && /^\s*$/.test(newPassword) ? l10n.t('The new password is only whitespace') : undefined;
}

export function sameAsCurrentProblem(currentPassword: string, newPassword: string): string | undefined {
  return currentPassword === newPassword ? l10n.t('The new password must differ from the current one') : undefined;
}

export function confirmationProblem(newPassword: string, confirmation: string): string | undefined {
  return newPassword === confirmation ? undefined : l10n.t('This does not match the new password. Type it again, or go Back to change it');
}

export function newPasswordProblem(newPassword: string, currentPassword?: string): string | undefined {
  return (
    passwordProblem(newPassword) ??
    blankProblem(newPassword) ??
    (currentPassword === undefined ? undefined : sameAsCurrentProblem(currentPassword, newPassword))
  );
}

export const KINDS = [
  { requiredBy: 'RequireUppercaseCharacters', label: () => l10n.t({ message: 'an uppercase letter (A-Z)', comment: 'A password rule' }), chars: UPPER },
  { requiredBy: 'RequireLowercaseCharacters', label: () => l10n.t({ message: 'a lowercase letter (a-z)', comment: 'A password rule' }), chars: LOWER },
  { requiredBy: 'RequireNumbers', label: () => l10n.t({ message: 'a number (0-9)', comment: 'A password rule' }), chars: DIGITS },
  {
    requiredBy: 'RequireSymbols',
    label: () => l10n.t({ message: 'a symbol: {0}', args: [IAM_SYMBOLS.split('').join(' ')], comment: 'A password rule; {0} lists the symbols' }),
    chars: IAM_SYMBOLS,
  },
] as const;
export type Kind = (typeof KINDS)[number];

const hasKind = (password: string, kind: Kind): boolean => Array.from(password).some((c) => kind.chars.includes(c));

export function minimumLengthRule(password: string, minimum: number): RuleCheck {
  return {
    label: l10n.t({ message: 'at least {0} characters', args: [minimum], comment: 'A password rule' }),
    met: Array.from(password).length >= minimum,
  };
}

export function kindRule(password: string, kind: Kind): RuleCheck {
  return { label: kind.label(), met: hasKind(password, kind) };
}

export function threeKindsRule(password: string): RuleCheck {
  return {
    label: l10n.t({ message: 'at least 3 of: uppercase, lowercase, numbers, symbols', comment: 'A password rule' }),
    met: KINDS.filter((kind) => hasKind(password, kind)).length >= 3,
  };
}

export function policyProblem(unmet: readonly RuleCheck[]): string | undefined {
  return unmet.length === 0
    ? undefined
    : l10n.t({ message: 'The password policy still needs: {0}', args: [unmet.map((r) => r.label).join('; ')], comment: '{0} lists password rules' });
}

/**
 * A password as JSON writes it, with every character one cannot see or tell from a space (a no-break
 * space, a soft hyphen, U+0085, other controls and format characters) written as \uXXXX too.
 */
export function visiblePassword(password: string): string {
  return JSON.stringify(password).replace(/[^\P{Z} ]|[\p{Cc}\p{Cf}]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
