// Every password the integration suite types or writes. The launcher's leak audit searches the
// whole run folder for each of them after the suite: one hit fails the run.
export const PASSWORDS = {
  aliceInitial: 'Correct-Horse-1',
  aliceNew: 'Brand-New-Pass-42',
  wrongCurrent: 'Not-The-Password-1',
  rejectedNew: 'Another-New-Pass-7',
  fromFile: 'From-The-File-99',
  /** Meets the demo policy (12 characters, four kinds) and is among the first guesses of any attacker. */
  guessable: 'Password123!',
  /** What alice sets after her password expired. */
  afterExpiry: 'Lantern-Orchard-31!',
} as const;
