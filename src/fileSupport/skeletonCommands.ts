import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { ChangePasswordFileFormat, skeletonFileName } from '../changePasswordFile/fileName';
import { SKELETONS } from '../changePasswordFile/skeleton';
import { pickOne } from '../window/quickPick';
import { askModal } from '../window/notifications';
import { WindowApi } from '../window/windowApi';

// Format names, file names and the AWS CLI's command lines: nothing to translate.
const FORMATS: (vscode.QuickPickItem & { format: ChangePasswordFileFormat })[] = [
  { format: 'json', label: 'JSON', description: 'change-password.json', detail: 'aws iam change-password --generate-cli-skeleton input' },
  { format: 'yaml', label: 'YAML', description: 'change-password.yaml', detail: 'aws iam change-password --generate-cli-skeleton yaml-input' },
];

/** From the palette an untitled editor, so nothing touches the disk until the user saves; from an Explorer folder, a file there. */
export async function generateSkeletonCommand(ui: WindowApi, folder?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const quickPick = ui.createQuickPick<(typeof FORMATS)[number]>();
  quickPick.title = l10n.t('AWS IAM: Generate change-password Skeleton');
  quickPick.placeholder = l10n.t('Format of the skeleton (the same text the AWS CLI prints)');
  quickPick.items = FORMATS;
  const format = (await pickOne(quickPick))?.format;
  if (!format) {
    return undefined;
  }
  const text = SKELETONS[format];
  if (folder instanceof vscode.Uri) {
    return writeIntoFolder(ui, folder, skeletonFileName(format), text);
  }
  const document = await openUntitled(format, text);
  if (!document) {
    void ui.showErrorMessage(l10n.t('No free name for a new change-password.{0} skeleton: close some untitled ones and try again.', format), {});
    return undefined;
  }
  await ui.showTextDocument(document);
  return document;
}

const MAX_SKELETON_NAMES = 100;

/** VS Code refuses an untitled editor whose path exists on disk, and hands back an open untitled one of the same name. */
async function openUntitled(format: ChangePasswordFileFormat, text: string): Promise<vscode.TextDocument | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  for (let n = 1; n <= MAX_SKELETON_NAMES; n++) {
    const name = skeletonFileName(format, n);
    const onDisk = folder && vscode.Uri.joinPath(folder, name);
    const uri = onDisk ? onDisk.with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: name });
    const open = vscode.workspace.textDocuments.some((d) => !d.isClosed && d.uri.path === uri.path);
    if (open || (onDisk && (await exists(onDisk)))) {
      continue;
    }
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), text);
      await vscode.workspace.applyEdit(edit);
      return document;
    } catch {
      // Taken since we looked (a file written meanwhile): the next name.
    }
  }
  return undefined;
}

const exists = (uri: vscode.Uri): Thenable<boolean> =>
  vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );

async function writeIntoFolder(ui: WindowApi, folder: vscode.Uri, name: string, text: string): Promise<vscode.TextDocument | undefined> {
  const target = vscode.Uri.joinPath(folder, name);
  if (await exists(target)) {
    const question = l10n.t('{0} already exists in {1}. Replace it with an empty skeleton?', name, folder.fsPath);
    if (!(await askModal(ui.showWarningMessage, question, undefined, { replace: l10n.t('Replace') }))) {
      return undefined;
    }
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  const document = await vscode.workspace.openTextDocument(target);
  await ui.showTextDocument(document);
  return document;
}
