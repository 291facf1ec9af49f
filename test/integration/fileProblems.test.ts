import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import vscode = require('vscode');
import { delay, testApi, waitFor } from './driver';

/**
 * A change-password.json is checked by our diagnostics and, being JSON, by VS Code's JSON language
 * service (with the schema the manifest contributes): every problem must still be in the Problems
 * panel once, whichever of the two reports it.
 */
describe('change-password files: each problem once in Problems', function () {
  this.timeout(60_000);
  const written: vscode.Uri[] = [];

  before(async () => {
    await testApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of written) {
      fs.rmSync(file.fsPath, { force: true });
    }
  });

  async function open(name: string, text: string): Promise<vscode.Uri> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const file = vscode.Uri.joinPath(folder, name);
    fs.writeFileSync(file.fsPath, text);
    written.push(file);
    await vscode.window.showTextDocument(file, { preview: false });
    return file;
  }

  /** Every diagnostic of every source, as `line: source: message`, by line (0-based). */
  function byLine(file: vscode.Uri): Map<number, string[]> {
    const lines = new Map<number, string[]>();
    for (const d of vscode.languages.getDiagnostics(file)) {
      lines.set(d.range.start.line, [...(lines.get(d.range.start.line) ?? []), `${d.source ?? '(no source)'}: ${d.message}`]);
    }
    return lines;
  }

  function assertOncePerLine(file: vscode.Uri, expected: Record<number, RegExp>): void {
    const found = byLine(file);
    const all = JSON.stringify(Object.fromEntries(found), undefined, 1);
    assert.deepEqual([...found.keys()].sort(), Object.keys(expected).map(Number).sort(), `problems on other lines than expected: ${all}`);
    for (const [line, pattern] of Object.entries(expected)) {
      const here = found.get(Number(line)) ?? [];
      assert.equal(here.length, 1, `line ${Number(line) + 1} has ${here.length} diagnostics: ${all}`);
      assert.match(here[0], pattern);
    }
  }

  it('reports an unknown key, a wrong type, a too long value and a bad character once each, and an empty value not at all', async () => {
    const keys = await open('keys.change-password.json', '{\n    "OldPassword": 12,\n    "Bogus": "x",\n    "NewPassword": ""\n}\n');
    const values = await open('values.change-password.json', `{\n    "OldPassword": "${'a'.repeat(130)}",\n    "NewPassword": "ab\u0100c"\n}\n`);
    // Duplicate keys and syntax errors are the JSON service's own, whatever the schema: once it has
    // reported these, it has had its turn at the other files too.
    const duplicate = await open('duplicate.change-password.json', '{\n    "OldPassword": "a",\n    "OldPassword": "b"\n}\n');
    const syntax = await open('syntax.change-password.json', '{\n    "OldPassword": "x"\n    "NewPassword": ""\n}\n');
    const json = (file: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(file).filter((d) => d.source === 'json');
    await waitFor("the JSON service's diagnostics", () => json(duplicate).length >= 2 && json(syntax).length >= 1, 20_000);
    await waitFor('our diagnostics', () => vscode.languages.getDiagnostics(keys).length >= 2 && vscode.languages.getDiagnostics(values).length >= 2);
    await delay(1500);

    assertOncePerLine(keys, { 1: /^AWS IAM: Invalid type for parameter OldPassword/, 2: /^AWS IAM: Unknown parameter in input: "Bogus"/ });
    assertOncePerLine(values, { 1: /^AWS IAM: Current password: The password has 130 characters/, 2: /^AWS IAM: New password: Character 3 \(U\+0100\)/ });
    assertOncePerLine(duplicate, { 1: /^json: Duplicate object key/, 2: /^json: Duplicate object key/ });
    assertOncePerLine(syntax, { 2: /^json: Expected comma/ });
  });

  it('reports syntax errors itself when VS Code does not validate JSON', async () => {
    const syntax = await open('nojson.change-password.json', '{\n    "OldPassword": "x"\n    "NewPassword": ""\n}\n');
    await waitFor("the JSON service's syntax error", () => vscode.languages.getDiagnostics(syntax).some((d) => d.source === 'json'), 20_000);
    const json = vscode.workspace.getConfiguration('json');
    await json.update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('our syntax error instead', () => {
        const found = vscode.languages.getDiagnostics(syntax);
        return found.length === 1 && found[0].source === 'AWS IAM' && found[0].code === 'syntax';
      });
      assertOncePerLine(syntax, { 2: /^AWS IAM: Expected a comma$/ });
    } finally {
      await json.update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
