import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { awsConfigureTerminal } from '../profiles/awsCliTerminal';
import type { ProfileList } from '../profiles/profileList';
import { pickOne } from '../window/quickPick';
import { WindowApi } from '../window/windowApi';

/** Untranslated: the AWS CLI reads this file, maybe not as UTF-8. */
const CREDENTIALS_TEMPLATE = [
  '# AWS credentials, read by the AWS CLI, the AWS SDKs and AWS IAM Password.',
  '# One [name] section per IAM user access key; the profile named default is used when none is chosen.',
  '#',
  '# [default]',
  '# aws_access_key_id = AKIA...',
  '# aws_secret_access_key = ...',
  '',
].join('\n');

/** Switch Profile with no profile at all: the ways to make one. */
export async function offerFirstProfile(ui: WindowApi, { paths }: ProfileList): Promise<void> {
  const quickPick = ui.createQuickPick<vscode.QuickPickItem & { run: () => Promise<unknown> }>();
  quickPick.title = l10n.t('AWS IAM: Switch Profile');
  quickPick.placeholder = l10n.t('No AWS profiles in {0} or {1}', paths.configFile, paths.credentialsFile);
  quickPick.items = [
    {
      label: `$(new-file) ${l10n.t('Open the credentials file')}`,
      description: paths.credentialsFile,
      detail: l10n.t('Created with a commented example if it does not exist yet'),
      run: () => openCredentialsFile(ui, paths.credentialsFile),
    },
    // No terminal in Restricted Mode: a shell started here runs in the untrusted folder.
    ...(ui.isWorkspaceTrusted()
      ? [
          {
            label: `$(terminal) ${l10n.t('Run aws configure in a terminal')}`,
            detail: l10n.t('The AWS CLI asks for an access key and writes the default profile'),
            // The store reloads when aws configure writes the files.
            run: async () => ui.createTerminal(awsConfigureTerminal(paths.configFile, paths.credentialsFile)).show(),
          },
        ]
      : []),
  ];
  await (await pickOne(quickPick))?.run();
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
