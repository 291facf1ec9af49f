import * as assert from 'node:assert/strict';
import { chooseProfile } from '../../../src/profiles/profileChoice';

import { ENV_PROFILE as ENV } from '../../../src/profiles/profileChoice';

describe('profile choice', () => {
  const names = ['default', 'alice', 'bob', ENV];

  it('prefers the user pick, then the setting, then AWS_PROFILE, then default', () => {
    assert.deepEqual(chooseProfile(names, 'bob', 'alice', { AWS_PROFILE: 'x' }), { name: 'bob', reason: 'picked' });
    assert.deepEqual(chooseProfile(names, undefined, 'alice', { AWS_PROFILE: 'bob' }), { name: 'alice', reason: 'setting' });
    assert.deepEqual(chooseProfile(names, undefined, '', { AWS_PROFILE: 'bob' }), { name: 'bob', reason: 'AWS_PROFILE' });
    assert.deepEqual(chooseProfile(['default'], undefined, '', {}), { name: 'default', reason: 'default' });
  });

  it('ignores a pick whose profile has gone from the files', () => {
    assert.equal(chooseProfile(names, 'gone', '', { AWS_PROFILE: 'alice' }).name, 'alice');
  });

  it('uses environment keys when no profile is named anywhere, like the CLI', () => {
    assert.deepEqual(chooseProfile(names, undefined, '', {}), { name: ENV, reason: 'environment' });
  });
});
