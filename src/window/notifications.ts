/** Notifications with buttons: VS Code answers with the chosen label, so each label is matched here only. */
import vscode = require('vscode');
import type { WindowApi } from './windowApi';

export type Button = readonly [label: string, action: () => unknown];

type Show = WindowApi['showErrorMessage'];

export async function showWithButtons(show: Show, message: string, buttons: readonly Button[], options: vscode.MessageOptions = {}): Promise<void> {
  const choice = await show(message, options, ...buttons.map(([label]) => label));
  await buttons.find(([label]) => label === choice)?.[1]();
}

/** A modal question: the key of the chosen label, or undefined for Cancel. */
export async function askModal<Key extends string>(
  show: Show,
  message: string,
  detail: string | undefined,
  labels: Record<Key, string>,
): Promise<Key | undefined> {
  const keys = Object.keys(labels) as Key[];
  const choice = await show(message, { modal: true, detail }, ...keys.map((key) => labels[key]));
  return keys.find((key) => labels[key] === choice);
}
