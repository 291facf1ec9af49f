import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { describeChoice } from '../profiles/profileChoice';
import { passwordAbility } from '../profiles/passwordAbility';
import type { ProfileInfo, ProfileList } from '../profiles/profileList';
import { ProfileStore } from './profileStore';
import { pickOne } from '../window/quickPick';
import { WindowApi } from '../window/windowApi';

/** A profile, or (without one) the way back to the default. */
type PickerItem = vscode.QuickPickItem & { profile?: ProfileInfo };

/** Switch Profile: every profile, each saying whether it can change a password, and a way back to the default. */
export async function selectProfile(store: ProfileStore, ui: WindowApi, offerFirstProfile: (list: ProfileList) => Promise<void>): Promise<string | undefined> {
  const list = await store.ready();
  if (list.profiles.length === 0) {
    await offerFirstProfile(list);
    return undefined;
  }
  const current = store.choice(list);
  const quickPick = ui.createQuickPick<PickerItem>();
  quickPick.title = l10n.t('AWS IAM: Switch Profile');
  quickPick.matchOnDescription = true;
  quickPick.placeholder = l10n.t({
    message: 'Current: {0} ({1}). Profiles from {2} and {3}',
    args: [current.name, describeChoice(current.reason), list.paths.configFile, list.paths.credentialsFile],
    comment: '{1} is why {0} is the current profile',
  });
  const fallback = store.choice(list, false);
  const useDefault: PickerItem = {
    label: `$(discard) ${l10n.t('Use the default profile: {0}', fallback.name)}`,
    description: describeChoice(fallback.reason),
    detail: l10n.t('Forget the profile picked here, in every window'),
  };
  quickPick.items = [...(current.reason === 'picked' ? [useDefault] : []), ...list.profiles.map((profile) => profileItem(profile, current.name, store))];
  quickPick.activeItems = quickPick.items.filter((item) => item.profile?.name === current.name);

  const chosen = await pickOne(quickPick, ({ item }) => {
    const section = item.profile?.sections[0];
    if (section) {
      void ui.showTextDocument(vscode.Uri.file(section.file), { selection: new vscode.Range(section.line - 1, 0, section.line - 1, 0) });
    }
  });
  if (!chosen) {
    return undefined;
  }
  await store.pick(chosen.profile?.name);
  return store.choice(list).name;
}

/** passwordAbility() in one line, for the picker and the status bar tooltip. */
export function passwordAbilityLine(profile: ProfileInfo, store: ProfileStore): string {
  const ability = passwordAbility(profile, store.caller(profile.name));
  switch (ability.can) {
    case 'no':
      return `$(circle-slash) ${l10n.t({ message: 'Cannot change a password: {0}', args: [ability.short], comment: '{0} is why, e.g. "signs in as a role"' })}`;
    case 'yes':
      return `$(key) ${ability.short}`;
    default:
      return `$(question) ${ability.short}`;
  }
}

function profileItem(profile: ProfileInfo, current: string, store: ProfileStore): PickerItem {
  const section = profile.sections[0];
  return {
    profile,
    buttons: section
      ? [{ iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: l10n.t('Open {0} at line {1}', path.basename(section.file), section.line) }]
      : [],
    label: `${profile.name === current ? '$(check) ' : ''}${profile.name}`,
    description: [profile.kindLabel, profile.region].filter(Boolean).join(' · '),
    detail: [passwordAbilityLine(profile, store), ...profile.problems.map((problem) => `$(warning) ${problem}`)].join('  '),
  };
}
