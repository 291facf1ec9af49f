/** A policy that denies without MFA (AWS's own self-service policy): the caller's device found, its code asked, the session signed in again. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import type { AwsSession, MfaDevice } from '../aws/awsSession';
import { mfaSerialEdit, writeMfaSerial } from '../profiles/mfaSerialLine';
import { showWithButtons } from '../window/notifications';
import { pickOne } from '../window/quickPick';
import { CommandDeps } from './commandDeps';

/** Signed in with MFA, cancelled at the pick, or refused in words (no device the API can use). Failed calls throw. */
export type MfaDiscovery = { kind: 'signedIn'; serial: string } | { kind: 'cancelled' } | { kind: 'refused'; refusal: string };

/** Before this, nothing asked for the code: `signIn()` asks for it in the MFA box, naming the device. */
export async function signInWithFoundMfa(deps: CommandDeps, session: AwsSession, abortSignal?: AbortSignal): Promise<MfaDiscovery> {
  const devices = await session.mfaDevices(abortSignal);
  const usable = devices.filter((device) => device.takesCode);
  deps.log.info(`A policy denies profile ${session.profile.name} without MFA; ListMFADevices found ${devices.map((d) => d.serial).join(', ') || 'no device'}.`);
  if (usable.length === 0) {
    return { kind: 'refused', refusal: noUsableDevice(session.profile.name, devices) };
  }
  const device = usable.length === 1 ? usable[0] : await pickDevice(deps, usable);
  if (!device) {
    return { kind: 'cancelled' };
  }
  session.useMfaDevice(device.serial);
  await session.signIn();
  return { kind: 'signedIn', serial: device.serial };
}

/** Why the policy is unknown when a policy denies reading it with MFA too. */
export const deniedEvenWithMfa = (): string => l10n.t({ message: 'a policy denies reading it, even with MFA', comment: 'Why the password policy is unknown' });

async function pickDevice(deps: CommandDeps, devices: MfaDevice[]): Promise<MfaDevice | undefined> {
  const pick = deps.ui.createQuickPick<vscode.QuickPickItem & { device: MfaDevice }>();
  pick.title = l10n.t('A policy asks for MFA: which device?');
  pick.placeholder = l10n.t('The device whose code you will type');
  pick.ignoreFocusOut = true;
  pick.items = devices.map((device) => ({ device, label: device.serial.split('/').pop() ?? device.serial, description: device.serial }));
  return (await pickOne(pick))?.device;
}

function noUsableDevice(profileName: string, devices: MfaDevice[]): string {
  const denied = l10n.t('A policy of your account lets profile {0} change a password only with MFA.', profileName);
  return devices.length === 0
    ? `${denied} ${l10n.t('The IAM user has no MFA device: add one in the IAM console (Security credentials > Assign MFA device), or ask an administrator. Nothing was sent.')}`
    : `${denied} ${l10n.t('Its MFA devices are security keys or passkeys, which the AWS API cannot use: change the password in the AWS console (Security credentials). Nothing was sent.')}`;
}

/** After a change signed with a found device: offered, never done silently; the line is shown before it is written. */
export async function offerToRememberDevice(deps: CommandDeps, session: AwsSession): Promise<void> {
  const serial = session.mfaDevice;
  const edit = serial && mfaSerialEdit(session.errorContext.configFile, session.profile, serial);
  if (!edit) {
    return;
  }
  const name = session.profile.name;
  const question = l10n.t({
    message: 'Remember this MFA device for profile {0}? This adds the line "{1}" below its section header, line {2} of {3}; nothing else in the file changes.',
    args: [name, edit.text, edit.line, edit.file],
    comment: '{1} is the line to add, e.g. "mfa_serial = arn:aws:iam::111122223333:mfa/phone"',
  });
  await showWithButtons(deps.ui.showInformationMessage, question, [
    [
      l10n.t('Add the Line'),
      async () => {
        const written = await writeMfaSerial(edit, name).catch((error: unknown) => (error as Error).message);
        if (written === true) {
          deps.log.info(`Added "${edit.text}" to profile ${name} in ${edit.file}.`);
          return;
        }
        const why = written === false ? l10n.t('the file changed since it was read') : written;
        void deps.ui.showWarningMessage(
          l10n.t('Could not add "{0}" to profile {1} in {2}: {3}. Add it yourself below the section header.', edit.text, name, edit.file, why),
          {},
        );
      },
    ],
    [l10n.t('Not Now'), () => undefined],
  ]);
}
