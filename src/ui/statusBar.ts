import * as vscode from 'vscode';
import { ProfileStore } from './profileStore';

/** `$(account) <profile>` on the left; click to switch. */
export function createStatusBar(store: ProfileStore): vscode.Disposable & { item: vscode.StatusBarItem } {
  const item = vscode.window.createStatusBarItem('iamPassword.profile', vscode.StatusBarAlignment.Left, 100);
  item.name = 'AWS IAM Profile';
  item.command = 'iamPassword.selectProfile';
  item.text = '$(account) AWS';
  item.tooltip = 'AWS IAM Password: reading AWS profiles...';
  item.show();

  const render = (): void => {
    const list = store.current;
    if (!list) {
      return;
    }
    const choice = store.choice(list);
    const profile = store.selected(list);
    item.text = `$(account) ${choice.name}`;
    item.accessibilityInformation = { label: `AWS profile ${choice.name}${profile ? `, ${profile.kindLabel}` : ', not found'}. Switch profile.` };
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**AWS profile:** ${escape(choice.name)} _(${reasonText(choice.reason)})_\n\n`);
    if (profile) {
      md.appendMarkdown(`**Kind:** ${profile.kindLabel}\n\n`);
      md.appendMarkdown(`**Region:** ${escape(profile.region ?? 'not set (IAM is global; us-east-1 is used)')}\n\n`);
      md.appendMarkdown(`**Defined in:** ${profile.sourceFiles.map(escape).join(', ') || 'environment variables'}\n\n`);
      const arn = store.callerArn(profile.name);
      if (arn) {
        md.appendMarkdown(`**Signs in as:** ${escape(arn)}\n\n`);
      }
      for (const problem of profile.problems) {
        md.appendMarkdown(`$(warning) ${escape(problem)}\n\n`);
      }
    } else {
      md.appendMarkdown(`$(warning) No profile named ${escape(choice.name)} in ${escape(list.paths.configFile)} or ${escape(list.paths.credentialsFile)}.\n\n`);
    }
    md.appendMarkdown('Click to switch profile.');
    item.tooltip = md;
    item.backgroundColor = profile ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
  };

  const subscription = store.onDidChange(render);
  const settings = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('iamPassword.profile')) {
      render();
    }
  });
  render();
  return Object.assign(vscode.Disposable.from(item, subscription, settings), { item });
}

function reasonText(reason: string): string {
  switch (reason) {
    case 'picked':
      return 'picked with Switch Profile';
    case 'setting':
      return 'from the iamPassword.profile setting';
    case 'AWS_PROFILE':
      return 'from AWS_PROFILE';
    case 'environment':
      return 'AWS_ACCESS_KEY_ID is set';
    default:
      return 'the default';
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}
