// FlowState imports no vscode: the extension's lock and MFA sessions are tested here in plain mocha.
import * as assert from 'node:assert/strict';
import { FlowState } from '../../../src/flows/flowState';

const KEY = {
  configFile: '/home/u/.aws/config',
  credentialsFile: '/home/u/.aws/credentials',
  profile: 'carol-mfa',
  serial: 'arn:aws:iam::123456789012:mfa/carol',
};
const SESSION = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'session-secret', sessionToken: 'token', expiration: new Date(Date.now() + 3600_000) };

describe('FlowState', () => {
  it('dispose forgets the MFA sessions and frees the lock', () => {
    const state = new FlowState();
    state.mfaSessions.set(KEY, SESSION);
    state.changing = true;
    state.dispose();
    assert.equal(state.mfaSessions.get(KEY), undefined);
    assert.equal(state.changing, false);
  });
});
