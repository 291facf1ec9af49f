// Clear Passwords after a change from a saved change-password file: the question stays on screen
// while the person does other things, so the answer must clear the file as it is then.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { Driver, testApi, waitFor } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { PASSWORDS } from './passwords';

/** The editor tabs showing `uri`, in every group. */
function tabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
}

const isOpen = (uri: vscode.Uri): boolean => vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());

/**
 * What VS Code does to a document no tab shows after 3 minutes: it closes it. It does so sooner once
 * 50 newer documents were opened (MainThreadDocuments keeps at most that many), which is how this waits less.
 */
async function untilClosedByVsCode(uri: vscode.Uri): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iampw-other-documents-'));
  try {
    for (let i = 0; i < 200 && isOpen(uri); i++) {
      const other = path.join(dir, `${i}.txt`);
      fs.writeFileSync(other, '');
      await vscode.workspace.openTextDocument(other);
    }
    await waitFor('VS Code to close the document', () => !isOpen(uri));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Clear Passwords after a change from a saved file', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let driver: Driver;

  before(async () => {
    api = await testApi();
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('clears the file as it is on disk when, while the "clear the passwords" question was on screen, its tab was closed, the file rewritten elsewhere, and VS Code closed the document', async () => {
    const { emulator } = account();
    await api.store.pick('alice');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? assert.fail('the test VS Code has no workspace folder');
    const file = vscode.Uri.joinPath(folder, 'closed-tab.change-password.json');
    fs.writeFileSync(file.fsPath, JSON.stringify({ OldPassword: PASSWORDS.aliceInitial, NewPassword: PASSWORDS.fromFile }, null, 4));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    assert.equal(tabsOf(file).length, 1, 'the file is open in a tab');
    let tabsWhenAnswered: number | undefined;
    let closedWhenAnswered = false;
    const rewritten = `// rotated by hand\n${JSON.stringify({ OldPassword: PASSWORDS.aliceInitial, NewPassword: PASSWORDS.fromFile }, null, 2)}\n`;
    driver.answerNotification(/^Send the new password from closed-tab\.change-password\.json/, 'Send');
    driver.answerNotification(/Clear them from the file\?/, 'Clear Passwords', {
      first: async () => {
        await vscode.window.tabGroups.close(tabsOf(file));
        tabsWhenAnswered = await waitFor('the tab to close', () => (tabsOf(file).length === 0 ? 0 : undefined));
        // Then changed elsewhere (another editor, a checkout): what is cleared must be this text, not the closed tab's.
        fs.writeFileSync(file.fsPath, rewritten);
        await untilClosedByVsCode(file);
        closedWhenAnswered = !isOpen(file);
      },
    });
    try {
      await vscode.commands.executeCommand('iamPassword.changePasswordFromFile', file);
      assert.equal(emulator.passwordOf('alice'), PASSWORDS.fromFile);
      assert.equal(tabsWhenAnswered, 0, 'the question was answered after its tab was closed');
      assert.ok(closedWhenAnswered, 'the question was answered after VS Code closed the document');
      // Both values emptied, every other byte of the rewritten file kept.
      assert.equal(fs.readFileSync(file.fsPath, 'utf8'), rewritten.replace(PASSWORDS.aliceInitial, '').replace(PASSWORDS.fromFile, ''));
      assert.equal(driver.notification(/Could not clear/), undefined, JSON.stringify(driver.notifications));
      assert.equal(tabsOf(file).length, 0, 'clearing opened no tab');
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
