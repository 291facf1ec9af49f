// When the password expires: known from the day this extension changed it and the policy's MaxPasswordAge, never guessed.
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';

describe('Password expiry in the status bar', function () {
  this.timeout(60_000);
  useEmulatorAccount();
  let api: TestApi;
  const DAY_MS = 24 * 60 * 60 * 1000;
  const tooltip = (): string => (api.statusBarItem.tooltip as vscode.MarkdownString).value;

  before(async () => {
    api = await testApi();
  });

  after(async () => {
    await api.store.pick(undefined);
  });

  it('with a change made here 80 days ago and a 90-day policy: the expiry date in the tooltip, and a warning at 15 days or fewer; nothing where it is unknown', async () => {
    const policy = { ExpirePasswords: true, MaxPasswordAge: 90, MinimumPasswordLength: 12 };
    api.store.setPolicy('bob', { kind: 'account', policy });
    await api.store.pick('bob');
    await waitFor('the status bar on bob', () => api.statusBarItem.text === '$(account) bob' || undefined);
    assert.doesNotMatch(tooltip(), /Password:\*\* changed here/, 'no change made here: the expiry is unknown, and nothing is said');
    assert.equal(api.statusBarItem.backgroundColor, undefined);

    const changedAt = new Date(Date.now() - 80 * DAY_MS);
    await api.store.recordPasswordChange('arn:aws:iam::123456789012:user/bob', { profile: 'bob', changedAt: changedAt.toISOString(), maxPasswordAge: 90 });
    await waitFor('the warning', () => api.statusBarItem.text === '$(account) bob $(warning)' || undefined);
    const expires = new Date(changedAt.getTime() + 90 * DAY_MS).toLocaleDateString();
    assert.ok(
      tooltip().includes(`$(warning) **Password:** changed here on ${changedAt.toLocaleDateString()}; it expires on ${expires}, in 9 days.`),
      tooltip(),
    );
    assert.deepEqual(api.statusBarItem.backgroundColor, new vscode.ThemeColor('statusBarItem.warningBackground'));

    await api.store.recordPasswordChange('arn:aws:iam::123456789012:user/bob', {
      profile: 'bob',
      changedAt: new Date(Date.now() - 10 * DAY_MS).toISOString(),
      maxPasswordAge: 90,
    });
    await waitFor('no warning 80 days ahead', () => api.statusBarItem.text === '$(account) bob' || undefined);
    assert.match(tooltip(), /it expires on .*, in 79 days\./);
    assert.equal(api.statusBarItem.backgroundColor, undefined);
  });
});
