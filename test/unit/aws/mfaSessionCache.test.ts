import * as assert from 'node:assert/strict';
import { isFresh, MfaSessionCache, type MfaSessionKey } from '../../../src/aws/mfaSessionCache';

const KEY: MfaSessionKey = {
  configFile: '/home/u/.aws/config',
  credentialsFile: '/home/u/.aws/credentials',
  profile: 'carol-mfa',
  serial: 'arn:aws:iam::123456789012:mfa/carol',
};
const NOW = Date.parse('2026-01-01T12:00:00Z');
const MINUTE = 60 * 1000;

function sessionUntil(expiration: number) {
  return { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'session-secret', sessionToken: 'token', expiration: new Date(expiration) };
}

describe('MfaSessionCache', () => {
  it('gives back a session for its files, profile and MFA device only', () => {
    const cache = new MfaSessionCache();
    const session = sessionUntil(NOW + 60 * MINUTE);
    cache.set(KEY, session);
    assert.equal(cache.get(KEY, NOW), session);
    assert.equal(cache.get({ ...KEY, profile: 'other' }, NOW), undefined);
    assert.equal(cache.get({ ...KEY, serial: 'arn:aws:iam::123456789012:mfa/alice' }, NOW), undefined);
    assert.equal(cache.get({ ...KEY, configFile: '/elsewhere/config' }, NOW), undefined);
  });

  it('forgets a session five minutes before it expires, so no request is signed with one about to end', () => {
    const cache = new MfaSessionCache();
    cache.set(KEY, sessionUntil(NOW + 5 * MINUTE + 1000));
    assert.ok(cache.get(KEY, NOW), 'still fresh a little over five minutes before expiry');
    assert.equal(cache.get(KEY, NOW + 2000), undefined, 'expiring: asked for again');
    assert.equal(cache.get(KEY, NOW), undefined, 'and forgotten, not kept for an earlier clock');
  });

  it('dispose forgets every session', () => {
    const cache = new MfaSessionCache();
    cache.set(KEY, sessionUntil(NOW + 60 * MINUTE));
    cache.set({ ...KEY, profile: 'alice-mfa' }, sessionUntil(NOW + 60 * MINUTE));
    cache.dispose();
    assert.equal(cache.get(KEY, NOW), undefined);
    assert.equal(cache.get({ ...KEY, profile: 'alice-mfa' }, NOW), undefined);
  });

  it('isFresh: credentials without an expiry never go stale', () => {
    assert.ok(isFresh({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' }, NOW));
    assert.ok(!isFresh(sessionUntil(NOW + 4 * MINUTE), NOW));
  });
});
