import * as assert from 'node:assert/strict';
import { fromIamPolicy, generatePassword, PolicyState, unmetRules } from '../../../src/password/passwordPolicy';
import { estimateStrength } from '../../../src/password/passwordStrength';
import { describeStrength, isGuessable, strengthUserInputs, useAnywayQuestion } from '../../../src/password/strengthWords';

/** The demo account's policy: 12 characters, all four kinds. */
const demoPolicy: PolicyState = {
  kind: 'account',
  policy: fromIamPolicy({
    MinimumPasswordLength: 12,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
  }),
};
/** What the flow passes for alice of the demo account, signed in with profile prod-admin. */
const aliceInputs = strengthUserInputs(['alice', '123456789012', 'prod-admin']);

describe('password strength', () => {
  const estimate = (password: string, inputs: readonly string[] = aliceInputs) => estimateStrength(password, inputs);

  it('warns about Password123!, though it meets the demo policy', () => {
    assert.deepEqual(unmetRules('Password123!', demoPolicy), []);
    const result = estimate('Password123!');
    assert.ok(isGuessable(result), `score ${result.score}`);
    assert.match(describeStrength(result), /^Strength [0-2] of 4: easy to guess, it is a commonly used password/);
    assert.match(useAnywayQuestion(result), /^This password is easy to guess \(it is a commonly used password.*\)\. Use it anyway\?/);
  });

  for (const common of ['password', 'Qwerty123456!', 'iloveyou', 'Welcome123!', 'Passw0rd!']) {
    it(`finds ${common} guessable`, () => {
      assert.ok(isGuessable(estimate(common)), `score ${estimate(common).score}`);
    });
  }

  for (const walk of ['qwertyuiop', 'zxcvbnm,./', "asdfghjkl;'", '1qaz2wsx3edc', 'Qwertyuiop[]']) {
    it(`finds the keyboard walk ${walk} guessable`, () => {
      const result = estimate(walk);
      assert.ok(result.score < 3, `score ${result.score}`);
    });
  }

  it('names a straight row of keys as the reason', () => {
    assert.match(describeStrength(estimate('zxcvbnm,./')), /it is a straight row of keys\. .*keyboard pattern/);
  });

  it("counts the user's own name and account ID against the password", () => {
    const result = estimate('alice123456789012');
    assert.ok(isGuessable(result));
    assert.equal(result.warning, 'userInputs');
    assert.match(describeStrength(result), /it holds your user name, account ID or profile name/);
    assert.ok(estimate('alice123456789012', []).score > result.score, 'lower with the user inputs than without');
  });

  it('counts the profile name against a password that meets the policy', () => {
    assert.deepEqual(unmetRules('Prod-Admin-1!', demoPolicy), []);
    assert.equal(estimate('Prod-Admin-1!', []).score, 4, 'strong to a stranger');
    assert.ok(isGuessable(estimate('Prod-Admin-1!')), 'guessable to one who knows the profile name');
  });

  it('takes the words and numbers out of each user input', () => {
    assert.deepEqual(strengthUserInputs(['jane.doe@example.com', undefined, '', '123456789012']), [
      'jane.doe@example.com',
      'jane',
      'doe',
      'example',
      'com',
      '123456789012',
    ]);
  });

  it('calls a long random password hard to guess, without advice', () => {
    const result = estimate('k9#Lm2$pQx!7ZrT4vW8e');
    assert.equal(result.score, 4);
    assert.equal(describeStrength(result), 'Strength 4 of 4: hard to guess.');
  });

  it('scores every generated password 4 (the box passes the estimate to the generator)', () => {
    const strong = (candidate: string): boolean => estimate(candidate).score === 4;
    for (let i = 0; i < 100; i++) {
      const generated = generatePassword(demoPolicy, undefined, strong);
      assert.equal(estimate(generated).score, 4);
      assert.deepEqual(unmetRules(generated, demoPolicy), []);
    }
  });

  it('makes the generator redraw what the estimate refuses', () => {
    let offered = 0;
    const refuseFirstTwo = (): boolean => ++offered > 2;
    generatePassword(demoPolicy, undefined, refuseFirstTwo);
    assert.equal(offered, 3);
    assert.throws(() => generatePassword(demoPolicy, undefined, () => false), /easy to guess/);
  });
});
