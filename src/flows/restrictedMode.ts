/** In an untrusted workspace nothing the workspace could have written decides, unasked, where a password goes or what runs. */
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { ProfileList } from '../profiles/profileList';
import { filesOf, profileChain, valueSources } from '../profiles/valueSources';
import { askModal } from '../window/notifications';
import { CommandDeps } from './commandDeps';

/** True when the workspace is trusted, or the person agreed to each question; false sends and runs nothing. */
export async function allowedInRestrictedMode(deps: CommandDeps, list: ProfileList, profileName: string): Promise<boolean> {
  if (deps.ui.isWorkspaceTrusted()) {
    return true;
  }
  // One rule for every value: read from, or naming, a path inside the workspace means whoever wrote the workspace chose it.
  const fromWorkspace = valueSources(list, profileName, deps.settings(), process.env)
    .map((source) => ({ what: source.what, file: filesOf(source).find(isInsideWorkspace) }))
    .find(({ file }) => file !== undefined);
  if (fromWorkspace?.file && !(await ask(deps, takesFromWorkspace(profileName, fromWorkspace.what, fromWorkspace.file), l10n.t('Use Profile')))) {
    deps.log.info(`Not trusted: profile ${profileName} takes ${fromWorkspace.what} from ${fromWorkspace.file}, inside the workspace; nothing was sent.`);
    return false;
  }
  const runner = profileChain(list, profileName).find((profile) => profile.kind === 'process');
  if (runner && !(await ask(deps, runsProgram(profileName, runner.sourceFiles), l10n.t('Run')))) {
    deps.log.info(`Not trusted: profile ${profileName}'s credential_process was not run; nothing was sent.`);
    return false;
  }
  return true;
}

function isInsideWorkspace(file: string): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((folder) => {
    const relative = path.relative(folder.uri.fsPath, file);
    return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
  });
}

const takesFromWorkspace = (profileName: string, what: string, file: string): [string, string] => [
  l10n.t({
    message: 'This workspace is not trusted, and profile {0} takes {1} from {2}, inside it. Use the profile?',
    args: [profileName, what, file],
    comment: '{1} is a setting, key or section, e.g. endpoint_url, AWS_CA_BUNDLE or [profile dev]; {2} a file path',
  }),
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
