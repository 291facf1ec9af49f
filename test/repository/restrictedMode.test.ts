// Restricted Mode: VS Code ignores a workspace's value of a setting only when the manifest lists it
// under capabilities.untrustedWorkspaces.restrictedConfigurations (machine-scoped ones it never reads
// from a workspace). A setting added later must be put in one of the two, or named here as harmless.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

interface Manifest {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
}

/** Settings a workspace may set even in Restricted Mode: they change what is shown, never what is sent or run. */
const HARMLESS = new Set(['iamPassword.showStatusBarItem']);

describe('Restricted Mode in the manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const properties = manifest.contributes.configuration.properties;
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];

  it('declares every setting a workspace could use to change behaviour as restricted, or makes it machine-scoped', () => {
    const open = Object.entries(properties)
      .filter(([name, { scope }]) => scope !== 'machine' && scope !== 'application' && !HARMLESS.has(name))
      .map(([name]) => name)
      .filter((name) => !restricted.includes(name));
    assert.deepEqual(open, []);
  });

  it('restricts the profile, the timeouts, maxAttempts, checkPasswordPolicy and syncTerminalProfile', () => {
    for (const name of ['profile', 'connectTimeoutSeconds', 'readTimeoutSeconds', 'maxAttempts', 'checkPasswordPolicy', 'syncTerminalProfile']) {
      assert.ok(restricted.includes(`iamPassword.${name}`), `iamPassword.${name} is not in restrictedConfigurations`);
    }
  });

  it('lists only settings the extension contributes', () => {
    assert.deepEqual(
      restricted.filter((name) => !(name in properties)),
      [],
    );
  });
});
