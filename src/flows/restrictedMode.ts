/** In an untrusted workspace nothing the workspace could have written decides, unasked, where a password goes or what runs. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { ProfileInfo, ProfileList } from '../profiles/profileList';
import { askModal } from '../window/notifications';
import { CommandDeps } from './commandDeps';

/** True when the workspace is trusted, or the person agreed to each question; false sends and runs nothing. */
export async function allowedInRestrictedMode(deps: CommandDeps, list: ProfileList, profileName: string): Promise<boolean> {
  if (deps.ui.isWorkspaceTrusted()) {
    return true;
  }
  const chain = profileChain(list, profileName);
  // The files it is read from, or that decide where it sends (a CA bundle trusts a server).
  const inWorkspace = chain.flatMap((profile) => [...profile.sourceFiles, ...(profile.caBundle ? [profile.caBundle] : [])]).find(isInsideWorkspace);
  if (inWorkspace && !(await ask(deps, filePointsIntoWorkspace(profileName, inWorkspace), l10n.t('Use Profile')))) {
    deps.log.info(`Not trusted: profile ${profileName} is read from ${inWorkspace}, inside the workspace; nothing was sent.`);
    return false;
  }
  const runner = chain.find((profile) => profile.kind === 'process');
  if (runner && !(await ask(deps, runsProgram(profileName, runner.sourceFiles), l10n.t('Run')))) {
    deps.log.info(`Not trusted: profile ${profileName}'s credential_process was not run; nothing was sent.`);
    return false;
  }
  return true;
}

/** The profile and its source_profile chain: every profile the SDK reads to sign its requests. */
function profileChain(list: ProfileList, name: string): ProfileInfo[] {
  const chain: ProfileInfo[] = [];
  for (let profile = list.byName(name); profile && !chain.includes(profile); ) {
    chain.push(profile);
    const next = profile.sourceProfile;
    profile = next === undefined ? undefined : list.byName(next);
  }
  return chain;
}

function isInsideWorkspace(file: string): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((folder) => {
    const relative = path.relative(folder.uri.fsPath, file);
    return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
  });
}

const filePointsIntoWorkspace = (profileName: string, file: string): [string, string] => [
  l10n.t('This workspace is not trusted, and profile {0} uses {1}, inside it. Use the profile?', profileName, file),
  l10n.t(
    'Whoever wrote that file decides where your password is sent (endpoint_url), which servers are trusted (ca_bundle) and what runs for credentials. Nothing has been sent yet.',
  ),
];

const runsProgram = (profileName: string, files: readonly string[]): [string, string] => [
  l10n.t('This workspace is not trusted. Profile {0} gets its credentials by running its credential_process program: run it?', profileName),
  l10n.t({ message: 'The program is named in {0}. Nothing has been sent yet.', args: [files.join(', ')], comment: '{0} is one or two file paths' }),
];

async function ask({ ui }: CommandDeps, [message, detail]: [string, string], yes: string): Promise<boolean> {
  return (await askModal(ui.showWarningMessage, message, detail, { yes })) === 'yes';
}
