import type { PasswordPolicy } from './state';

/** The only characters IAM counts as symbols. */
export const IAM_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

/** What ChangePassword's input model allows, checked before anything else like AWS's validation layer. */
const PASSWORD_PATTERN = /^[\t\n\r\x20-\xFF]+$/;
const PASSWORD_PATTERN_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';
const MAX_PASSWORD_LENGTH = 128;

/** ValidationError lines for one password parameter; the value itself is never quoted. */
export function passwordParameterFailures(member: string, value: string | null): string[] {
  if (value === null) {
    return [`Value null at '${member}' failed to satisfy constraint: Member must not be null`];
  }
  const failures: string[] = [];
  if (value.length < 1) {
    failures.push(`Value at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  }
  if (value.length > MAX_PASSWORD_LENGTH) {
    failures.push(`Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PASSWORD_LENGTH}`);
  }
  if (value.length > 0 && !PASSWORD_PATTERN.test(value)) {
    failures.push(`Value at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PASSWORD_PATTERN_TEXT}`);
  }
  return failures;
}

export interface PasswordContext {
  current: string;
  /** Earlier passwords, most recent first. */
  history: string[];
  /** Account alias, user name: AWS's default policy refuses these as passwords. */
  forbiddenNames: string[];
}

const hasUppercase = (text: string): boolean => /[A-Z]/.test(text);
const hasLowercase = (text: string): boolean => /[a-z]/.test(text);
const hasNumber = (text: string): boolean => /[0-9]/.test(text);
const hasSymbol = (text: string): boolean => [...text].some((char) => IAM_SYMBOLS.includes(char));

/**
 * The first rule the new password breaks, as a PasswordPolicyViolation message, or undefined.
 * Without a policy, AWS's default applies: 8 or more characters, three of the four character classes,
 * and not the account or user name.
 */
export function passwordPolicyViolation(candidate: string, policy: PasswordPolicy | undefined, context: PasswordContext): string | undefined {
  if (policy === undefined) {
    if (candidate.length < 8) {
      return 'Password should have a minimum length of 8';
    }
    const classes = [hasUppercase, hasLowercase, hasNumber, hasSymbol].filter((test) => test(candidate)).length;
    if (classes < 3) {
      return 'Password should have at least three of the following: uppercase letters, lowercase letters, numbers, symbols';
    }
    if (context.forbiddenNames.some((name) => name.toLowerCase() === candidate.toLowerCase())) {
      return 'Password should not be the same as the account name or email address';
    }
  } else {
    const minimumLength = policy.MinimumPasswordLength ?? 6;
    if (candidate.length < minimumLength) {
      return `Password should have a minimum length of ${minimumLength}`;
    }
    if (policy.RequireUppercaseCharacters && !hasUppercase(candidate)) {
      return 'Password should have at least one uppercase letter';
    }
    if (policy.RequireLowercaseCharacters && !hasLowercase(candidate)) {
      return 'Password should have at least one lowercase letter';
    }
    if (policy.RequireNumbers && !hasNumber(candidate)) {
      return 'Password should have at least one number';
    }
    if (policy.RequireSymbols && !hasSymbol(candidate)) {
      return 'Password should have at least one symbol';
    }
  }
  if (candidate === context.current) {
    return 'Password should not be the same as the current password';
  }
  const remembered = policy?.PasswordReusePrevention ?? 0;
  if (context.history.slice(0, remembered).includes(candidate)) {
    return `Password should not be one of your previous ${remembered} passwords`;
  }
  return undefined;
}
