import * as assert from 'node:assert/strict';
import { passwordExpiry } from '../../../src/password/passwordExpiry';

const now = new Date('2026-12-06T12:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

describe('passwordExpiry', () => {
  it('adds the policy days to the day this extension changed the password, and warns at 15 days or fewer', () => {
    assert.deepEqual(passwordExpiry(daysAgo(80), 90, now), { changedAt: daysAgo(80), expiresAt: new Date('2026-12-16T12:00:00Z'), daysLeft: 10, soon: true });
    assert.equal(passwordExpiry(daysAgo(75), 90, now)?.daysLeft, 15);
    assert.equal(passwordExpiry(daysAgo(75), 90, now)?.soon, true);
    assert.equal(passwordExpiry(daysAgo(74), 90, now)?.soon, false);
    assert.equal(passwordExpiry(daysAgo(91), 90, now)?.daysLeft, -1);
  });

  it('says nothing without a change date or when passwords do not expire', () => {
    assert.equal(passwordExpiry(undefined, 90, now), undefined);
    assert.equal(passwordExpiry(daysAgo(1), undefined, now), undefined);
    assert.equal(passwordExpiry(daysAgo(1), 0, now), undefined);
    assert.equal(passwordExpiry(new Date('not a date'), 90, now), undefined);
  });
});
