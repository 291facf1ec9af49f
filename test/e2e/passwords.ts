import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoSeed } from '../emulator';

const seededPassword = demoSeed().users?.find((user) => user.name === 'alice')?.loginProfile?.password;
if (seededPassword === undefined) {
  throw new Error('the demo seed no longer gives alice a console password');
}

/**
 * Every password this suite types or writes, each distinctive enough that the last test can look
 * for it on disk. All but tooWeak and wrongCurrent meet the demo account's policy
 * (12+ characters, upper, lower, number, symbol).
 */
export const PASSWORDS = {
  /** alice's password in the demo seed; change-password.json holds it as OldPassword. */
  seeded: seededPassword,
  /** change-password.json's NewPassword. */
  fromFile: 'Quiet-Lantern-2024!',
  /** The palette flow's new password. */
  palette: 'Bright-Meadow-42!',
  /** Typed where the policy hints must show: only lowercase letters, 6 of them. */
  tooWeak: 'quokka',
  /** A current password that is not alice's. */
  wrongCurrent: 'Not-Her-Password-7!',
  /** Meets the policy, and is among the first guesses of any attacker: the strength estimate says so. */
  guessable: 'Password123!',
  /** The new password sent along with wrongCurrent; IAM must never accept it. */
  neverAccepted: 'Amber-Orchard-58!',
  /** The new password of a change whose wait was cancelled after IAM applied it. */
  cancelled: 'Copper-Harbor-73!',
  /** The new password of a change in the untrusted window whose connection broke after IAM applied it; copied to the clipboard. */
  copied: 'Velvet-Compass-64!',
  /** Typed into an unsaved skeleton, whose hot exit backup holds it until the tab is closed. */
  skeleton: 'Hidden-Backup-61!',
} as const;

export type PasswordName = keyof typeof PASSWORDS;

/**
 * Which of PASSWORDS `password` is. Assertions compare these names, so a failing test prints
 * "palette" vs "neverAccepted", never a password.
 */
export function passwordName(password: string | undefined): string {
  if (password === undefined) {
    return '(no password)';
  }
  const entry = Object.entries(PASSWORDS).find(([, value]) => value === password);
  return entry ? entry[0] : '(a password this suite never typed)';
}

/** Which of PASSWORDS any file under `root` holds, as "FILE holds the NAME password" (never the password). */
export function passwordsOnDisk(root: string): string[] {
  const files = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(root, file))
    .filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile());
  const findings: string[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const [name, password] of Object.entries(PASSWORDS)) {
      if (bytes.includes(password)) {
        findings.push(`${path.relative(root, file)} holds the "${name}" password`);
      }
    }
  }
  return findings;
}
