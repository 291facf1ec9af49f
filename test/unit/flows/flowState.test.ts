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

/** A clipboard, as the window seam gives it. */
function clipboard(): { text: string; ui: { readClipboard(): Promise<string>; writeClipboard(text: string): Promise<void> } } {
  const board = {
    text: '',
    ui: {
      readClipboard: async () => board.text,
      writeClipboard: async (text: string) => {
        board.text = text;
      },
    },
  };
  return board;
}

describe('FlowState', () => {
  it('dispose forgets the MFA sessions and frees the lock', () => {
    const state = new FlowState(clipboard().ui);
    state.mfaSessions.set(KEY, SESSION);
    state.changing = true;
    state.dispose();
    assert.equal(state.mfaSessions.get(KEY), undefined);
    assert.equal(state.changing, false);
  });
});

describe("SecretClipboard (the flow state's)", () => {
  it('clears a copied password when the extension stops before its timer, unless something else was copied', async () => {
    const board = clipboard();
    const state = new FlowState(board.ui);
    await state.clipboard.copy('Quartz-Lantern-Orbit-58!', 30);
    assert.equal(board.text, 'Quartz-Lantern-Orbit-58!');
    await state.clipboard.dispose();
    assert.equal(board.text, '');

    await state.clipboard.copy('Quartz-Lantern-Orbit-58!', 30);
    board.text = 'something the person copied';
    await state.clipboard.dispose();
    assert.equal(board.text, 'something the person copied');
  });

  it('leaves a password copied with clearing off (0) as it is', async () => {
    const board = clipboard();
    const state = new FlowState(board.ui);
    await state.clipboard.copy('Quartz-Lantern-Orbit-58!', 0);
    await state.clipboard.dispose();
    assert.equal(board.text, 'Quartz-Lantern-Orbit-58!');
  });
});
