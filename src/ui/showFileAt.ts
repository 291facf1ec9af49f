import vscode = require('vscode');

/** Opens a file in an editor with the cursor at the start of a 1-based line. */
export async function showFileAt(file: string, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position) });
}
