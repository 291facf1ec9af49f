import assert from 'node:assert/strict';
import { IAM_SYMBOLS, passwordParameterFailures, passwordPolicyViolation, type PasswordContext } from './passwordRules';

const context: PasswordContext = {
  current: 'Current-Pass-1',
  history: ['Older-Pass-2', 'Oldest-Pass-3'],
  forbiddenNames: ['alice', 'demo'],
};

describe('password rules', function () {
  it("counts exactly IAM's symbols as symbols", function () {
    const policy = { MinimumPasswordLength: 6, RequireSymbols: true };
    for (const symbol of IAM_SYMBOLS) {
      assert.equal(passwordPolicyViolation(`abcdef${symbol}`, policy, context), undefined, symbol);
    }
    for (const other of ['.', '~', '`', '"', ' ', '/', '?', ',', 'é']) {
      assert.equal(passwordPolicyViolation(`abcdef${other}`, policy, context), 'Password should have at least one symbol', other);
    }
  });

  it('applies the default rules without a policy: length 8, three classes, not a name', function () {
    assert.equal(passwordPolicyViolation('Abc1!', undefined, context), 'Password should have a minimum length of 8');
    assert.equal(
      passwordPolicyViolation('abcdefgh12', undefined, context),
      'Password should have at least three of the following: uppercase letters, lowercase letters, numbers, symbols',
    );
    assert.equal(passwordPolicyViolation('abcdefgh1!', undefined, context), undefined);
    assert.equal(passwordPolicyViolation('ABCDEFGH1!', undefined, context), undefined);
    assert.equal(passwordPolicyViolation('Abcdefghij', undefined, context)?.includes('three'), true);
    assert.equal(passwordPolicyViolation('Current-Pass-1', undefined, context), 'Password should not be the same as the current password');
    const named = { ...context, forbiddenNames: ['Demo-Acct-1'] };
    assert.equal(passwordPolicyViolation('demo-acct-1', undefined, named), 'Password should not be the same as the account name or email address');
  });

  it('remembers as many earlier passwords as PasswordReusePrevention says', function () {
    assert.equal(passwordPolicyViolation('Oldest-Pass-3', {}, context), undefined);
    assert.equal(passwordPolicyViolation('Older-Pass-2', { PasswordReusePrevention: 1 }, context), 'Password should not be one of your previous 1 passwords');
    assert.equal(passwordPolicyViolation('Oldest-Pass-3', { PasswordReusePrevention: 1 }, context), undefined);
    assert.equal(passwordPolicyViolation('Oldest-Pass-3', { PasswordReusePrevention: 2 }, context), 'Password should not be one of your previous 2 passwords');
  });

  it('uses the policy minimum length, 6 when the policy leaves it out', function () {
    assert.equal(passwordPolicyViolation('abcde', {}, context), 'Password should have a minimum length of 6');
    assert.equal(passwordPolicyViolation('abcdef', {}, context), undefined);
    assert.equal(passwordPolicyViolation('abcdefghijk', { MinimumPasswordLength: 12 }, context), 'Password should have a minimum length of 12');
  });

  it('validates parameters like the IAM input model', function () {
    assert.deepEqual(passwordParameterFailures('newPassword', 'fine\tpassword ÿ'), []);
    assert.deepEqual(passwordParameterFailures('newPassword', null), ["Value null at 'newPassword' failed to satisfy constraint: Member must not be null"]);
    assert.deepEqual(passwordParameterFailures('oldPassword', 'x'.repeat(129)), [
      "Value at 'oldPassword' failed to satisfy constraint: Member must have length less than or equal to 128",
    ]);
    assert.equal(passwordParameterFailures('newPassword', 'x'.repeat(128)).length, 0);
    for (const outside of ['\u0000', '\u001f', '\u0100', '€', '\u{1F600}']) {
      const [failure] = passwordParameterFailures('newPassword', `ab${outside}`);
      assert.match(failure ?? '', /regular expression pattern/, JSON.stringify(outside));
    }
  });
});
