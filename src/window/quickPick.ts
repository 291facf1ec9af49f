import vscode = require('vscode');

/** The accepted item, or undefined on Escape; an item's button runs onItemButton and leaves the pick open. */
export async function pickOne<T extends vscode.QuickPickItem>(
  quickPick: vscode.QuickPick<T>,
  onItemButton?: (event: vscode.QuickPickItemButtonEvent<T>) => unknown,
): Promise<T | undefined> {
  const chosen = await new Promise<T | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => resolve(undefined));
    if (onItemButton) {
      quickPick.onDidTriggerItemButton(onItemButton);
    }
    quickPick.show();
  });
  quickPick.dispose();
  return chosen;
}
