// Every password the integration suite types or writes. The launcher's leak audit searches the
// whole run folder for each of them after the suite: one hit fails the run.
export const PASSWORDS = {
  aliceInitial: 'Correct-Horse-1',
  aliceNew: 'Brand-New-Pass-42',
  wrongCurrent: 'Not-The-Password-1',
  rejectedNew: 'Another-New-Pass-7',
  fromFile: 'From-The-File-99',
  throughProxy: 'Through-The-Proxy-5',
} as const;
