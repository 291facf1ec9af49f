/** When a password expires, known only from the day it was changed here and the account's MaxPasswordAge: IAM's API tells neither date. */

/** The console warns this many days before a password expires; the status bar does too. */
export const EXPIRY_WARNING_DAYS = 15;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PasswordExpiry {
  changedAt: Date;
  expiresAt: Date;
  /** Whole days left, rounded down; negative once expired. */
  daysLeft: number;
  soon: boolean;
}

/** Undefined when passwords do not expire or the change date is not known: nothing is guessed. */
export function passwordExpiry(changedAt: Date | undefined, maxPasswordAge: number | undefined, now: Date): PasswordExpiry | undefined {
  if (!changedAt || !maxPasswordAge || Number.isNaN(changedAt.getTime())) {
    return undefined;
  }
  const expiresAt = new Date(changedAt.getTime() + maxPasswordAge * DAY_MS);
  const daysLeft = Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS);
  return { changedAt, expiresAt, daysLeft, soon: daysLeft <= EXPIRY_WARNING_DAYS };
}
