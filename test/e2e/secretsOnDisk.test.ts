import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PASSWORDS, type PasswordName } from './passwords';
import { extensionLog, session } from './session';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(dir, file))
    .filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile());
}

describe('Secrets', () => {
  it('no password typed or sent in this run is in any file of the run: logs at Trace, state, history, the workspace', () => {
    const { run } = session();
    assert.match(extensionLog(), /\[trace\]/, 'the extension logged at Trace, so request logging was covered');
    const findings: string[] = [];
    for (const file of filesUnder(run.dirs.root)) {
      const bytes = fs.readFileSync(file);
      for (const [name, password] of Object.entries(PASSWORDS) as [PasswordName, string][]) {
        if (bytes.includes(password)) {
          // Names the password, never shows it.
          findings.push(`${path.relative(run.dirs.root, file)} holds the "${name}" password`);
        }
      }
    }
    assert.deepEqual(findings, []);
  });
});
