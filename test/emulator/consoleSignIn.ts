import type { LoginProfile, PasswordPolicy, User } from './state';

/**
 * What the AWS console's sign-in page would do with a user name and password. The emulator has no
 * console; this models the one thing the extension is for: an expired password locks the user out
 * of the console while their access keys still work, and ChangePassword with those keys clears it.
 * - signedIn: the password is right and current.
 * - wrongPassword / noConsolePassword: refused.
 * - mustChangePassword: the page asks for a new password first (an expired password without
 *   HardExpiry, or PasswordResetRequired).
 * - expired: HardExpiry: the page refuses and cannot replace the password.
 */
export type ConsoleSignIn = 'signedIn' | 'wrongPassword' | 'noConsolePassword' | 'mustChangePassword' | 'expired';

const DAY_MS = 24 * 3600 * 1000;

/** Expired once MaxPasswordAge days have passed since the password was last set; never without MaxPasswordAge. */
export function passwordExpired(profile: LoginProfile, policy: PasswordPolicy | undefined, now = new Date()): boolean {
  const maxAge = policy?.MaxPasswordAge;
  return maxAge !== undefined && now.getTime() - profile.passwordLastChanged.getTime() > maxAge * DAY_MS;
}

export function consoleSignIn(user: User | undefined, password: string, policy: PasswordPolicy | undefined): ConsoleSignIn {
  const profile = user?.loginProfile;
  if (!profile) {
    return 'noConsolePassword';
  }
  if (password !== profile.password) {
    return 'wrongPassword';
  }
  if (passwordExpired(profile, policy)) {
    return policy?.HardExpiry ? 'expired' : 'mustChangePassword';
  }
  return profile.passwordResetRequired ? 'mustChangePassword' : 'signedIn';
}
