import assert from 'node:assert/strict';
import { session } from './session';
import { exactly } from './workbench';

describe('The profile in the status bar', () => {
  it('click lists the profiles; picking another shows it in the status bar', async () => {
    const { workbench, page, screenshots } = session();
    await workbench.useProfile('default');

    await workbench.profileItem.click();
    await workbench.see(workbench.quickInputTitle.filter({ hasText: exactly('AWS IAM: Switch Profile') }), 'the Switch Profile picker');
    const input = page.locator('.quick-input-widget input');
    assert.match(await input.getAttribute('placeholder') ?? '', /^Current: default\. Profiles from \S+\/config and \S+\/credentials$/);
    await workbench.see(workbench.quickInputRow('default'), 'the list of profiles');
    const labels = await workbench.quickInputLabels();
    for (const name of ['default', 'alice', 'bob']) {
      assert.ok(labels.includes(name), `the picker lists profile ${name}: ${labels.join(', ')}`);
    }
    const checked = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name .codicon-check') });
    assert.equal(await checked.count(), 1, 'one profile is checked');
    assert.equal(
      await workbench.quickInputRow('default').filter({ has: page.locator('.codicon-check') }).count(),
      1,
      'the checked profile is the current one, default',
    );
    await screenshots.take('status-bar-picker', 'status-bar-picker');

    await workbench.clickQuickInputItem('bob');
    await workbench.see(workbench.profileItem.filter({ hasText: exactly('bob') }), 'the status bar showing bob');
    assert.equal(await workbench.profileText(), 'bob');
    await screenshots.take('status-bar-bob');
  });
});
