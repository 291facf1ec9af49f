import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { describeChoice } from '../profiles/profileChoice';
import { passwordExpiry, type PasswordExpiry } from '../password/passwordExpiry';
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
    const expiry = profile && expiryOf(store, profile.name);
    item.text = `$(account) ${choice.name}${expiry?.soon ? ' $(warning)' : ''}`;
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
      if (expiry) {
        paragraph(`${expiry.soon ? '$(warning) ' : ''}${expiryWords(expiry)}`);
      }
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
    item.backgroundColor = profile && !expiry?.soon ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
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

/** From the last change made here and the policy's MaxPasswordAge (the one read now, else the one at that change). */
function expiryOf(store: ProfileStore, profileName: string): PasswordExpiry | undefined {
  const change = store.passwordChange(profileName);
  const policy = store.policy(profileName);
  const readNow = policy?.kind === 'account' ? (policy.policy.ExpirePasswords ? policy.policy.MaxPasswordAge : undefined) : undefined;
  // AWS's default policy lets passwords live for ever; an unknown policy leaves the one read at the change.
  const maxAge = policy?.kind === 'account' || policy?.kind === 'default' ? readNow : change?.maxPasswordAge;
  return passwordExpiry(change && new Date(change.changedAt), maxAge, new Date());
}

function expiryWords({ changedAt, expiresAt, daysLeft }: PasswordExpiry): string {
  const [changed, expires] = [changedAt, expiresAt].map((date) => date.toLocaleDateString());
  return daysLeft < 0
    ? l10n.t('**Password:** changed here on {0}; it expired on {1}. Change it now.', changed, expires)
    : l10n.t({
        message: '**Password:** changed here on {0}; it expires on {1}, in {2} days.',
        args: [changed, expires, daysLeft],
        comment: 'Markdown',
      });
}
