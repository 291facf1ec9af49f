import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  contributes: { commands: { command: string }[] };
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

/** Every module file loaded through `root` (its require graph), root excluded. */
function modulesLoadedBy(root: NodeJS.Module): string[] {
  const seen = new Set<NodeJS.Module>([root]);
  const pending = [...root.children];
  while (pending.length > 0) {
    const module = pending.pop() as NodeJS.Module;
    if (!seen.has(module)) {
      seen.add(module);
      pending.push(...module.children);
    }
  }
  seen.delete(root);
  return [...seen].map((module) => module.filename);
}

describe('Activation', () => {
  let extension: vscode.Extension<unknown>;

  before(async () => {
    const found = vscode.extensions.getExtension(extensionId);
    assert.ok(found, `${extensionId} is not loaded in this VS Code`);
    extension = found;
    await extension.activate();
  });

  it(`activates ${extensionId}`, () => {
    assert.equal(extension.isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((entry) => entry.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
    );
  });

  // The command bundle (flows and AWS SDK) is required on the first command that needs it, and the
  // strength estimator by the new-password box; never during activation.
  it('loads no AWS SDK code and no strength estimator while activating', () => {
    const mainFile = fs.realpathSync(path.join(extension.extensionPath, manifest.main));
    const main = require.cache[mainFile];
    assert.ok(main, `${mainFile} is not in require.cache, so what it loaded cannot be checked`);
    const sdkBundle = path.join(path.dirname(mainFile), 'commands.js');
    const estimator = path.join(path.dirname(mainFile), 'passwordStrength.js');
    assert.equal(require.cache[estimator], undefined, 'the strength estimator is loaded');
    const sdkModules = modulesLoadedBy(main).filter(
      (file) => file === sdkBundle || file === estimator || file.includes(`${path.sep}@aws-sdk${path.sep}`) || file.includes(`${path.sep}@smithy${path.sep}`),
    );
    assert.equal(sdkModules.length, 0, `activation loaded ${sdkModules.length} SDK module(s): ${sdkModules.slice(0, 3).join(', ')}`);
  });
});
