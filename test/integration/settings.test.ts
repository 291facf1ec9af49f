import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { testApi, waitFor } from './driver';

describe('Settings', function () {
  this.timeout(30_000);
  let api: TestApi;

  before(async () => {
    api = await testApi();
  });

  // A cloned repository must not be able to send your password somewhere else.
  it('ignores workspace values of every setting that decides where a password goes', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    const file = path.join(folder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const workspaceValues = {
      'iamPassword.endpointUrl': 'https://attacker.example',
      'iamPassword.caBundle': '/tmp/attacker-ca.pem',
      'iamPassword.verifySsl': false,
      'iamPassword.region': 'cn-north-1',
      'iamPassword.profile': 'from-workspace',
    };
    fs.writeFileSync(file, JSON.stringify(workspaceValues));
    try {
      // The window-scoped profile setting proves the workspace file was read at all.
      const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('iamPassword');
      await waitFor('the workspace settings to load', () => config().inspect('profile')?.workspaceValue === 'from-workspace');
      for (const key of ['endpointUrl', 'caBundle', 'verifySsl', 'region']) {
        const inspected = config().inspect(key);
        assert.equal(inspected?.workspaceValue, undefined, `${key} took a workspace value`);
        assert.equal(inspected?.workspaceFolderValue, undefined, `${key} took a folder value`);
      }
      assert.equal(config().get('endpointUrl'), '');
      assert.equal(config().get('verifySsl'), true);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      await waitFor('the workspace settings to go', () => vscode.workspace.getConfiguration('iamPassword').inspect('profile')?.workspaceValue === undefined);
    }
  });

  it('exports the chosen profile to new terminals only when syncTerminalProfile is on', async () => {
    const config = vscode.workspace.getConfiguration('iamPassword');
    await api.store.ready();
    await api.store.pick('alice');
    assert.equal(api.terminalEnvironment.get('AWS_PROFILE'), undefined);
    await config.update('syncTerminalProfile', true, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('AWS_PROFILE=alice', () => api.terminalEnvironment.get('AWS_PROFILE')?.value === 'alice');
      assert.equal(api.terminalEnvironment.get('AWS_PROFILE')?.type, vscode.EnvironmentVariableMutatorType.Replace);
      assert.match(String(api.terminalEnvironment.description), /AWS_PROFILE=alice/);
      await api.store.pick('bob');
      await waitFor('AWS_PROFILE=bob', () => api.terminalEnvironment.get('AWS_PROFILE')?.value === 'bob');
    } finally {
      await config.update('syncTerminalProfile', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('AWS_PROFILE to go', () => api.terminalEnvironment.get('AWS_PROFILE') === undefined);
  });
});
