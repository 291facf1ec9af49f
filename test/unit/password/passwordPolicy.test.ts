import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { changeProblem, describePolicy, fromIamPolicy, generatePassword, PasswordPolicy, PolicyState, unmetRules } from '../../../src/password/passwordPolicy';
import { passwordProblem } from '../../../src/password/passwordRules';

/** Deterministic bytes: SHA-256 of seed and a counter, so failures reproduce. */
function seededRandomBytes(seed: string): (n: number) => Buffer {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n) => {
    while (pool.length < n) {
      pool = Buffer.concat([pool, createHash('sha256').update(`${seed}:${counter++}`).digest()]);
    }
    const out = Buffer.from(pool.subarray(0, n));
    pool = pool.subarray(n);
    return out;
  };
}

const policy = (overrides: Partial<PasswordPolicy> = {}): PolicyState => ({
  kind: 'account',
  policy: {
    MinimumPasswordLength: 8,
    RequireSymbols: false,
    RequireNumbers: false,
    RequireUppercaseCharacters: false,
    RequireLowercaseCharacters: false,
    ...overrides,
  },
});
const allRequired = policy({ RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true });
const labels = (rules: { label: string }[]): string[] => rules.map((r) => r.label);
const [LENGTH_8, UPPER, LOWER, NUMBER, SYMBOL, THREE_KINDS] = [
  'at least 8 characters',
  'an uppercase letter (A-Z)',
  'a lowercase letter (a-z)',
  'a number (0-9)',
  "a symbol: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '",
  'at least 3 of: uppercase, lowercase, numbers, symbols',
];
const LETTERS_DIGITS_SYMBOLS = /^[A-Za-z0-9!@#$%^&*()_+\-=[\]{}|']+$/;

describe('unmetRules', () => {
  it('lists the rules of an account policy the password does not meet, in reading order', () => {
    assert.deepEqual(
      unmetRules('abc', allRequired),
      [LENGTH_8, UPPER, NUMBER, SYMBOL].map((label) => ({ label, met: false })),
    );
    assert.deepEqual(labels(unmetRules('ABC', allRequired)), [LENGTH_8, LOWER, NUMBER, SYMBOL]);
  });

  it('omits the character kinds a policy does not require', () => {
    assert.deepEqual(labels(unmetRules('abc', policy({ RequireNumbers: true }))), [LENGTH_8, NUMBER]);
  });

  it("leaves IAM's own limits to their rules: an over-long or disallowed password meets the policy", () => {
    assert.deepEqual(unmetRules('a'.repeat(129), policy()), []);
    assert.deepEqual(unmetRules('abcdefgh\u0100', policy()), []);
  });

  it("applies AWS's default policy: 8 characters and 3 of the 4 kinds", () => {
    const state: PolicyState = { kind: 'default' };
    assert.deepEqual(labels(unmetRules('a', state)), [LENGTH_8, THREE_KINDS]);
    assert.deepEqual(labels(unmetRules('Ab1', state)), [LENGTH_8]);
    assert.deepEqual(labels(unmetRules('abcdefgh', state)), [THREE_KINDS]);
    assert.deepEqual(unmetRules('abcdefG1', state), []);
  });

  it('has no rules when the policy is unknown', () => {
    assert.deepEqual(unmetRules('', { kind: 'unknown', reason: 'AccessDenied' }), []);
  });
});

describe('describePolicy', () => {
  it('describes every field of an account policy', () => {
    const state: PolicyState = {
      kind: 'account',
      policy: fromIamPolicy({
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: true,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
        HardExpiry: true,
        AllowUsersToChangePassword: false,
      }),
    };
    assert.deepEqual(describePolicy(state), [
      'Length: 14 to 128 characters.',
      "Must contain a lowercase letter (a-z); a number (0-9); a symbol: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '.",
      'Passwords expire after 90 days.',
      'Hard expiry: the console sign-in page will not replace an expired password, but its user can still change it here with their access keys (iam:ChangePassword); without keys, an administrator must reset it.',
      'The last 24 passwords cannot be reused (IAM checks this; here only "different from the current one" can be checked).',
      'The account\'s setting "Allow users to change their own password" is off: a user can still change it with an IAM policy that allows iam:ChangePassword on the user (such as the AWS managed IAMUserChangePassword).',
    ]);
  });

  it('describes a lenient policy', () => {
    const state: PolicyState = {
      kind: 'account',
      policy: fromIamPolicy({ ExpirePasswords: false, AllowUsersToChangePassword: true, MaxPasswordAge: 1 }),
    };
    assert.deepEqual(describePolicy(state), [
      'Length: 6 to 128 characters.',
      'No particular kinds of characters are required.',
      'Passwords do not expire.',
      'Earlier passwords may be reused.',
      'The account\'s setting "Allow users to change their own password" is on: every IAM user may change their own (unless a policy denies it).',
    ]);
  });

  it('says when an expired password can be replaced at sign-in, and uses the singular for one', () => {
    const lines = describePolicy({ kind: 'account', policy: fromIamPolicy({ ExpirePasswords: true, MaxPasswordAge: 1, PasswordReusePrevention: 1 }) });
    assert.ok(lines.includes('Passwords expire after 1 day.'));
    assert.ok(lines.includes('An expired password can be replaced at the console sign-in page, or here with your access keys.'));
    assert.ok(lines.some((l) => l.startsWith('The last 1 password cannot be reused')));
  });

  it('describes the default and the unknown policy', () => {
    assert.deepEqual(describePolicy({ kind: 'default' }), [
      'Length: 8 to 128 characters.',
      "At least 3 of: uppercase letters (A-Z), lowercase letters (a-z), numbers (0-9), symbols (! @ # $ % ^ & * ( ) _ + - = [ ] { } | ').",
      "Must not be the AWS account name or the account's email address.",
      'Passwords do not expire, and earlier passwords may be reused.',
    ]);
    const unknown = describePolicy({ kind: 'unknown', reason: 'AccessDenied: not authorized' });
    assert.equal(unknown[0], 'The policy could not be read: AccessDenied: not authorized.');
    assert.equal(unknown.length, 3);
  });
});

describe('fromIamPolicy', () => {
  it("fills IAM's default minimum length and keeps the rest as IAM sent it", () => {
    assert.deepEqual(fromIamPolicy({}), { MinimumPasswordLength: 6 });
    const answer = {
      MinimumPasswordLength: 20,
      RequireNumbers: true,
      ExpirePasswords: true,
      MaxPasswordAge: 30,
      PasswordReusePrevention: 3,
      HardExpiry: false,
    };
    assert.deepEqual(fromIamPolicy(answer), answer);
  });

  it('caps a minimum length above what IAM allows', () => {
    assert.equal(fromIamPolicy({ MinimumPasswordLength: 500 }).MinimumPasswordLength, 128);
  });
});

describe('generatePassword', () => {
  it('satisfies thousands of random policies (seeded property test)', () => {
    const random = seededRandomBytes('policies');
    const states: PolicyState[] = [];
    for (let i = 0; i < 3000; i++) {
      const [kind, length, flags] = random(3);
      if (kind % 10 === 0) {
        states.push({ kind: 'default' });
      } else if (kind % 10 === 1) {
        states.push({ kind: 'unknown', reason: 'AccessDenied' });
      } else {
        states.push(
          policy({
            MinimumPasswordLength: 6 + (length % 123),
            RequireSymbols: (flags & 1) !== 0,
            RequireNumbers: (flags & 2) !== 0,
            RequireUppercaseCharacters: (flags & 4) !== 0,
            RequireLowercaseCharacters: (flags & 8) !== 0,
          }),
        );
      }
    }
    assert.ok(states.some((s) => s.kind === 'account' && s.policy.MinimumPasswordLength === 128));
    const generator = seededRandomBytes('passwords');
    for (const state of states) {
      const password = generatePassword(state, generator);
      const minimum = state.kind === 'account' ? state.policy.MinimumPasswordLength : 8;
      assert.equal(password.length, Math.max(20, minimum));
      assert.match(password, LETTERS_DIGITS_SYMBOLS);
      assert.deepEqual(unmetRules(password, state), [], `${JSON.stringify(state)} -> ${password}`);
      assert.deepEqual(unmetRules(password, allRequired), []);
      assert.deepEqual(unmetRules(password, { kind: 'default' }), []);
      assert.equal(passwordProblem(password), undefined);
    }
  });

  it('draws every character about equally often (no modulo bias)', () => {
    const random = seededRandomBytes('uniform');
    const counts = new Map<string, number>();
    const passwords = 4000;
    for (let i = 0; i < passwords; i++) {
      for (const c of generatePassword({ kind: 'default' }, random)) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    assert.equal(counts.size, 26 + 26 + 10 + 20);
    const expected = (passwords * 20) / counts.size;
    for (const [c, n] of counts) {
      assert.ok(n > expected * 0.85 && n < expected * 1.15, `${c} drawn ${n} times, expected about ${Math.round(expected)}`);
    }
  });

  it('rejects bytes that would bias the choice instead of folding them in', () => {
    const state: PolicyState = { kind: 'default' };
    const reference = generatePassword(state, seededRandomBytes('reject'));
    const honest = seededRandomBytes('reject');
    let calls = 0;
    // 246 = 3 * 82 is the first byte that must be rejected for 82 characters; 255 the last.
    const withHighBytes = (n: number): Buffer => (calls++ === 0 ? Buffer.concat([Buffer.from([246, 255]), honest(n - 2)]) : honest(n));
    assert.equal(generatePassword(state, withHighBytes), reference);
    assert.ok(calls > 1);
  });

  it('uses node:crypto by default and never Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random was called');
    };
    try {
      const first = generatePassword({ kind: 'default' });
      const second = generatePassword({ kind: 'default' });
      assert.notEqual(first, second);
      assert.deepEqual(unmetRules(first, allRequired), []);
    } finally {
      Math.random = original;
    }
  });

  it('gives up on a random source that never yields every kind of character', () => {
    assert.throws(() => generatePassword({ kind: 'default' }, (n) => Buffer.alloc(n, 0)), /random source/);
  });
});

describe('the check before sending', () => {
  const account: PolicyState = {
    kind: 'account',
    policy: fromIamPolicy({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
    }),
  };

  it('accepts a valid pair', () => {
    assert.equal(changeProblem('Old-Password-1', 'New-Password-22', account), undefined);
  });

  it('refuses each bad input with a message that never holds the password', () => {
    const cases: [string, string, RegExp][] = [
      ['', 'New-Password-22', /^Current password: The password has 0 characters/],
      ['Old-Password-1', 'Bad\u0000Password-22', /^New password: Character 4 \(U\+0000\)/],
      ['Old-Password-1', 'Smile-\u{1F600}-Password-1', /^New password: Character 7 \(U\+1F600\)/],
      ['Old-Password-1', 'Wide-\u0100-Password-1', /^New password: Character 6 \(U\+0100\)/],
      ['Old-Password-1', `Aa1!${'x'.repeat(125)}`, /129 characters/],
      ['Old-Password-1', ' \t  ', /only whitespace/],
      ['Old-Password-1', 'Old-Password-1', /must differ/],
      ['Old-Password-1', 'short', /^The password policy still needs: at least 12 characters/],
    ];
    for (const [oldPassword, newPassword, expected] of cases) {
      const problem = changeProblem(oldPassword, newPassword, account) ?? '';
      assert.match(problem, expected, JSON.stringify(newPassword));
      if (newPassword.length > 3) {
        assert.ok(!problem.includes(newPassword), 'the message repeats the password');
      }
    }
  });

  it('checks only the basics when the policy is unknown', () => {
    assert.equal(changeProblem('old', 'new', { kind: 'unknown', reason: 'x' }), undefined);
  });
});
