import * as vscode from 'vscode';
import { describeChoice } from '../core/profileChoice';
import { profileRefusal } from '../core/profileRefusal';
import { ProfileStore } from './profileStore';

/** `$(account) <profile>` on the left; click to switch. */
export function createStatusBar(store: ProfileStore): vscode.Disposable & { item: vscode.StatusBarItem } {
  const item = vscode.window.createStatusBarItem('iamPassword.profile', vscode.StatusBarAlignment.Left, 100);
  item.name = 'AWS IAM Profile';
  item.command = 'iamPassword.selectProfile';
  item.text = '$(account) AWS';
  item.tooltip = 'AWS IAM Password: reading AWS profiles...';
  // For people who also run the AWS Toolkit, whose own profile item would say the same.
  const showOrHide = (): void => {
    if (vscode.workspace.getConfiguration('iamPassword').get<boolean>('showStatusBarItem', true)) {
      item.show();
    } else {
      item.hide();
    }
  };
  showOrHide();

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
    md.appendMarkdown(`**AWS profile:** ${escape(choice.name)} _(${describeChoice(choice.reason)})_\n\n`);
    if (profile) {
      md.appendMarkdown(`**Kind:** ${profile.kindLabel}\n\n`);
      const refusal = profileRefusal(profile);
      if (refusal) {
        md.appendMarkdown(`$(circle-slash) Cannot change a password: ${escape(refusal.short)}\n\n`);
      }
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
    if (e.affectsConfiguration('iamPassword.showStatusBarItem')) {
      showOrHide();
    }
  });
  render();
  return Object.assign(vscode.Disposable.from(item, subscription, settings), { item });
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}
