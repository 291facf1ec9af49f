import * as assert from 'node:assert/strict';
import { parseChangePasswordFile } from '../../../src/changePasswordFile/parse';
import type { TextRange } from '../../../src/changePasswordFile/model';
import { only, problems, span, typeMessage } from './support';

describe('parseChangePasswordFile (JSON)', () => {
  it('reads both passwords and the ranges of their tokens', () => {
    const text = '{\n    "OldPassword": "old pass",\n    "NewPassword": "N3w&P=ss+%"\n}\n';
    const parsed = parseChangePasswordFile(text, 'json');
    assert.deepEqual(parsed, {
      values: { OldPassword: 'old pass', NewPassword: 'N3w&P=ss+%' },
      valueRanges: { OldPassword: span(text, '"old pass"'), NewPassword: span(text, '"N3w&P=ss+%"') },
      problems: [],
    });
  });

  it('keeps a problem inside the text when the file ends on a backslash (found by the fuzz suite)', () => {
    const text = '{"OldPassword": "a\\';
    const [problem] = parseChangePasswordFile(text, 'json').problems;
    assert.equal(problem.message, 'Invalid escape sequence in string');
    assert.deepEqual(problem.range, { start: text.length - 1, end: text.length });
  });

  it('tolerates a BOM, comments and trailing commas, as VS Code JSONC does', () => {
    const text = '\uFEFF// change-password.json\n{\n  /* current */ "OldPassword": "a//b/*c*/", // trailing\n  "NewPassword": "x",\n}\n/* end */\n';
    const parsed = parseChangePasswordFile(text, 'json');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: 'a//b/*c*/', NewPassword: 'x' });
    assert.deepEqual(parsed.valueRanges.OldPassword, span(text, '"a//b/*c*/"'));
  });

  it('decodes every JSON escape', () => {
    const text = String.raw`{"OldPassword": "q\"b\\s\/n\nr\rt\tA\u00ff\u0041", "NewPassword": "\u00e9t\u00E9"}`;
    assert.deepEqual(parseChangePasswordFile(text, 'json').values, { OldPassword: 'q"b\\s/n\nr\rt\tA\u00ffA', NewPassword: 'été' });
  });

  it('treats a missing key or "" as not a problem: the flow asks for it', () => {
    assert.deepEqual(parseChangePasswordFile('{"NewPassword": ""}', 'json'), {
      values: {},
      valueRanges: { NewPassword: { start: 16, end: 18 } },
      problems: [],
    });
    assert.deepEqual(parseChangePasswordFile('{}', 'json'), { values: {}, valueRanges: {}, problems: [] });
  });

  it('reports an unknown key exactly as the CLI does, at the key', () => {
    const text = '{\n  "Bogus": "x",\n  "OldPassword": "a"\n}';
    const parsed = parseChangePasswordFile(text, 'json');
    assert.deepEqual(parsed.problems, [
      {
        code: 'unknown-key',
        message: 'Unknown parameter in input: "Bogus", must be one of: OldPassword, NewPassword',
        range: span(text, '"Bogus"'),
      },
    ]);
    assert.deepEqual(parsed.values, { OldPassword: 'a' });
  });

  it('is case-sensitive about keys, like the CLI', () => {
    assert.equal(only('{"oldPassword": "a"}', 'json').message, 'Unknown parameter in input: "oldPassword", must be one of: OldPassword, NewPassword');
  });

  it('names the type of a non-string value with the CLI wording but without the value', () => {
    const cases: [string, string, string][] = [
      ['12345678', 'int', ' (put the value in quotes)'],
      ['-0', 'int', ' (put the value in quotes)'],
      ['1.5', 'float', ' (put the value in quotes)'],
      ['-2.5e3', 'float', ' (put the value in quotes)'],
      ['1E3', 'float', ' (put the value in quotes)'],
      ['true', 'bool', ' (put the value in quotes)'],
      ['false', 'bool', ' (put the value in quotes)'],
      ['null', 'NoneType', ' (write "" to be asked for it)'],
      ['{"a": "secret"}', 'dict', ''],
      ['["secret", 1,]', 'list', ''],
      ['[]', 'list', ''],
    ];
    for (const [token, type, hint] of cases) {
      const text = `{\n  "OldPassword": ${token},\n  "NewPassword": "ok"\n}`;
      const parsed = parseChangePasswordFile(text, 'json');
      assert.deepEqual(
        parsed.problems.map(({ code, message, range }) => ({ code, message, range })),
        [{ code: 'not-string', message: typeMessage('OldPassword', type, hint), range: span(text, token) }],
        token,
      );
      assert.deepEqual(parsed.values, { NewPassword: 'ok' });
      assert.deepEqual(parsed.valueRanges.OldPassword, span(text, token));
    }
  });

  it('reports an over-long value with its length, never the value', () => {
    const long = 'a'.repeat(129);
    const text = `{"NewPassword": "${long}"}`;
    assert.deepEqual(only(text, 'json'), {
      code: 'too-long',
      message: 'New password: The password has 129 characters; IAM allows 1 to 128',
      range: span(text, `"${long}"`),
    });
    assert.deepEqual(parseChangePasswordFile(text, 'json').values, {});
    assert.deepEqual(parseChangePasswordFile(`{"NewPassword": "${'é'.repeat(128)}"}`, 'json').problems, []);
  });

  it('names the first disallowed character by position and code point, raw or escaped, on the value', () => {
    const raw = '{\n  "OldPassword": "okay",\n  "NewPassword": "Pass\u0100word\u0101"\n}';
    assert.deepEqual(only(raw, 'json'), {
      code: 'bad-char',
      message: 'New password: Character 5 (U+0100) is not allowed; IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF',
      range: span(raw, '"Pass\u0100word\u0101"'),
    });
    assert.match(only(String.raw`{"OldPassword": "ab\u0100c"}`, 'json').message, /^Current password: Character 3 \(U\+0100\)/);
    assert.match(only(String.raw`{"OldPassword": "ab\ud83d\ude00"}`, 'json').message, /^Current password: Character 3 \(U\+1F600\)/);
    assert.match(only('{"OldPassword": "x\u{1F600}y"}', 'json').message, /^Current password: Character 2 \(U\+1F600\)/);
    assert.match(only(String.raw`{"OldPassword": "a\b"}`, 'json').message, /U\+0008/);
  });

  it('refuses a new password that is only whitespace, or the same as the old one, with the rules of the input boxes', () => {
    const blank = '{"OldPassword": "x", "NewPassword": " \\t "}';
    assert.deepEqual(only(blank, 'json'), { code: 'blank', message: 'The new password is only whitespace', range: span(blank, '" \\t "') });
    const same = '{"OldPassword": "Same-1", "NewPassword": "Same-1"}';
    assert.deepEqual(only(same, 'json'), {
      code: 'same-as-current',
      message: 'The new password must differ from the current one',
      range: span(same, '"Same-1"', 2),
    });
    assert.deepEqual(problems('{"OldPassword": "", "NewPassword": ""}', 'json'), [], 'empty values are asked for');
  });

  it('reports a value both too long and with a bad character twice, and neither message holds it', () => {
    const password = 'Zq'.repeat(70) + '\u0100';
    const found = problems(`{"OldPassword": "${password}"}`, 'json');
    assert.deepEqual(
      found.map((p) => p.code),
      ['too-long', 'bad-char'],
    );
    assert.ok(found.every((p) => !p.message.includes('ZqZq')));
  });

  it('reports a duplicate key at the second occurrence', () => {
    const text = '{"OldPassword": "a", "NewPassword": "b", "OldPassword": "c"}';
    assert.deepEqual(only(text, 'json'), {
      code: 'duplicate-key',
      message: 'Duplicate parameter "OldPassword": remove one of them (the AWS CLI would silently use the last)',
      range: span(text, '"OldPassword"', 2),
    });
  });

  it('refuses a top level that is not an object', () => {
    const cases: [string, string][] = [
      ['[1]', 'list'],
      ['"OldPassword"', 'str'],
      [' 42 ', 'int'],
      ['null', 'NoneType'],
    ];
    for (const [text, type] of cases) {
      assert.deepEqual(only(text, 'json'), {
        code: 'not-object',
        message: `Invalid type: expecting map, received <class '${type}'>`,
        range: span(text, text.trim()),
      });
    }
  });

  it('refuses an empty file', () => {
    for (const text of ['', '\uFEFF', '  \n// nothing\n']) {
      assert.deepEqual(only(text, 'json'), {
        code: 'not-object',
        message: 'The file is empty: expected OldPassword and NewPassword',
        range: { start: 0, end: text.length },
      });
    }
  });

  it('reports syntax errors at their range', () => {
    const cases: [string, string, TextRange][] = [
      ['{\n  "OldPassword": "a",\n  "NewPassword": "b" x\n}', 'Unexpected text (strings need double quotes)', { start: 45, end: 46 }],
      ['{"OldPassword": secret}', 'Unexpected text (strings need double quotes)', { start: 16, end: 22 }],
      ["{'OldPassword': 'a'}", 'Unexpected text (strings need double quotes)', { start: 1, end: 14 }],
      ['{"OldPassword": "abc', 'Unterminated string', { start: 16, end: 20 }],
      ['{"OldPassword": "abc\n"}', 'Unterminated string', { start: 16, end: 20 }],
      ['{ /* open', 'Unterminated comment', { start: 2, end: 9 }],
      ['{"OldPassword" "a"}', 'Expected a colon after the property name', { start: 15, end: 18 }],
      ['{"OldPassword": }', 'Expected a value', { start: 16, end: 17 }],
      ['{"OldPassword": "a"', 'Unexpected end of file: expected }', { start: 19, end: 19 }],
      ['{"OldPassword": "a",,}', 'Expected a property name in double quotes', { start: 20, end: 21 }],
      ['{"OldPassword": "a"}{}', 'Expected the end of the file', { start: 20, end: 21 }],
      ['{"OldPassword": "a"}\nx', 'Expected the end of the file', { start: 21, end: 22 }],
      ['{"OldPassword": "a\\qb"}', 'Invalid escape sequence in string', { start: 18, end: 20 }],
      ['{"OldPassword": "a\\u00g0"}', 'Invalid escape sequence in string', { start: 18, end: 20 }],
      ['{"OldPassword": "a\\\\\\qb"}', 'Invalid escape sequence in string', { start: 20, end: 22 }],
      ['{"OldPassword": "a\tb"}', 'Control character U+0009 in a string (write it as an escape, like \\t)', { start: 18, end: 19 }],
      ['{"OldPassword": 1.}', 'Incomplete number: digits must follow "." and "e"', { start: 16, end: 18 }],
      ['{"OldPassword": [1 2]}', 'Expected a comma', { start: 19, end: 20 }],
      ['{"OldPassword":', 'Expected a value', { start: 15, end: 15 }],
      ['{', 'Unexpected end of file: expected }', { start: 1, end: 1 }],
      ['[1, {"a": 2}', 'Unexpected end of file: expected ]', { start: 12, end: 12 }],
    ];
    for (const [text, message, range] of cases) {
      assert.deepEqual(only(text, 'json'), { code: 'syntax', message, range }, text);
    }
  });

  it('reads on after a forgotten comma between members, so later keys are still checked', () => {
    const text = '{\n  "OldPassword": "a"\n  "NewPassword": "b"\n  "Bogus": 1\n}';
    assert.deepEqual(problems(text, 'json'), [
      { code: 'syntax', message: 'Expected a comma', range: span(text, '"NewPassword"') },
      { code: 'syntax', message: 'Expected a comma', range: span(text, '"Bogus"') },
      { code: 'unknown-key', message: 'Unknown parameter in input: "Bogus", must be one of: OldPassword, NewPassword', range: span(text, '"Bogus"') },
    ]);
    assert.deepEqual(parseChangePasswordFile(text, 'json').values, { OldPassword: 'a', NewPassword: 'b' });
  });

  it('reads nothing after any other error: a value the error is in, or an object or array the file ends inside, is not checked', () => {
    const cases: [string, string][] = [
      ['{"OldPassword": "a" /* x', 'Unterminated comment'],
      ['{"Bogus": [1, {"a": 2}', 'Unexpected end of file: expected ]'],
      ['{"OldPassword": [1, [2]', 'Unexpected end of file: expected ]'],
      ['{"OldPassword": tru, "Bogus": 1}', 'Unexpected text (strings need double quotes)'],
      ['{"OldPassword": "a" "NewPassword', 'Unterminated string'],
    ];
    for (const [text, message] of cases) {
      assert.equal(only(text, 'json').message, message, text);
    }
    assert.deepEqual(parseChangePasswordFile('{"OldPassword": "a", "NewPassword": "b" oops', 'json').values, { OldPassword: 'a', NewPassword: 'b' });
    const closed = '{"OldPassword": [1]x}';
    assert.deepEqual(
      problems(closed, 'json').map((p) => p.code),
      ['not-string', 'syntax'],
      'an array closed just before the error was read whole',
    );
  });

  it('keeps offsets right after a BOM and CRLF line ends', () => {
    const text = '\uFEFF{\r\n  "OldPassword": 1\r\n}';
    assert.deepEqual(only(text, 'json').range, span(text, '1'));
    const bad = '\uFEFF{\r\n  "OldPassword": "x" y\r\n}';
    assert.deepEqual(only(bad, 'json').range, span(bad, 'y'));
  });
});
