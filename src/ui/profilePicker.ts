import * as vscode from 'vscode';
import { ProfileStore } from './profileStore';
import { pickOne } from './quickPick';
import { WindowApi } from './window';

interface ProfileItem extends vscode.QuickPickItem {
  profileName: string;
}

/** Switch Profile...: every profile from the config and credentials files, the current one checked. */
export async function selectProfile(store: ProfileStore, ui: WindowApi): Promise<string | undefined> {
  const list = await store.ready();
  const current = store.choice(list).name;
  const quickPick = ui.createQuickPick<ProfileItem>();
  quickPick.title = 'AWS IAM: Switch Profile';
  quickPick.placeholder = list.profiles.length
    ? `Current: ${current}. Profiles from ${list.paths.configFile} and ${list.paths.credentialsFile}`
    : `No profiles in ${list.paths.configFile} or ${list.paths.credentialsFile}`;
  quickPick.matchOnDescription = true;
  quickPick.items = list.profiles.map((p) => ({
    profileName: p.name,
    label: `${p.name === current ? '$(check) ' : ''}${p.name}`,
    description: [p.kindLabel, p.region].filter(Boolean).join(' · '),
    // The files are the same two for every profile; say only what tells profiles apart.
    detail: p.problems.length ? `$(warning) ${p.problems.join('; ')}` : (p.roleArn ?? (p.mfaSerial ? `MFA ${p.mfaSerial}` : undefined)),
  }));
  quickPick.activeItems = quickPick.items.filter((i) => i.profileName === current);

  const chosen = (await pickOne(quickPick))?.profileName;
  if (chosen !== undefined) {
    await store.pick(chosen);
  }
  return chosen;
}
