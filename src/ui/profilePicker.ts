import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
import { awsConfigureTerminal } from '../core/awsCliTerminal';
import { describeChoice } from '../core/profileChoice';
import { profileRefusal } from '../core/profileRefusal';
import type { ProfileInfo, ProfileList } from '../core/profiles';
import { ProfileStore } from './profileStore';
import { pickOne } from './quickPick';
import { showFileAt } from './showFileAt';
import { WindowApi } from './window';

type PickerItem = vscode.QuickPickItem &
  ({ action: 'profile'; profile: ProfileInfo } | { action: 'useDefault' } | { action: 'openCredentialsFile' } | { action: 'runAwsConfigure' });

/**
 * Starts a credentials file that explains itself; the keys stay commented out until filled in.
 * Untranslated: it is written into a file the AWS CLI reads, which may not read it as UTF-8.
 */
const CREDENTIALS_TEMPLATE = [
  '# AWS credentials, read by the AWS CLI, the AWS SDKs and AWS IAM Password.',
  '# One [name] section per IAM user access key; the profile named default is used when none is chosen.',
  '#',
  '# [default]',
  '# aws_access_key_id = AKIA...',
  '# aws_secret_access_key = ...',
  '',
].join('\n');

/**
 * Switch Profile...: every profile from the config and credentials files, each saying whether it
 * can change a password; a way back to the default; with no profiles, the ways to make one.
 */
export async function selectProfile(store: ProfileStore, ui: WindowApi): Promise<string | undefined> {
  const list = await store.ready();
  const current = store.choice(list);
  const quickPick = ui.createQuickPick<PickerItem>();
  quickPick.title = l10n.t('AWS IAM: Switch Profile');
  quickPick.matchOnDescription = true;
  if (list.profiles.length === 0) {
    quickPick.placeholder = l10n.t('No AWS profiles in {0} or {1}', list.paths.configFile, list.paths.credentialsFile);
    quickPick.items = [
      {
        action: 'openCredentialsFile',
        label: `$(new-file) ${l10n.t('Open the credentials file')}`,
        description: list.paths.credentialsFile,
        detail: l10n.t('Created with a commented example if it does not exist yet'),
      },
      // No terminal in Restricted Mode: a shell started here runs in the untrusted folder.
      ...(ui.isWorkspaceTrusted()
        ? [
            {
              action: 'runAwsConfigure' as const,
              label: `$(terminal) ${l10n.t('Run aws configure in a terminal')}`,
              detail: l10n.t('The AWS CLI asks for an access key and writes the default profile'),
            },
          ]
        : []),
    ];
  } else {
    quickPick.placeholder = l10n.t({
      message: 'Current: {0} ({1}). Profiles from {2} and {3}',
      args: [current.name, describeChoice(current.reason), list.paths.configFile, list.paths.credentialsFile],
      comment: '{1} is why {0} is the current profile',
    });
    const fallback = store.defaultChoice(list);
    const useDefault: PickerItem[] =
      current.reason === 'picked'
        ? [
            {
              action: 'useDefault',
              label: `$(discard) ${l10n.t('Use the default profile: {0}', fallback.name)}`,
              description: describeChoice(fallback.reason),
              detail: l10n.t('Forget the profile picked here, in every window'),
            },
          ]
        : [];
    quickPick.items = [...useDefault, ...list.profiles.map((profile) => profileItem(profile, current.name, store.callerArn(profile.name)))];
    quickPick.activeItems = quickPick.items.filter((item) => item.action === 'profile' && item.profile.name === current.name);
  }

  const chosen = await pickOne(quickPick, ({ item }) => {
    const section = item.action === 'profile' ? item.profile.sections[0] : undefined;
    if (section) {
      void showFileAt(ui, section.file, section.line);
    }
  });
  switch (chosen?.action) {
    case 'profile':
      await store.pick(chosen.profile.name);
      return chosen.profile.name;
    case 'useDefault':
      await store.pick(undefined);
      return store.choice(list).name;
    case 'openCredentialsFile':
      await openCredentialsFile(ui, list.paths.credentialsFile);
      return undefined;
    case 'runAwsConfigure':
      runAwsConfigure(ui, list);
      return undefined;
    default:
      return undefined;
  }
}

function profileItem(profile: ProfileInfo, current: string, callerArn: string | undefined): PickerItem {
  const refusal = profileRefusal(profile);
  // Root keys look like any other keys until AWS has said whose they are.
  const root = callerArn?.endsWith(':root');
  const can = refusal
    ? `$(circle-slash) ${l10n.t({ message: 'Cannot change a password: {0}', args: [refusal.short], comment: '{0} is why, e.g. "signs in as a role"' })}`
    : root
      ? `$(circle-slash) ${l10n.t('Cannot change a password: the root user (use the AWS console)')}`
      : `$(key) ${callerArn ? l10n.t('Can change a password: signs in as {0}', callerArn) : l10n.t('Can change a password')}`;
  const section = profile.sections[0];
  return {
    action: 'profile',
    profile,
    buttons: section
      ? [{ iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: l10n.t('Open {0} at line {1}', path.basename(section.file), section.line) }]
      : [],
    label: `${profile.name === current ? '$(check) ' : ''}${profile.name}`,
    description: [profile.kindLabel, profile.region].filter(Boolean).join(' · '),
    detail: [can, ...profile.problems.map((problem) => `$(warning) ${problem}`)].join('  '),
  };
}

async function openCredentialsFile(ui: WindowApi, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx' creates it only when missing: an existing file is never touched.
  await writeFile(file, CREDENTIALS_TEMPLATE, { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') {
      throw error;
    }
  });
  await ui.showTextDocument(vscode.Uri.file(file));
}

/** The AWS CLI's own set-up, on the files this window reads (aws is the terminal's process); the store reloads when they change. */
function runAwsConfigure(ui: WindowApi, { paths }: ProfileList): void {
  ui.createTerminal(awsConfigureTerminal(paths.configFile, paths.credentialsFile)).show();
}
