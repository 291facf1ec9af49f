import * as assert from 'node:assert/strict';
import { chooseProfile } from '../../src/core/profileChoice';

const ENV = '(env)';

describe('profile choice', () => {
  const names = ['default', 'alice', 'bob', ENV];

  it('prefers the user pick, then the setting, then AWS_PROFILE, then default', () => {
    assert.deepEqual(chooseProfile(names, 'bob', 'alice', { AWS_PROFILE: 'x' }, ENV), { name: 'bob', reason: 'picked' });
    assert.deepEqual(chooseProfile(names, undefined, 'alice', { AWS_PROFILE: 'bob' }, ENV), { name: 'alice', reason: 'setting' });
    assert.deepEqual(chooseProfile(names, undefined, '', { AWS_PROFILE: 'bob' }, ENV), { name: 'bob', reason: 'AWS_PROFILE' });
    assert.deepEqual(chooseProfile(['default'], undefined, '', {}, ENV), { name: 'default', reason: 'default' });
  });

  it('ignores a pick whose profile has gone from the files', () => {
    assert.equal(chooseProfile(names, 'gone', '', { AWS_PROFILE: 'alice' }, ENV).name, 'alice');
  });

  it('uses environment keys when no profile is named anywhere, like the CLI', () => {
    assert.deepEqual(chooseProfile(names, undefined, '', {}, ENV), { name: ENV, reason: 'environment' });
  });
});
