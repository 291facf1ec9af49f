import vscode = require('vscode');
import type { WindowApi } from './window';

/** Opens a file in an editor with the cursor at the start of a 1-based line. */
export async function showFileAt(ui: WindowApi, file: string, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await ui.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position) });
}
