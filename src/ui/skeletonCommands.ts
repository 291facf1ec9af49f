import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangePasswordFileFormat } from '../core/changePasswordFile/fileName';
import { generateSkeleton } from '../core/changePasswordFile/skeleton';
import { pickOne } from './quickPick';
import { WindowApi } from './window';

interface FormatItem extends vscode.QuickPickItem {
  format: ChangePasswordFileFormat;
}

const FORMATS: FormatItem[] = [
  { format: 'json', label: 'JSON', description: 'change-password.json', detail: 'aws iam change-password --generate-cli-skeleton input' },
  { format: 'yaml', label: 'YAML', description: 'change-password.yaml', detail: 'aws iam change-password --generate-cli-skeleton yaml-input' },
];

function fileName(format: ChangePasswordFileFormat): string {
  return format === 'json' ? 'change-password.json' : 'change-password.yaml';
}

async function pickFormat(ui: WindowApi): Promise<ChangePasswordFileFormat | undefined> {
  const quickPick = ui.createQuickPick<FormatItem>();
  quickPick.title = 'AWS IAM: Generate change-password Skeleton';
  quickPick.placeholder = 'Format of the skeleton (the same text the AWS CLI prints)';
  quickPick.items = FORMATS;
  return (await pickOne(quickPick))?.format;
}

/**
 * From the palette: an untitled editor named change-password.json, so nothing touches the disk
 * until the user saves. From a folder in the Explorer: the file is written there.
 */
export async function generateSkeletonCommand(ui: WindowApi, folder?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const format = await pickFormat(ui);
  if (!format) {
    return undefined;
  }
  const text = generateSkeleton(format);
  const name = fileName(format);
  if (folder instanceof vscode.Uri) {
    return writeIntoFolder(ui, folder, name, text);
  }
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const uri = vscode.Uri.from({ scheme: 'untitled', path: base ? path.join(base, name) : name });
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.getText() === '') {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
  }
  await vscode.window.showTextDocument(document);
  return document;
}

async function writeIntoFolder(ui: WindowApi, folder: vscode.Uri, name: string, text: string): Promise<vscode.TextDocument | undefined> {
  const target = vscode.Uri.joinPath(folder, name);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const answer = await ui.showWarningMessage(`${name} already exists in ${folder.fsPath}. Replace it with an empty skeleton?`, { modal: true }, 'Replace');
    if (answer !== 'Replace') {
      return undefined;
    }
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  const document = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(document);
  return document;
}
