import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { describeChoice } from '../profiles/profileChoice';
import { passwordAbilityLine } from './profilePicker';
import { ProfileStore } from './profileStore';
import type { ExtensionSettings } from '../window/settings';

/** `$(account) <profile>` on the left; click to switch. */
export function createStatusBar(store: ProfileStore, settings: () => ExtensionSettings): vscode.Disposable & { item: vscode.StatusBarItem } {
  const item = vscode.window.createStatusBarItem('iamPassword.profile', vscode.StatusBarAlignment.Left, 100);
  item.name = l10n.t('AWS IAM Profile');
  item.command = 'iamPassword.selectProfile';
  item.text = '$(account) AWS';
  item.tooltip = l10n.t('AWS IAM Password: reading AWS profiles...');
  // For people who also run the AWS Toolkit, whose own profile item would say the same.
  const showOrHide = (): void => {
    if (settings().showStatusBarItem) {
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
    item.accessibilityInformation = {
      label: profile
        ? l10n.t('AWS profile {0}, {1}. Switch profile.', choice.name, profile.kindLabel)
        : l10n.t('AWS profile {0}, not found. Switch profile.', choice.name),
    };
    // Markdown: the translations' own text is markdown too; only values are escaped.
    const md = new vscode.MarkdownString(undefined, true);
    const paragraph = (text: string): void => {
      md.appendMarkdown(`${text}\n\n`);
    };
    paragraph(l10n.t({ message: '**AWS profile:** {0} _({1})_', args: [escape(choice.name), describeChoice(choice.reason)], comment: 'Markdown' }));
    if (profile) {
      paragraph(l10n.t({ message: '**Kind:** {0}', args: [profile.kindLabel], comment: 'Markdown' }));
      paragraph(escape(passwordAbilityLine(profile, store)));
      const region = profile.region ?? l10n.t('not set (IAM is global; us-east-1 is used)');
      paragraph(l10n.t({ message: '**Region:** {0}', args: [escape(region)], comment: 'Markdown' }));
      const files = [
        ...(profile.kind === 'env' ? [l10n.t({ message: 'environment variables', comment: 'Where a profile is defined' })] : []),
        ...profile.sourceFiles.map(escape),
      ].join(', ');
      paragraph(l10n.t({ message: '**Defined in:** {0}', args: [files], comment: 'Markdown' }));
      for (const problem of profile.problems) {
        paragraph(`$(warning) ${escape(problem)}`);
      }
    } else {
      paragraph(
        `$(warning) ${l10n.t('No profile named {0} in {1} or {2}.', escape(choice.name), escape(list.paths.configFile), escape(list.paths.credentialsFile))}`,
      );
    }
    md.appendMarkdown(l10n.t('Click to switch profile.'));
    item.tooltip = md;
    item.backgroundColor = profile ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
  };

  const subscription = store.onDidChange(render);
  const settingsChanged = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('iamPassword.profile')) {
      render();
    }
    if (e.affectsConfiguration('iamPassword.showStatusBarItem')) {
      showOrHide();
    }
  });
  render();
  return Object.assign(vscode.Disposable.from(item, subscription, settingsChanged), { item });
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}
