import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { delay, Driver, testApi, waitFor } from './driver';

// What AWS CLI v2 prints for --generate-cli-skeleton input / yaml-input (see the unit tests).
const CLI_JSON = '{\n    "OldPassword": "",\n    "NewPassword": ""\n}\n';
const CLI_YAML = "OldPassword: ''  # [REQUIRED] The IAM user's current password.\nNewPassword: '' # [REQUIRED] The new password.\n";

describe('change-password files', function () {
  this.timeout(30_000);
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
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const [label, expected, language] of [
    ['JSON', CLI_JSON, 'json'],
    ['YAML', CLI_YAML, 'yaml'],
  ] as const) {
    it(`Generate Skeleton (${label}) opens the CLI's text in an untitled editor`, async () => {
      const done = vscode.commands.executeCommand<vscode.TextDocument | undefined>('iamPassword.generateSkeleton');
      await driver.choose(await driver.nextQuickPick(), new RegExp(`^${label}$`));
      const document = await done;
      assert.ok(document, 'no document was opened');
      assert.equal(document.isUntitled, true);
      assert.equal(document.getText(), expected);
      assert.equal(document.languageId, language);
      assert.match(document.uri.path, /change-password\.(json|yaml)$/);
    });
  }

  for (const [label, expected, format] of [
    ['JSON', CLI_JSON, 'json'],
    ['YAML', CLI_YAML, 'yaml'],
  ] as const) {
    it(`Generate Skeleton (${label}) opens a free name when change-password.${format} is taken, on disk or in an untitled tab`, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
      const existing = vscode.Uri.joinPath(folder, `change-password.${format}`);
      const kept = format === 'json' ? '{ "OldPassword": "kept" }\n' : 'OldPassword: kept\n';
      fs.writeFileSync(existing.fsPath, kept);
      const generate = async (): Promise<vscode.TextDocument> => {
        const done = vscode.commands.executeCommand<vscode.TextDocument | undefined>('iamPassword.generateSkeleton');
        await driver.choose(await driver.nextQuickPick(), new RegExp(`^${label}$`));
        const document = await done;
        assert.ok(document, 'no document was opened');
        return document;
      };
      const opened: vscode.TextDocument[] = [];
      try {
        opened.push(await generate());
        // The name on disk is taken; with that one still open in an untitled tab, the next name too.
        opened.push(await generate());
        assert.deepEqual(
          opened.map((d) => [d.uri.scheme, d.uri.path.split('/').pop(), d.getText(), d.languageId]),
          [
            ['untitled', `2.change-password.${format}`, expected, format],
            ['untitled', `3.change-password.${format}`, expected, format],
          ],
        );
        assert.equal(vscode.window.activeTextEditor?.document, opened[1]);
        assert.deepEqual(
          driver.notifications.filter((n) => n.severity === 'error'),
          [],
        );
        assert.equal(fs.readFileSync(existing.fsPath, 'utf8'), kept, 'the file on disk was touched');

        // The extension treats the new name as a change-password file: CodeLens and diagnostics.
        let lens: vscode.CodeLens | undefined;
        for (let i = 0; i < 40 && !lens; i++) {
          const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', opened[1].uri);
          lens = found?.find((l) => l.command?.title.includes('Change password with profile'));
          await delay(lens ? 0 : 100);
        }
        assert.ok(lens, 'no CodeLens on the new skeleton');
        const editor = await vscode.window.showTextDocument(opened[1]);
        await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), format === 'json' ? '' : 'Bogus: x\n'));
        if (format === 'json') {
          await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), '    "Bogus": "x",\n'));
        }
        const unknown = await waitFor('a diagnostic on the new skeleton', () =>
          vscode.languages.getDiagnostics(opened[1].uri).find((d) => d.source === 'AWS IAM' && d.message.startsWith('Unknown parameter in input: "Bogus"')),
        );
        assert.equal(unknown.range.start.line, format === 'json' ? 1 : 0);
      } finally {
        for (const document of opened) {
          await vscode.window.showTextDocument(document);
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        }
        fs.rmSync(existing.fsPath, { force: true });
      }
    });
  }

  it('from a folder writes change-password.json there, and never overwrites without asking', async () => {
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri, 'skeleton-target');
    fs.mkdirSync(folder.fsPath, { recursive: true });
    const target = vscode.Uri.joinPath(folder, 'change-password.json');
    try {
      const first = vscode.commands.executeCommand<vscode.TextDocument | undefined>('iamPassword.generateSkeleton', folder);
      await driver.choose(await driver.nextQuickPick(), /^JSON$/);
      assert.equal((await first)?.uri.fsPath, target.fsPath);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), CLI_JSON);

      fs.writeFileSync(target.fsPath, '{ "OldPassword": "keep me" }');
      const second = vscode.commands.executeCommand<vscode.TextDocument | undefined>('iamPassword.generateSkeleton', folder);
      await driver.choose(await driver.nextQuickPick(), /^JSON$/);
      assert.equal(await second, undefined);
      const asked = driver.notification(/already exists/);
      assert.ok(asked, JSON.stringify(driver.notifications));
      assert.deepEqual(asked.items, ['Replace']);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), '{ "OldPassword": "keep me" }');
    } finally {
      fs.rmSync(folder.fsPath, { recursive: true, force: true });
    }
  });

  it('warns once when a change-password file holding a password is saved in the workspace', async () => {
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri, 'saved.change-password.json');
    fs.writeFileSync(file.fsPath, CLI_JSON);
    try {
      const editor = await vscode.window.showTextDocument(file);
      await editor.edit((edit) => edit.replace(new vscode.Range(1, 0, 1, 22), '    "OldPassword": "x1",'));
      await editor.document.save();
      const warning = await waitFor('the save warning', () => driver.notification(/now holds a password on disk/));
      assert.equal(warning.severity, 'warning');
      await editor.edit((edit) => edit.replace(new vscode.Range(1, 0, 1, 24), '    "OldPassword": "x2",'));
      await editor.document.save();
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(driver.notifications.filter((n) => /now holds a password on disk/.test(n.message)).length, 1);
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  it('puts the "Change password with profile" CodeLens on change-password files only', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const ours = vscode.Uri.joinPath(folder, 'lens.change-password.yaml');
    const other = vscode.Uri.joinPath(folder, 'lens-other.json');
    fs.writeFileSync(ours.fsPath, CLI_YAML);
    fs.writeFileSync(other.fsPath, CLI_JSON);
    try {
      await vscode.workspace.openTextDocument(other);
      await vscode.window.showTextDocument(ours);
      const titles = async (uri: vscode.Uri): Promise<string[]> =>
        ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).map((l) => l.command?.title ?? '');
      // The provider registers when the first change-password file opens, so ask until it answers.
      let found: string[] = [];
      for (let i = 0; i < 40 && found.length === 0; i++) {
        found = (await titles(ours)).filter((t) => t.includes('Change password with profile'));
        await delay(100);
      }
      assert.equal(found.length, 1, 'no CodeLens on a change-password file');
      assert.deepEqual(
        (await titles(other)).filter((t) => t.includes('Change password')),
        [],
      );
    } finally {
      fs.rmSync(ours.fsPath, { force: true });
      fs.rmSync(other.fsPath, { force: true });
    }
  });

  it('shows diagnostics with exact ranges for a bad change-password.json', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const file = vscode.Uri.joinPath(folder, 'diag.change-password.json');
    fs.writeFileSync(file.fsPath, '{\n    "OldPassword": 12,\n    "Bogus": ""\n}\n');
    try {
      await vscode.window.showTextDocument(file);
      const diagnostics = await waitFor('diagnostics', () => {
        const found = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'AWS IAM');
        return found.length >= 2 ? found : undefined;
      });
      const unknown = diagnostics.find((d) => d.message.startsWith('Unknown parameter in input: "Bogus"'));
      assert.ok(unknown, diagnostics.map((d) => d.message).join('\n'));
      assert.deepEqual([unknown.range.start.line, unknown.range.start.character], [2, 4]);
      const type = diagnostics.find((d) => /Invalid type for parameter OldPassword/.test(d.message));
      assert.ok(type, diagnostics.map((d) => d.message).join('\n'));
      assert.equal(type.range.start.line, 1);
      assert.ok(!type.message.includes('12'), 'the diagnostic repeats the value');
    } finally {
      fs.rmSync(file.fsPath, { force: true });
    }
  });
});
