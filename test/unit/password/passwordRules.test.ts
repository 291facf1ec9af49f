import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  blankProblem,
  characterProblem,
  confirmationProblem,
  IAM_SYMBOLS,
  KINDS,
  kindRule,
  lengthProblem,
  minimumLengthRule,
  newPasswordProblem,
  passwordNamed,
  passwordProblem,
  policyProblem,
  sameAsCurrentProblem,
  threeKindsRule,
  visiblePassword,
} from '../../../src/password/passwordRules';

const kind = (requiredBy: string): (typeof KINDS)[number] => KINDS.find((k) => k.requiredBy === requiredBy) as (typeof KINDS)[number];

describe('IAM_SYMBOLS', () => {
  it("is exactly IAM's 20 symbols", () => {
    assert.equal(IAM_SYMBOLS.length, 20);
    assert.deepEqual([...IAM_SYMBOLS].sort(), [..."!@#$%^&*()_+-=[]{}|'"].sort());
  });
});

describe('lengthProblem: 1 to 128 characters', () => {
  it('accepts 1 and 128 characters', () => {
    assert.equal(lengthProblem('x'), undefined);
    assert.equal(lengthProblem('a'.repeat(128)), undefined);
  });

  it('refuses 0 and 129 characters with one message', () => {
    assert.equal(lengthProblem(''), 'The password has 0 characters; IAM allows 1 to 128');
    assert.equal(lengthProblem('a'.repeat(129)), 'The password has 129 characters; IAM allows 1 to 128');
  });

  it('counts code points, as IAM counts characters', () => {
    assert.equal(lengthProblem('é'.repeat(128)), undefined);
    assert.match(lengthProblem('\u{1F600}'.repeat(129)) ?? '', /has 129 characters/);
  });
});

describe('characterProblem: tab, line feed, carriage return and U+0020 to U+00FF', () => {
  it('accepts the allowed characters', () => {
    assert.equal(characterProblem('\t\n\r \u007f\u0080\u00ff'), undefined);
  });

  it('names the first bad character by code point and position, and never echoes the password', () => {
    const password = 'Secret\u{1F600}xĀ';
    const message = characterProblem(password) ?? '';
    assert.equal(message, 'Character 7 (U+1F600) is not allowed; IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF');
    assert.ok(!message.includes('Secret'));
    assert.equal(characterProblem('ab\u0100')?.startsWith('Character 3 (U+0100)'), true);
    assert.equal(characterProblem('a\u0000')?.startsWith('Character 2 (U+0000)'), true);
    assert.equal(characterProblem('a\u000b')?.startsWith('Character 2 (U+000B)'), true);
  });

  it('names a character outside the BMP by its whole code point', () => {
    assert.equal(characterProblem('\u{1F600}a\u{1F601}')?.startsWith('Character 1 (U+1F600)'), true);
    assert.equal(characterProblem('a\u{1F600}\u0100')?.startsWith('Character 2 (U+1F600)'), true);
  });
});

describe('passwordProblem', () => {
  it("gives the first of IAM's limits a password breaks", () => {
    assert.equal(passwordProblem('Good-Password-1'), undefined);
    assert.equal(passwordProblem(''), lengthProblem(''));
    assert.equal(passwordProblem('a\u0100'), characterProblem('a\u0100'));
    assert.equal(passwordProblem(`${'a'.repeat(129)}\u0100`), lengthProblem('a'.repeat(130)));
  });

  it('says which password, as a file names it', () => {
    assert.equal(passwordNamed('OldPassword', 'x'), 'Current password: x');
    assert.equal(passwordNamed('NewPassword', 'x'), 'New password: x');
  });
});

describe('the new password', () => {
  it('may not be only whitespace', () => {
    assert.equal(blankProblem(' \t '), 'The new password is only whitespace');
    assert.equal(blankProblem(' a '), undefined);
    assert.equal(blankProblem(''), undefined, 'empty is the length rule');
  });

  it('must differ from the current one', () => {
    assert.equal(sameAsCurrentProblem('Same-1', 'Same-1'), 'The new password must differ from the current one');
    assert.equal(sameAsCurrentProblem('Same-1', 'Same-2'), undefined);
  });

  it('must be typed twice alike', () => {
    assert.equal(confirmationProblem('Abc-123', 'Abc-123'), undefined);
    assert.equal(confirmationProblem('Abc-123', 'Abc-124'), 'This does not match the new password. Type it again, or go Back to change it');
  });

  it('is checked for the limits, then blanks, then the current password when it is known', () => {
    assert.equal(newPasswordProblem('a\u0100', 'a\u0100'), characterProblem('a\u0100'));
    assert.equal(newPasswordProblem('   ', '   '), blankProblem('   '));
    assert.equal(newPasswordProblem('Same-1'), undefined);
    assert.equal(newPasswordProblem('Same-1', 'Same-1'), sameAsCurrentProblem('Same-1', 'Same-1'));
  });
});

describe('policy rules', () => {
  it('measures the minimum length in code points', () => {
    assert.deepEqual(minimumLengthRule('ééééééé', 8), { label: 'at least 8 characters', met: false });
    assert.equal(minimumLengthRule('éééééééé', 8).met, true);
  });

  it('counts only IAM_SYMBOLS as symbols: not space, ~, é, or other punctuation', () => {
    for (const c of [' ', '~', 'é', '`', '"', ';', ':', ',', '.', '/', '?', '<', '>', '\\', '\u00a7']) {
      assert.equal(kindRule(`a${c}`, kind('RequireSymbols')).met, false, JSON.stringify(c));
    }
    for (const c of IAM_SYMBOLS) {
      assert.equal(kindRule(`a${c}`, kind('RequireSymbols')).met, true, c);
    }
  });

  it('counts only ASCII letters and digits as uppercase, lowercase and numbers', () => {
    for (const id of ['RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'RequireNumbers']) {
      assert.equal(kindRule('ÉéÀ²½', kind(id)).met, false, id);
      assert.equal(kindRule('Zz9', kind(id)).met, true, id);
    }
  });

  it("applies AWS's default three of the four kinds", () => {
    for (const [password, met] of [
      ['abcdefgh', false],
      ['abcdefg!', false],
      ['abcdefG1', true],
      ['abcdef!1', true],
      ['ABCDEF!1', true],
    ] as const) {
      assert.equal(threeKindsRule(password).met, met, password);
    }
    assert.equal(threeKindsRule('a').label, 'at least 3 of: uppercase, lowercase, numbers, symbols');
  });

  it('lists what the password still needs in one message', () => {
    assert.equal(policyProblem([]), undefined);
    assert.equal(
      policyProblem([minimumLengthRule('a', 12), kindRule('a', kind('RequireNumbers'))]),
      'The password policy still needs: at least 12 characters; a number (0-9)',
    );
  });
});

describe('one message per rule', () => {
  it('says each message of passwordRules.ts in that file only, once', () => {
    const srcDir = path.resolve(__dirname, '../../../../src');
    const files = fs.readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const sources = files.map((f) => ({ file: f, text: fs.readFileSync(path.join(srcDir, f), 'utf8') }));
    const rules = sources.find((s) => s.file === path.join('password', 'passwordRules.ts'))?.text ?? '';
    const messages = [...rules.matchAll(/message: '([^']+)'|l10n\.t\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]);
    assert.ok(messages.length >= 12, `found ${messages.length} messages`);
    for (const message of messages) {
      const where = sources.flatMap((s) => Array(s.text.split(message).length - 1).fill(s.file));
      assert.deepEqual(where, [path.join('password', 'passwordRules.ts')], message);
    }
  });
});

describe('visiblePassword', () => {
  it('writes the password as JSON does, and every character one cannot see as \\uXXXX', () => {
    assert.equal(visiblePassword(' Tr0ub4dor\u00a0\u00ad\u0085\u200b\té"'), '" Tr0ub4dor\\u00a0\\u00ad\\u0085\\u200b\\té\\""');
  });
});
