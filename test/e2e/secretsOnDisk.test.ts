import assert from 'node:assert/strict';
import { passwordsOnDisk } from './passwords';
import { extensionLog, session } from './session';

describe('Secrets', () => {
  it('no password typed or sent in this run is in any file of the run: logs at Trace, state, history, the workspace', () => {
    assert.match(extensionLog(), /\[trace\]/, 'the extension logged at Trace, so request logging was covered');
    assert.deepEqual(passwordsOnDisk(session().run.dirs.root), []);
  });
});
