import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { session } from './session';
import { exactly } from './workbench';

/** Ticks or unticks the Show Status Bar Item checkbox in the Settings editor, as a person does. */
async function toggleShowStatusBarItem(): Promise<void> {
  const { workbench, page } = session();
  await workbench.runCommand('Preferences: Open Settings (UI)');
  await workbench.see(page.locator('.settings-editor'), 'the Settings editor');
  await workbench.type('iamPassword.showStatusBarItem');
  const setting = page.locator('.settings-editor .setting-item-contents', { hasText: 'Show Status Bar Item' });
  await (await workbench.see(setting.locator('.setting-value-checkbox'), 'the Show Status Bar Item checkbox')).click();
}

describe('The profile in the status bar', () => {
  it('click lists the profiles, each saying whether it can change a password; picking another shows it in the status bar', async () => {
    const { workbench, page, screenshots } = session();
    await workbench.useProfile('default');

    await workbench.profileItem.click();
    await workbench.see(workbench.quickInputTitle.filter({ hasText: exactly('AWS IAM: Switch Profile') }), 'the Switch Profile picker');
    const input = page.locator('.quick-input-widget input');
    assert.match(
      (await input.getAttribute('placeholder')) ?? '',
      /^Current: default \((the default|picked with Switch Profile)\)\. Profiles from \S+\/config and \S+\/credentials$/,
    );
    await workbench.see(workbench.quickInputRow('default'), 'the list of profiles');
    const labels = await workbench.quickInputLabels();
    for (const name of ['default', 'alice', 'bob']) {
      assert.ok(labels.includes(name), `the picker lists profile ${name}: ${labels.join(', ')}`);
    }
    const checked = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name .codicon-check') });
    assert.equal(await checked.count(), 1, 'one profile is checked');
    assert.equal(
      await workbench
        .quickInputRow('default')
        .filter({ has: page.locator('.codicon-check') })
        .count(),
      1,
      'the checked profile is the current one, default',
    );
    assert.match(await workbench.quickInputRow('alice').innerText(), /Access keys: can change the password if they are an IAM user's/);
    await screenshots.take('status-bar-picker', 'status-bar-picker');
    // The list shows only the rows in view; typing filters it, as a person would.
    await workbench.type('readonly-role');
    assert.match(await workbench.quickInputRow('readonly-role').innerText(), /Cannot change a password: signs in as a role/);

    await workbench.switchProfile('bob');
    assert.equal(await workbench.profileText(), 'bob');
    await screenshots.take('status-bar-bob');
  });

  it('offers the way back to the default profile once one was picked', async () => {
    const { workbench } = session();
    await workbench.useProfile('bob');
    await workbench.profileItem.click();
    await workbench.clickQuickInputItem('Use the default profile: default');
    await workbench.see(workbench.profileItem.filter({ hasText: exactly('default') }), 'the status bar back on default');
    await workbench.profileItem.click();
    await workbench.see(workbench.quickInputRow('default'), 'the list of profiles');
    assert.ok(
      !(await workbench.quickInputLabels()).some((label) => label.startsWith('Use the default profile')),
      'nothing is picked, so no way back is offered',
    );
    await workbench.closeQuickInput();
  });

  it("the file button on a profile opens its file at the profile's section", async () => {
    const { workbench, page, run } = session();
    const configFile = path.join(run.dirs.awsDir, 'config');
    const line = fs.readFileSync(configFile, 'utf8').split('\n').indexOf('[profile alice]') + 1;
    assert.ok(line > 0, 'the config file has [profile alice]');
    await workbench.profileItem.click();
    const row = await workbench.see(workbench.quickInputRow('alice'), 'the alice row');
    await row.hover();
    await (await workbench.see(row.locator('.action-label.codicon-go-to-file'), 'the file button on the alice row')).click();
    await workbench.see(page.locator('.tabs-container .tab', { hasText: exactly('config') }), 'the config file in an editor');
    await workbench.see(page.locator('.statusbar-item', { hasText: exactly(`Ln ${line}, Col 1`) }), `the cursor on line ${line}`);
    await workbench.runCommand('View: Close All Editors');
  });

  it('iamPassword.showStatusBarItem hides the item, for those who run the AWS Toolkit too', async () => {
    const { workbench } = session();
    await toggleShowStatusBarItem();
    await workbench.seeGone(workbench.profileItem, 'the status bar item hidden');
    await toggleShowStatusBarItem();
    await workbench.see(workbench.profileItem, 'the status bar item back');
    await workbench.runCommand('View: Close All Editors');
  });
});
