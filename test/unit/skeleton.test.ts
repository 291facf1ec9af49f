import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isAllowedCodePoint } from '../../src/core/passwordPolicy';
import {
  clearPasswords,
  formatForFileName,
  generateSkeleton,
  offsetToPosition,
  parseSkeleton,
  SkeletonFormat,
  TextRange,
} from '../../src/core/skeleton';

// What `aws iam change-password --generate-cli-skeleton [yaml-input]` printed (AWS CLI 2.9.19), checked with od -c.
const CLI_JSON = '{\n    "OldPassword": "",\n    "NewPassword": ""\n}\n';
const CLI_YAML = "OldPassword: ''  # [REQUIRED] The IAM user's current password.\nNewPassword: '' # [REQUIRED] The new password.\n";
const AWS_CLI_V2 = '/usr/bin/aws';

/** The range of the only occurrence of needle (the n-th when several). */
function span(text: string, needle: string, nth = 1): TextRange {
  let start = -1;
  for (let i = 0; i < nth; i++) {
    start = text.indexOf(needle, start + 1);
    assert.ok(start >= 0, `${JSON.stringify(needle)} #${i + 1} not in ${JSON.stringify(text)}`);
  }
  return { start, end: start + needle.length };
}

function problems(text: string, format: SkeletonFormat): { code: string; message: string; range: TextRange }[] {
  return parseSkeleton(text, format).problems.map(({ code, message, range, severity }) => {
    assert.equal(severity, 'error');
    return { code, message, range };
  });
}

function only(text: string, format: SkeletonFormat): { code: string; message: string; range: TextRange } {
  const found = problems(text, format);
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0];
}

const typeMessage = (key: string, type: string, hint = ' (put the value in quotes)'): string =>
  `Invalid type for parameter ${key}, type: <class '${type}'>, valid types: <class 'str'>${hint}`;
const unsupportedMessage = (line: number, column: number, what: string): string =>
  `Unsupported YAML at line ${line}, column ${column}: ${what}; this file only supports simple "Key: value" lines`;

describe('generateSkeleton', () => {
  it('prints exactly what AWS CLI v2 prints', () => {
    assert.equal(generateSkeleton('json'), CLI_JSON);
    assert.equal(generateSkeleton('yaml'), CLI_YAML);
  });

  it('parses back without problems or values', () => {
    for (const format of ['json', 'yaml'] as const) {
      const text = generateSkeleton(format);
      const parsed = parseSkeleton(text, format);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.values, {});
      const empty = format === 'json' ? '""' : "''";
      assert.deepEqual(parsed.valueRanges, { OldPassword: span(text, empty), NewPassword: span(text, empty, 2) });
    }
  });
});

describe('generateSkeleton against the installed AWS CLI v2', function () {
  this.timeout(60000);
  const cases: [SkeletonFormat, string[]][] = [
    ['json', []],
    ['json', ['input']],
    ['yaml', ['yaml-input']],
  ];
  for (const [format, argument] of cases) {
    it(`matches \`aws iam change-password --generate-cli-skeleton ${argument.join(' ')}\` byte for byte`, function () {
      if (!existsSync(AWS_CLI_V2)) {
        assert.notEqual(process.env.CI, 'true', `${AWS_CLI_V2} is missing; under CI=true the live comparison must run`);
        console.warn(`\n      !!! SKIPPED: ${AWS_CLI_V2} not found, the skeleton was NOT compared with the live AWS CLI !!!\n`);
        this.skip();
      }
      const printed = execFileSync(AWS_CLI_V2, ['iam', 'change-password', '--generate-cli-skeleton', ...argument], {
        encoding: 'utf8',
        env: { ...process.env, AWS_PAGER: '' },
      });
      assert.equal(generateSkeleton(format), printed);
    });
  }
});

describe('formatForFileName', () => {
  it('matches the names the when-clauses match, case-sensitively', () => {
    const expected: [string, SkeletonFormat | undefined][] = [
      ['change-password.json', 'json'],
      ['change-password.yaml', 'yaml'],
      ['change-password.yml', 'yaml'],
      ['prod.change-password.json', 'json'],
      ['a.b.change-password.yml', 'yaml'],
      ['/home/me/work/prod.change-password.yaml', 'yaml'],
      ['C:\\work\\change-password.json', 'json'],
      ['Change-Password.json', undefined],
      ['change-password.JSON', undefined],
      ['.change-password.json', undefined],
      ['my-change-password.json', undefined],
      ['change-password.json.bak', undefined],
      ['change-password.jsonc', undefined],
      ['change-password', undefined],
      ['', undefined],
    ];
    for (const [name, format] of expected) {
      assert.equal(formatForFileName(name), format, name);
    }
  });
});

describe('offsetToPosition', () => {
  it('gives 1-based lines and columns for \\n, \\r\\n and \\r line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const expected: [number, number, number][] = [
      [0, 1, 1],
      [2, 1, 3],
      [3, 2, 1],
      [5, 2, 3],
      [6, 2, 4],
      [7, 3, 1],
      [10, 4, 1],
      [12, 4, 3],
    ];
    for (const [offset, line, column] of expected) {
      assert.deepEqual(offsetToPosition(text, offset), { line, column }, `offset ${offset}`);
    }
  });

  it('clamps offsets outside the text', () => {
    assert.deepEqual(offsetToPosition('ab\ncd', 99), { line: 2, column: 3 });
    assert.deepEqual(offsetToPosition('ab', -5), { line: 1, column: 1 });
  });
});

describe('parseSkeleton (JSON)', () => {
  it('reads both passwords and the ranges of their tokens', () => {
    const text = '{\n    "OldPassword": "old pass",\n    "NewPassword": "N3w&P=ss+%"\n}\n';
    const parsed = parseSkeleton(text, 'json');
    assert.deepEqual(parsed, {
      values: { OldPassword: 'old pass', NewPassword: 'N3w&P=ss+%' },
      valueRanges: { OldPassword: span(text, '"old pass"'), NewPassword: span(text, '"N3w&P=ss+%"') },
      problems: [],
    });
  });

  it('tolerates a BOM, comments and trailing commas, as VS Code JSONC does', () => {
    const text = '\uFEFF// change-password.json\n{\n  /* current */ "OldPassword": "a//b/*c*/", // trailing\n  "NewPassword": "x",\n}\n/* end */\n';
    const parsed = parseSkeleton(text, 'json');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: 'a//b/*c*/', NewPassword: 'x' });
    assert.deepEqual(parsed.valueRanges.OldPassword, span(text, '"a//b/*c*/"'));
  });

  it('decodes every JSON escape', () => {
    const text = String.raw`{"OldPassword": "q\"b\\s\/n\nr\rt\tA\u00ff\u0041", "NewPassword": "\u00e9t\u00E9"}`;
    assert.deepEqual(parseSkeleton(text, 'json').values, { OldPassword: 'q"b\\s/n\nr\rt\tA\u00ffA', NewPassword: 'été' });
  });

  it('treats a missing key or "" as not a problem: the flow asks for it', () => {
    assert.deepEqual(parseSkeleton('{"NewPassword": ""}', 'json'), {
      values: {},
      valueRanges: { NewPassword: { start: 16, end: 18 } },
      problems: [],
    });
    assert.deepEqual(parseSkeleton('{}', 'json'), { values: {}, valueRanges: {}, problems: [] });
  });

  it('reports an unknown key exactly as the CLI does, at the key', () => {
    const text = '{\n  "Bogus": "x",\n  "OldPassword": "a"\n}';
    const parsed = parseSkeleton(text, 'json');
    assert.deepEqual(parsed.problems, [
      {
        code: 'unknown-key',
        message: 'Unknown parameter in input: "Bogus", must be one of: OldPassword, NewPassword',
        range: span(text, '"Bogus"'),
        severity: 'error',
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
      const parsed = parseSkeleton(text, 'json');
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
      message: 'Invalid length for parameter NewPassword, value: 129, valid max length: 128',
      range: span(text, `"${long}"`),
    });
    assert.deepEqual(parseSkeleton(text, 'json').values, {});
    assert.deepEqual(parseSkeleton(`{"NewPassword": "${'é'.repeat(128)}"}`, 'json').problems, []);
  });

  it('points at the first disallowed character by code point, line and column, raw or escaped', () => {
    const raw = '{\n  "OldPassword": "okay",\n  "NewPassword": "Pass\u0100word\u0101"\n}';
    assert.deepEqual(only(raw, 'json'), {
      code: 'bad-char',
      message:
        'Invalid character for parameter NewPassword: U+0100 at line 3, column 23; IAM allows only tab, line feed, carriage return and U+0020 to U+00FF',
      range: span(raw, '\u0100'),
    });
    const escaped = String.raw`{"OldPassword": "ab\u0100c"}`;
    assert.deepEqual(only(escaped, 'json').range, span(escaped, String.raw`\u0100`));
    const pair = String.raw`{"OldPassword": "ab\ud83d\ude00"}`;
    assert.match(only(pair, 'json').message, /U\+1F600 at line 1, column 20;/);
    assert.deepEqual(only(pair, 'json').range, span(pair, String.raw`\ud83d\ude00`));
    const emoji = '{"OldPassword": "x\u{1F600}y"}';
    assert.deepEqual(only(emoji, 'json').range, span(emoji, '\u{1F600}'));
    assert.match(only(String.raw`{"OldPassword": "a\b"}`, 'json').message, /U\+0008/);
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

  it('reports syntax errors with line and column', () => {
    const cases: [string, string, TextRange][] = [
      ['{\n  "OldPassword": "a",\n  "NewPassword": "b" x\n}', 'Expected a comma or } at line 3, column 22', { start: 45, end: 46 }],
      ['{"OldPassword": "abc', 'Unterminated string at line 1, column 17', { start: 16, end: 20 }],
      ['{"OldPassword": "abc\n"}', 'Unterminated string at line 1, column 17', { start: 16, end: 20 }],
      ['{ /* open', 'Unterminated comment at line 1, column 3', { start: 2, end: 9 }],
      ['{"OldPassword" "a"}', 'Expected a colon after the property name at line 1, column 16', { start: 15, end: 16 }],
      ['{"OldPassword": }', 'Expected a value at line 1, column 17', { start: 16, end: 17 }],
      ['{"OldPassword": "a"', 'Expected a comma or } at line 1, column 20', { start: 19, end: 19 }],
      ["{'OldPassword': 'a'}", 'Expected a property name in double quotes at line 1, column 2', { start: 1, end: 2 }],
      ['{,}', 'Expected a property name in double quotes at line 1, column 2', { start: 1, end: 2 }],
      ['{"OldPassword": "a",,}', 'Expected a property name in double quotes at line 1, column 21', { start: 20, end: 21 }],
      ['{"OldPassword": "a"} x', 'Expected the end of the file at line 1, column 22', { start: 21, end: 22 }],
      ['{"OldPassword": "a"}{}', 'Expected the end of the file at line 1, column 21', { start: 20, end: 21 }],
      ['{"OldPassword": "a\\qb"}', 'Invalid escape sequence in string at line 1, column 19', { start: 18, end: 20 }],
      ['{"OldPassword": "a\\u00g0"}', 'Invalid escape sequence in string at line 1, column 19', { start: 18, end: 20 }],
      ['{"OldPassword": "a\tb"}', 'Control character U+0009 in a string (write it as an escape, like \\t) at line 1, column 19', { start: 18, end: 19 }],
      ['{"OldPassword": -}', 'Expected a value at line 1, column 17', { start: 16, end: 17 }],
      ['{"OldPassword": tru}', 'Expected a value at line 1, column 17', { start: 16, end: 17 }],
      ['{"OldPassword": [1 2]}', 'Expected a comma or ] at line 1, column 20', { start: 19, end: 20 }],
      ['{"OldPassword":', 'Unexpected end of file at line 1, column 16', { start: 15, end: 15 }],
      ['{', 'Unexpected end of file at line 1, column 2', { start: 1, end: 1 }],
    ];
    for (const [text, message, range] of cases) {
      assert.deepEqual(only(text, 'json'), { code: 'syntax', message, range }, text);
    }
  });

  it('reads on after a forgotten comma between members, so later keys are still checked', () => {
    const text = '{\n  "OldPassword": "a"\n  "NewPassword": "b"\n  "Bogus": 1\n}';
    assert.deepEqual(problems(text, 'json'), [
      { code: 'syntax', message: 'Expected a comma or } at line 3, column 3', range: { start: 25, end: 26 } },
      { code: 'syntax', message: 'Expected a comma or } at line 4, column 3', range: { start: 46, end: 47 } },
      { code: 'unknown-key', message: 'Unknown parameter in input: "Bogus", must be one of: OldPassword, NewPassword', range: span(text, '"Bogus"') },
    ]);
    assert.deepEqual(parseSkeleton(text, 'json').values, { OldPassword: 'a', NewPassword: 'b' });
  });

  it('keeps offsets right after a BOM and CRLF line ends', () => {
    const text = '\uFEFF{\r\n  "OldPassword": 1\r\n}';
    assert.deepEqual(only(text, 'json').range, span(text, '1'));
    const bad = '\uFEFF{\r\n  "OldPassword": "x" y\r\n}';
    assert.equal(only(bad, 'json').message, 'Expected a comma or } at line 2, column 22');
  });
});

describe('parseSkeleton (YAML)', () => {
  it('reads plain, single-quoted and double-quoted values', () => {
    const text = [
      '---',
      '# change-password.yaml',
      '',
      "OldPassword: 'it''s a #secret'  # [REQUIRED] The IAM user's current password.",
      'NewPassword: "tab\\there \\"q\\" \\\\ \\x41\\u00e9\\/"',
      '...',
      '# after the end',
      '',
    ].join('\n');
    const parsed = parseSkeleton(text, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: "it's a #secret", NewPassword: 'tab\there "q" \\ Aé/' });
    assert.deepEqual(parsed.valueRanges, {
      OldPassword: span(text, "'it''s a #secret'"),
      NewPassword: span(text, '"tab\\there \\"q\\" \\\\ \\x41\\u00e9\\/"'),
    });
  });

  it('ends a plain value at " #" and trailing blanks, but keeps # and : inside it', () => {
    const text = 'OldPassword: pass#word:x  # comment\nNewPassword:    spaced  value  \n';
    const parsed = parseSkeleton(text, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: 'pass#word:x', NewPassword: 'spaced  value' });
    assert.deepEqual(parsed.valueRanges, { OldPassword: span(text, 'pass#word:x'), NewPassword: span(text, 'spaced  value') });
  });

  it('refuses a tab outside quotes, which the AWS CLI cannot read, but allows one inside quotes or a comment', () => {
    const refused = ['OldPassword:\tab\n', 'OldPassword: a\tb\n', 'OldPassword: ab\t# c\n', "OldPassword: 'ab'\t\n", 'OldPassword\t: ab\n', "'OldPassword' :\tab\n"];
    for (const text of refused) {
      const tab = text.indexOf('\t');
      assert.deepEqual(
        only(text, 'yaml'),
        {
          code: 'syntax',
          message: `A tab outside quotes (the AWS CLI cannot read it; use spaces, or quote the value) at line 1, column ${tab + 1}`,
          range: { start: tab, end: tab + 1 },
        },
        JSON.stringify(text),
      );
    }
    const parsed = parseSkeleton('OldPassword: "a\tb" # c\td\nNewPassword: \'x\ty\'\n# \tcomment\n', 'yaml');
    assert.deepEqual([parsed.values, parsed.problems], [{ OldPassword: 'a\tb', NewPassword: 'x\ty' }, []]);
  });

  it('accepts quoted keys, a space before the colon, CRLF and a BOM', () => {
    const text = '\uFEFF"OldPassword": a\r\n\'NewPassword\' : b\r\n';
    const parsed = parseSkeleton(text, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: 'a', NewPassword: 'b' });
    assert.deepEqual(parsed.valueRanges.NewPassword, span(text, 'b'));
  });

  it('treats a null (empty, ~, null) as empty: no value, no problem', () => {
    const text = 'OldPassword:\nNewPassword: ~ # ask me\n';
    assert.deepEqual(parseSkeleton(text, 'yaml'), { values: {}, valueRanges: { NewPassword: span(text, '~') }, problems: [] });
    for (const token of ['null', 'Null', 'NULL', "''", '""', '# just a comment']) {
      const parsed = parseSkeleton(`OldPassword: ${token}\n`, 'yaml');
      assert.deepEqual([parsed.values, parsed.problems], [{}, []], token);
    }
  });

  it('types plain values as the CLI does (YAML 1.2 plus its loader): these are not strings', () => {
    const cases: [string, string][] = [
      ['123', 'int'],
      ['+12', 'int'],
      ['-0', 'int'],
      ['017', 'int'],
      ['0x1F', 'int'],
      ['-0x1F', 'int'],
      ['0o17', 'int'],
      ['0b101', 'int'],
      ['1_000', 'int'],
      ['1.5', 'float'],
      ['.5', 'float'],
      ['+.5', 'float'],
      ['1.', 'float'],
      ['1e3', 'float'],
      ['1.e3', 'float'],
      ['.5e+3', 'float'],
      ['-1.5E3', 'float'],
      ['1_0.5', 'float'],
      ['.inf', 'float'],
      ['-.Inf', 'float'],
      ['.NaN', 'float'],
      ['true', 'bool'],
      ['True', 'bool'],
      ['FALSE', 'bool'],
      ['2001-12-14', 'datetime.date'],
      ['2001-12-14T21:59:43.10-05:00', 'datetime.datetime'],
      ['2001-12-14 21:59:43.10', 'datetime.datetime'],
    ];
    for (const [token, type] of cases) {
      const text = `NewPassword: ${token}  # typed\n`;
      assert.deepEqual(only(text, 'yaml'), { code: 'not-string', message: typeMessage('NewPassword', type), range: span(text, token) }, token);
    }
  });

  it('keeps as strings what the CLI keeps as strings', () => {
    const strings = ['=#', '==', '=a', 'yes', 'no', 'on', 'off', 'y', 'n', 'fAlse', 'nULL', '1e', '0x', '0o8', '0xg', '_1', '2001-1-4', '12:30', '0.1.2', 'inf', 'Infinity', '.5e3', '.', '+', 'a b'];
    for (const token of strings) {
      const parsed = parseSkeleton(`OldPassword: ${token}\n`, 'yaml');
      assert.deepEqual([parsed.values, parsed.problems], [{ OldPassword: token }, []], token);
    }
  });

  it('reports unknown and duplicate keys at the key', () => {
    const text = 'OldPassword: a\nBogus: b\nOldPassword: c\n';
    assert.deepEqual(problems(text, 'yaml'), [
      { code: 'unknown-key', message: 'Unknown parameter in input: "Bogus", must be one of: OldPassword, NewPassword', range: span(text, 'Bogus') },
      {
        code: 'duplicate-key',
        message: 'Duplicate parameter "OldPassword": remove one of them (the AWS CLI would silently use the last)',
        range: span(text, 'OldPassword', 2),
      },
    ]);
  });

  it('reports length and bad characters like JSON, pointing into quoted escapes', () => {
    const long = 'b'.repeat(130);
    assert.deepEqual(only(`OldPassword: ${long}\n`, 'yaml'), {
      code: 'too-long',
      message: 'Invalid length for parameter OldPassword, value: 130, valid max length: 128',
      range: { start: 13, end: 143 },
    });
    const text = 'OldPassword: ok\nNewPassword: "ab\\u0100"\n';
    assert.deepEqual(only(text, 'yaml'), {
      code: 'bad-char',
      message: 'Invalid character for parameter NewPassword: U+0100 at line 2, column 17; IAM allows only tab, line feed, carriage return and U+0020 to U+00FF',
      range: span(text, '\\u0100'),
    });
    const astral = 'NewPassword: "\\U0001F600"\n';
    assert.deepEqual(only(astral, 'yaml').range, span(astral, '\\U0001F600'));
    const raw = "NewPassword: 'x\u{1F600}'\n";
    assert.deepEqual(only(raw, 'yaml').range, span(raw, '\u{1F600}'));
  });

  it('reports YAML outside the supported subset, with its position', () => {
    const cases: [string, number, number, string][] = [
      ['OldPassword: [a, b]\n', 1, 14, 'flow collections ([ ], { })'],
      ['OldPassword: {a: b}\n', 1, 14, 'flow collections ([ ], { })'],
      ['{OldPassword: a}\n', 1, 1, 'flow collections ([ ], { })'],
      ['OldPassword: &anchor x\n', 1, 14, 'anchors (&)'],
      ['OldPassword: *alias\n', 1, 14, 'aliases (*)'],
      ['OldPassword: !!str 123\n', 1, 14, 'tags (!)'],
      ['OldPassword: |\n  secret\n', 1, 14, 'block scalars (| and >)'],
      ['OldPassword: >-\n  secret\n', 1, 14, 'block scalars (| and >)'],
      ["OldPassword: 'multi\n  line'\n", 1, 14, 'quoted values that continue on the next line'],
      ['OldPassword: "multi \\\n  line"\n', 1, 14, 'quoted values that continue on the next line'],
      ['%YAML 1.2\n---\nOldPassword: a\n', 1, 1, 'directives (%)'],
      ['? OldPassword\n', 1, 1, 'complex keys (? and :)'],
      ['OldPassword: a\n: b\n', 2, 1, 'complex keys (? and :)'],
      ['--- OldPassword: a\n', 1, 5, 'content on the --- line'],
      ['OldPassword: a\n---\nNewPassword: b\n', 2, 1, 'more than one document'],
      ['OldPassword: a\n...\nNewPassword: b\n', 3, 1, 'more than one document'],
      ['OldPassword: a\n- b\n', 2, 1, 'lists'],
    ];
    for (const [text, line, column, what] of cases) {
      const found = problems(text, 'yaml');
      assert.equal(found[0]?.code, 'unsupported', text);
      assert.equal(found[0].message, unsupportedMessage(line, column, what), text);
      assert.deepEqual(offsetToPosition(text, found[0].range.start), { line, column }, text);
      assert.equal(found.length, 1, JSON.stringify(found));
    }
  });

  it('reports an indented block once, not once per line', () => {
    const text = 'OldPassword:\n  nested: 1\n\n  more: 2\nNewPassword: b\n';
    assert.deepEqual(problems(text, 'yaml'), [
      {
        code: 'unsupported',
        message: unsupportedMessage(2, 3, 'indented lines (nested mappings, lists, multi-line values)'),
        range: span(text, 'nested: 1'),
      },
    ]);
    assert.deepEqual(parseSkeleton(text, 'yaml').values, { NewPassword: 'b' });
  });

  it('refuses a list or an empty document as the top level', () => {
    assert.deepEqual(only('- a\n- b\n', 'yaml'), { code: 'not-object', message: "Invalid type: expecting map, received <class 'list'>", range: { start: 0, end: 3 } });
    for (const text of ['', '# nothing\n', '---\n...\n', '\n\n']) {
      assert.deepEqual(only(text, 'yaml'), {
        code: 'not-object',
        message: 'The file is empty: expected OldPassword and NewPassword',
        range: { start: 0, end: text.length },
      });
    }
  });

  it('reports syntax errors with line and column', () => {
    const cases: [string, string, TextRange][] = [
      ["OldPassword 'x'\n", 'Expected "Key: value" at line 1, column 1', { start: 0, end: 15 }],
      ['OldPassword: a\nplain words # no colon: here\n', 'Expected "Key: value" at line 2, column 1', { start: 15, end: 43 }],
      ['OldPassword: a: b\n', 'A value containing ": " must be quoted at line 1, column 15', { start: 14, end: 17 }],
      ['OldPassword: a:\n', 'A value containing ": " must be quoted at line 1, column 15', { start: 14, end: 15 }],
      ["OldPassword: 'a' b\n", 'Expected the end of the line after the quoted value at line 1, column 17', { start: 16, end: 18 }],
      ["OldPassword: 'a'# c\n", 'Expected the end of the line after the quoted value at line 1, column 17', { start: 16, end: 19 }],
      ['OldPassword: "\\q"\n', 'Invalid escape sequence "\\q" in a double-quoted value at line 1, column 15', { start: 14, end: 17 }],
      ['OldPassword: "\\x4"\n', 'Invalid escape sequence "\\x" in a double-quoted value at line 1, column 15', { start: 14, end: 18 }],
      ['OldPassword: "\\UZZsecret"\n', 'Invalid escape sequence "\\U" in a double-quoted value at line 1, column 15', { start: 14, end: 25 }],
      ['"OldPassword" a\n', 'Expected a colon after the key at line 1, column 14', { start: 13, end: 15 }],
      ['OldPassword: @home\n', 'A value starting with "@" must be quoted at line 1, column 14', { start: 13, end: 18 }],
      ['OldPassword: `x`\n', 'A value starting with "`" must be quoted at line 1, column 14', { start: 13, end: 16 }],
      ['OldPassword: %x\n', 'A value starting with "%" must be quoted at line 1, column 14', { start: 13, end: 15 }],
      ['OldPassword: - a\n', 'A value starting with "-" must be quoted at line 1, column 14', { start: 13, end: 16 }],
      ['OldPassword: ? a\n', 'A value starting with "?" must be quoted at line 1, column 14', { start: 13, end: 16 }],
      ['OldPassword: =  # c\n', 'A value starting with "=" must be quoted at line 1, column 14', { start: 13, end: 19 }],
      [':a\n', 'Expected "Key: value" at line 1, column 1', { start: 0, end: 2 }],
    ];
    for (const [text, message, range] of cases) {
      assert.deepEqual(only(text, 'yaml'), { code: 'syntax', message, range }, text);
    }
  });

  it('accepts plain values that merely start with an indicator-like character', () => {
    const parsed = parseSkeleton('OldPassword: -dash\nNewPassword: ?query\n', 'yaml');
    assert.deepEqual([parsed.values, parsed.problems], [{ OldPassword: '-dash', NewPassword: '?query' }, []]);
  });
});

describe('clearPasswords', () => {
  it('empties both JSON values and leaves every other byte alone', () => {
    const text = '\uFEFF// keep me\r\n{\r\n  "NewPassword": "n\\"ew", /* c */\r\n  "Bogus": "stay",\r\n  "OldPassword": 12345678,\r\n}\r\n';
    assert.equal(clearPasswords(text, 'json'), '\uFEFF// keep me\r\n{\r\n  "NewPassword": "", /* c */\r\n  "Bogus": "stay",\r\n  "OldPassword": "",\r\n}\r\n');
  });

  it('empties both YAML values and leaves comments, quotes style aside, untouched', () => {
    const text = "---\n# top\nOldPassword: plain secret # keep\nNewPassword: 'it''s'  # [REQUIRED] The new password.\nOther: z\n";
    assert.equal(clearPasswords(text, 'yaml'), "---\n# top\nOldPassword: '' # keep\nNewPassword: ''  # [REQUIRED] The new password.\nOther: z\n");
  });

  it('clears every occurrence of a duplicated key and non-string values too', () => {
    assert.equal(clearPasswords('OldPassword: a\nOldPassword: 123\nNewPassword: ~\n', 'yaml'), "OldPassword: ''\nOldPassword: ''\nNewPassword: ''\n");
    assert.equal(clearPasswords('{"OldPassword": "a", "OldPassword": {"x": "b"}}', 'json'), '{"OldPassword": "", "OldPassword": ""}');
  });

  it('leaves a skeleton as it is, and a cleared file holds no passwords', () => {
    for (const format of ['json', 'yaml'] as const) {
      assert.equal(clearPasswords(generateSkeleton(format), format), generateSkeleton(format));
    }
    const filled = '{\n    "OldPassword": "old&secret",\n    "NewPassword": "N3w!Secret\\u00e9"\n}\n';
    const cleared = clearPasswords(filled, 'json');
    assert.equal(cleared, generateSkeleton('json'));
    assert.deepEqual(parseSkeleton(cleared, 'json').values, {});
  });

  it('still clears the values it can read in a file with a later syntax error', () => {
    assert.equal(clearPasswords('{"OldPassword": "a", "NewPassword": "b" oops', 'json'), '{"OldPassword": "", "NewPassword": "" oops');
    assert.equal(clearPasswords('OldPassword: a\nNewPassword: [b]\n', 'yaml'), "OldPassword: ''\nNewPassword: [b]\n");
  });
});

describe('media/change-password.schema.json', () => {
  const schema = JSON.parse(readFileSync(path.join(__dirname, '../../../media/change-password.schema.json'), 'utf8'));

  it('allows exactly the two parameters, as strings of at most 128 characters', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties), ['OldPassword', 'NewPassword']);
    for (const property of Object.values(schema.properties) as { type: string; maxLength: number }[]) {
      assert.equal(property.type, 'string');
      assert.equal(property.maxLength, 128);
    }
  });

  it("allows the empty value the flow asks for, and the same characters as IAM's pattern", () => {
    for (const property of Object.values(schema.properties) as { pattern: string }[]) {
      const pattern = new RegExp(property.pattern, 'u');
      assert.equal(pattern.test(''), true);
      for (let codePoint = 0; codePoint <= 0x2ff; codePoint++) {
        assert.equal(pattern.test(String.fromCodePoint(codePoint)), isAllowedCodePoint(codePoint), `U+${codePoint.toString(16)}`);
      }
      assert.equal(pattern.test('\u{1F600}'), false);
    }
  });
});
