// The iamPassword.* defaults package.json declares, for code that runs outside VS Code (where getConfiguration supplies them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtensionSettings } from '../../src/window/settings';
import { repoRoot } from './paths';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
}

/** Each setting's default by its name after `iamPassword.`, as getConfiguration('iamPassword').get(name) returns it. */
export function settingDefaults(): Omit<ExtensionSettings, 'http'> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const properties = Object.entries(manifest.contributes.configuration.properties);
  return Object.fromEntries(properties.map(([name, { default: value }]) => [name.replace(/^iamPassword\./, ''), value])) as Omit<ExtensionSettings, 'http'>;
}
