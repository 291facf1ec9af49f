import * as fs from 'node:fs';

// Every password the integration suite types or writes. The launcher's leak audit searches the
// whole run folder for each of them after the suite: one hit fails the run.
export const PASSWORDS = {
  aliceInitial: 'Correct-Horse-1',
  aliceNew: 'Brand-New-Pass-42',
  wrongCurrent: 'Not-The-Password-1',
  rejectedNew: 'Another-New-Pass-7',
  fromFile: 'From-The-File-99',
  // Characters every encoder treats specially, for the endpoint that echoes the form.
  echoFirst: `Ech0 "<&>" +'\u00e9\\/\u00fc`,
  echoSecond: `Ech0-2 & <b>"x"</b> +\u00e9/\u00fc'`,
  copied: 'Copy-Me-Then-Clear-8',
  /** Meets the demo policy (12 characters, four kinds) and is among the first guesses of any attacker. */
  guessable: 'Password123!',
  /** What alice sets after her password expired. */
  afterExpiry: 'Lantern-Orchard-31!',
  throughProxy: 'Through-The-Proxy-5',
} as const;

/**
 * A password made during the run (a generated one): the audit searches for it too. The launcher
 * names a file outside the run folder (IAMPW_TEST_SECRETS), reads it after the run and deletes it.
 */
export function auditAlso(name: string, secret: string): void {
  const file = process.env.IAMPW_TEST_SECRETS;
  if (!file) {
    throw new Error('IAMPW_TEST_SECRETS is not set: the launcher could not audit this password');
  }
  fs.appendFileSync(file, `${JSON.stringify([name, secret])}\n`, { mode: 0o600 });
}

/** The launcher's side: what auditAlso wrote, by name. */
export function readAuditedSecrets(file: string): Record<string, string> {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as [string, string]),
  );
}
