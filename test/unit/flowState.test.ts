// FlowState imports no vscode: the extension's lock and MFA sessions are tested here in plain mocha.
import * as assert from 'node:assert/strict';
import { FlowState } from '../../src/ui/flowState';

const KEY = {
  configFile: '/home/u/.aws/config',
  credentialsFile: '/home/u/.aws/credentials',
  profile: 'carol-mfa',
  serial: 'arn:aws:iam::123456789012:mfa/carol',
};
const SESSION = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'session-secret', sessionToken: 'token', expiration: new Date(Date.now() + 3600_000) };

describe('FlowState', () => {
  it('lets one password change run at a time', () => {
    const state = new FlowState();
    assert.equal(state.beginChange(), true);
    assert.equal(state.beginChange(), false, 'a second change while the first runs');
    state.endChange();
    assert.equal(state.beginChange(), true);
  });

  it('dispose forgets the MFA sessions and frees the lock', () => {
    const state = new FlowState();
    state.mfaSessions.set(KEY, SESSION);
    assert.equal(state.beginChange(), true);
    state.dispose();
    assert.equal(state.mfaSessions.get(KEY), undefined);
    assert.equal(state.beginChange(), true);
  });
});
