// Restricted Mode for real: a second VS Code, started with workspace trust on, whose folder the person
// declines to trust at the prompt. (The integration suite's VS Code runs with trust off, so there it
// can only pretend.) The tests run in order in that one window.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { passwordName, PASSWORDS, passwordsOnDisk } from './passwords';
import { ACCOUNT_ID, extensionLog, LOG_CHANNEL, openSession, session, SESSION_START_TIMEOUT_MS, useSession, type E2eSession } from './session';
import { eventually, exactly } from './workbench';

const FROM_FILE = 'Change Password Using This File';
const ASK_BEFORE_SENDING = 'This workspace is not trusted. Send the new password from change-password.json to AWS IAM with profile default?';
/** The user's iamPassword.clipboardClearSeconds in this window; the workspace says 0 (never clear), the default is 30. */
const USER_CLEAR_SECONDS = 2;
/** Typed into a file and saved in this window; not one of PASSWORDS, since it is on disk by design until the test deletes it. */
const TYPED_INTO_A_FILE = 'Typed-Into-A-File-31';

/** Every file under `dir` whose bytes contain `text`, relative to `dir`. */
function filesHolding(dir: string, text: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => {
    const full = path.join(dir, file);
    return fs.statSync(full).isFile() && fs.readFileSync(full).includes(text);
  });
}

/** Opens `file` from the Explorer, types `text` at its end and saves it with Ctrl+S, as a person does. */
async function typeAndSave(file: string, text: string): Promise<void> {
  const { workbench, page } = session();
  await (await workbench.see(workbench.explorerRow(file), `${file} in the Explorer`)).click();
  const editor = page.locator('.editor-instance .monaco-editor .view-lines');
  await (await workbench.see(editor, `the editor of ${file}`)).click();
  await workbench.press('Control+End');
  await workbench.type(text);
  await workbench.press('Escape');
  await workbench.press('Control+S');
}

function changePasswordRequests(): number {
  return session().emulator.requests.filter((request) => request.action === 'ChangePassword').length;
}

/** What reached the emulator after the first `count` requests, as "service Action" lines. */
function requestsAfter(count: number): string[] {
  return session()
    .emulator.requests.slice(count)
    .map((request) => `${request.service} ${request.action ?? '?'}`);
}

describe('In a workspace VS Code does not trust (Restricted Mode)', () => {
  let restricted: E2eSession | undefined;
  let restoreSuiteSession: (() => void) | undefined;
  let failed = false;

  before(async function () {
    this.timeout(SESSION_START_TIMEOUT_MS + 30_000);
    const startedAt = Date.now();
    restricted = await openSession({
      name: 'e2e-untrusted',
      readyTimeoutMs: SESSION_START_TIMEOUT_MS,
      workspaceTrust: true,
      browser: session().browser,
      userSettings: { 'iamPassword.clipboardClearSeconds': USER_CLEAR_SECONDS },
    });
    restoreSuiteSession = useSession(restricted);
    console.log(`    second VS Code (workspace trust on) ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; run folder ${restricted.run.dirs.root}`);
  });

  afterEach(function () {
    failed ||= this.currentTest?.state === 'failed';
  });

  after(async () => {
    restoreSuiteSession?.();
    await restricted?.run.close({ keep: failed });
  });

  it('VS Code asks whether to trust the folder, and "No" turns Restricted Mode on', async () => {
    const { workbench, screenshots } = session();
    await workbench.declineWorkspaceTrust();
    await screenshots.take('restricted-mode');
    // Only now: the trust prompt is modal, and the log level is set through the command palette.
    await workbench.setLogLevel(LOG_CHANNEL, 'Trace');
  });

  it('still validates a change-password file: a bad value gets its diagnostic and error, no question, nothing sent', async () => {
    const { workbench, page, run, emulator, screenshots } = session();
    const before = emulator.requests.length;
    fs.writeFileSync(path.join(run.dirs.workspaceDir, 'bad.change-password.json'), '{\n    "OldPassword": "",\n    "NewPassword": 12345678\n}\n');
    await (await workbench.see(workbench.explorerRow('bad.change-password.json'), 'bad.change-password.json in the Explorer')).click();
    // The Problems panel, opened from its status bar item, shows the extension's diagnostic.
    await page.locator('#status\\.problems').click();
    const diagnostic = page.locator('.markers-panel .monaco-list-row').filter({
      has: page.locator('.marker-source', { hasText: exactly('AWS IAM') }),
    });
    await workbench.see(diagnostic.filter({ hasText: 'Invalid type for parameter NewPassword' }), "the extension's diagnostic in the Problems panel");

    await workbench.chooseMenuItem(await workbench.explorerMenuItem('bad.change-password.json', FROM_FILE));
    const error = await workbench.see(workbench.toast('Invalid type for parameter NewPassword'), 'the validation error');
    assert.equal(await workbench.toastSeverity(error), 'error');
    await workbench.expandToast(error);
    assert.equal(
      (await error.locator('.notification-list-item-message').innerText()).trim(),
      "bad.change-password.json line 3, column 20: Invalid type for parameter NewPassword, type: <class 'int'>, " +
        "valid types: <class 'str'> (put the value in quotes). Nothing was sent.",
    );
    await screenshots.take('untrusted-invalid-file');
    assert.equal(await workbench.dialog('This workspace is not trusted').count(), 0, 'an invalid file is refused before any question');
    assert.deepEqual(requestsAfter(before), [], 'nothing reached IAM or STS');
  });

  it('asks before sending a valid file, and Cancel sends nothing', async () => {
    const { workbench, emulator, screenshots } = session();
    const before = emulator.requests.length;
    await workbench.chooseMenuItem(await workbench.explorerMenuItem('change-password.json', FROM_FILE));
    const ask = await workbench.see(workbench.dialog(ASK_BEFORE_SENDING), 'the question before sending');
    assert.deepEqual(requestsAfter(before), [], 'nothing, not even the identity preflight, before the answer');
    assert.equal((await ask.locator('.dialog-message-detail').innerText()).trim(), 'The file was validated; nothing has been sent yet.');
    await screenshots.take('untrusted-ask-before-sending');
    await workbench.dialogButton(ask, 'Cancel').click();
    await workbench.seeGone(ask, 'the question before sending');

    assert.deepEqual(requestsAfter(before), [], 'nothing reached IAM or STS');
    assert.equal(passwordName(emulator.passwordOf('alice')), 'seeded', "IAM still has alice's seeded password");
    assert.deepEqual(await workbench.visibleToasts(), [], 'Cancel is no error');
  });

  it('changes the password when the person chooses Send', async () => {
    const { workbench, emulator, screenshots } = session();
    await workbench.chooseMenuItem(await workbench.explorerMenuItem('change-password.json', FROM_FILE));
    const ask = await workbench.see(workbench.dialog(ASK_BEFORE_SENDING), 'the question before sending');
    await workbench.dialogButton(ask, 'Send').click();

    const success = await workbench.see(workbench.toast(`Password changed for IAM user alice in account ${ACCOUNT_ID}`), 'the success notification');
    assert.equal(await workbench.toastSeverity(success), 'info');
    assert.equal(passwordName(emulator.passwordOf('alice')), 'fromFile', "IAM (the emulator) has the file's NewPassword");
    assert.equal(changePasswordRequests(), 1, 'one ChangePassword in all: the cancelled attempt sent none');
    await screenshots.take('untrusted-sent');
    const offer = await workbench.see(workbench.toast('Clear them from the file?'), 'the offer to clear the passwords from the file');
    await workbench.toastButton(offer, 'Clear Passwords').click();
    await workbench.seeGone(offer, 'the offer to clear the passwords');
  });

  it("saves a file with a password in a git repository without running git (the repository's core.fsmonitor never runs), and Local History keeps no copy of it", async () => {
    const { workbench, run } = session();
    const folder = run.dirs.workspaceDir;
    const marker = path.join(run.dirs.root, 'fsmonitor-ran');
    const hook = path.join(run.dirs.root, 'fsmonitor.sh');
    fs.writeFileSync(hook, `#!/bin/sh\necho ran >> '${marker}'\nexit 1\n`, { mode: 0o755 });
    execFileSync('git', ['init', '-q'], { cwd: folder });
    execFileSync('git', ['config', 'core.fsmonitor', hook], { cwd: folder });
    fs.writeFileSync(path.join(folder, 'saved.change-password.yaml'), '# typed below\n');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'notes\n');

    await typeAndSave('saved.change-password.yaml', `NewPassword: ${TYPED_INTO_A_FILE}`);
    const warning = await workbench.see(workbench.toast('saved.change-password.yaml now holds a password on disk'), 'the warning after saving a password');
    assert.equal(await workbench.toastButton(warning, 'Add to .gitignore').count(), 0, 'no git, so no offer to git-ignore');
    await typeAndSave('saved.change-password.yaml', '9');
    // The control: Local History is on in this window, and keeps a copy of every save of another file.
    await typeAndSave('notes.txt', 'history-control-7');
    await typeAndSave('notes.txt', '8');
    const userData = run.dirs.userDataDir;
    await eventually(() => filesHolding(userData, 'history-control-78').length > 0, 'Local History to keep a copy of notes.txt');
    assert.match(fs.readFileSync(path.join(folder, 'saved.change-password.yaml'), 'utf8'), new RegExp(`${TYPED_INTO_A_FILE}9`), 'both saves reached the disk');

    assert.deepEqual(filesHolding(userData, TYPED_INTO_A_FILE), [], 'a copy of the change-password file in the user data folder (Local History)');
    assert.equal(fs.existsSync(marker), false, "the repository's core.fsmonitor ran: something ran git");
    // The fixture is live: git itself, asked what the extension used to ask, runs the hook.
    try {
      execFileSync('git', ['check-ignore', '-q', '--', 'saved.change-password.yaml'], { cwd: folder });
    } catch {
      // Exit 1: not ignored.
    }
    assert.equal(fs.existsSync(marker), true, 'git check-ignore runs core.fsmonitor (the hook the extension must not trigger)');
    fs.rmSync(path.join(folder, 'saved.change-password.yaml'));
  });

  it("ignores the workspace's iamPassword.profile in Restricted Mode (restrictedConfigurations), while it applies the same file's window.title", async () => {
    const { workbench, page, run } = session();
    const workspaceSettings = path.join(run.dirs.workspaceDir, '.vscode', 'settings.json');
    assert.equal(await workbench.profileText(), 'default', 'precondition: no profile set anywhere');
    fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
    fs.writeFileSync(workspaceSettings, JSON.stringify({ 'window.title': 'settings-read-${folderName}', 'iamPassword.profile': 'bob' }));
    // The control: VS Code read the file and applied a setting nobody restricts.
    await eventually(async () => (await page.title()).includes('settings-read-workspace'), "the workspace's window.title in the page title");
    // A trusted window would now show bob: the status bar follows iamPassword.profile at once.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(await workbench.profileText(), 'default', "the workspace's iamPassword.profile was applied in Restricted Mode");
    fs.rmSync(path.dirname(workspaceSettings), { recursive: true });
  });

  it("ignores the workspace's iamPassword.clipboardClearSeconds of 0 in Restricted Mode: Copy New Password is cleared after the user's 2 s", async () => {
    const { workbench, page, run, emulator, screenshots } = session();
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    // Every setting VS Code ignores here, set as a hostile workspace would; the profile and the clipboard are the ones seen.
    const hostile: Record<string, unknown> = {
      'iamPassword.profile': 'bob',
      'iamPassword.connectTimeoutSeconds': 1,
      'iamPassword.readTimeoutSeconds': 1,
      'iamPassword.maxAttempts': 10,
      'iamPassword.checkPasswordPolicy': false,
      'iamPassword.syncTerminalProfile': true,
      'iamPassword.clipboardClearSeconds': 0,
    };
    assert.deepEqual(
      Object.keys(hostile).sort(),
      [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
      'the workspace sets every restricted setting',
    );
    const workspaceSettings = path.join(run.dirs.workspaceDir, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
    fs.writeFileSync(workspaceSettings, JSON.stringify({ 'window.title': 'clipboard-settings-read-${folderName}', ...hostile }));
    // The control: VS Code has read the file before the change starts.
    await eventually(async () => (await page.title()).includes('clipboard-settings-read-workspace'), "the workspace's window.title in the page title");
    assert.equal(await workbench.profileText(), 'default', "the workspace's iamPassword.profile was applied");
    const current = emulator.passwordOf('alice');
    assert.ok(current, 'alice has a console password');
    // IAM applies the change and the connection breaks before its answer: "may have changed", with Copy New Password.
    emulator.injectFault({ kind: 'resetAfterApply', action: 'ChangePassword' });

    await workbench.runCommand('AWS IAM: Change Password...');
    await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
    await workbench.type(current);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('New password'), 'the new-password box');
    await workbench.type(PASSWORDS.copied);
    await workbench.press('Enter');
    await workbench.see(workbench.passwordBox('Confirm new password'), 'the confirm box');
    await workbench.type(PASSWORDS.copied);
    await workbench.press('Enter');
    const warning = await workbench.see(workbench.toast('The change may have happened'), 'the may-have-changed warning');
    assert.equal(passwordName(emulator.passwordOf('alice')), 'copied', 'IAM (the emulator) applied the change');
    await workbench.toastButton(warning, 'Copy New Password').click();
    const copiedAt = Date.now();
    await eventually(async () => (await workbench.clipboardText()) === PASSWORDS.copied, 'the new password on the clipboard', 5_000);
    await screenshots.take('untrusted-copied-new-password');
    // The workspace's 0 would never clear it, the default 30 s would take longer than this wait.
    await eventually(async () => (await workbench.clipboardText()) === '', `the clipboard cleared after the user's ${USER_CLEAR_SECONDS} s`, 15_000);
    const clearedAfterMs = Date.now() - copiedAt;
    assert.ok(clearedAfterMs >= USER_CLEAR_SECONDS * 1000 - 500, `cleared ${clearedAfterMs} ms after the copy, before the user's ${USER_CLEAR_SECONDS} s`);
    fs.rmSync(path.dirname(workspaceSettings), { recursive: true });
  });

  it("leaves no password in any file of this window's run, with the log at Trace", async () => {
    const { run } = session();
    assert.match(extensionLog(), /\[trace\]/, 'the extension logged at Trace');
    // Clearing edits and saves the file; give the save a moment to reach the disk.
    for (const until = Date.now() + 10_000; passwordsOnDisk(run.dirs.root).length > 0 && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(passwordsOnDisk(run.dirs.root), []);
  });
});
