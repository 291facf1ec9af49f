import assert from 'node:assert/strict';
import { session } from './session';

const TITLE = 'AWS IAM: Change Password Using This File';

describe('Change Password Using This File, in the command palette', () => {
  it('is offered while a change-password file is the active editor, not with another file (a resourceFilename when-clause)', async () => {
    const { workbench } = session();
    let seen = '';
    const offered = async (): Promise<boolean> => {
      await workbench.closeQuickInput();
      await workbench.press('F1');
      await workbench.type(TITLE);
      // The palette filters as it is typed; give it the time to show a match before asking.
      const row = workbench.quickInputRow(TITLE);
      const shown: boolean = await row
        .first()
        .waitFor({ state: 'visible', timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      const labels = (await workbench.quickInputLabels()).join(' | ');
      const tabs = (await workbench.page.locator('.tab').allInnerTexts()).join(' | ');
      await workbench.closeQuickInput();
      seen = `palette rows: ${labels}; tabs: ${tabs}`;
      return shown;
    };

    await workbench.closeQuickInput();
    await workbench.press('Control+P');
    await workbench.acceptQuickInputItem('change-password.json');
    await workbench.see(workbench.page.locator('.tab.active', { hasText: 'change-password.json' }), 'change-password.json in the active tab');
    assert.equal(await offered(), true, `not offered with change-password.json in the editor (${seen})`);

    await workbench.runCommand('File: New Untitled Text File');
    await workbench.see(workbench.page.locator('.tab.active', { hasText: 'Untitled-1' }), 'an untitled file in the active tab');
    assert.equal(await offered(), false, `offered with another file in the editor (${seen})`);

    await workbench.runCommand('View: Close All Editors');
  });
});
