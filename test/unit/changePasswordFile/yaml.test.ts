import * as assert from 'node:assert/strict';
import type { TextRange } from '../../../src/changePasswordFile/model';
import { parseChangePasswordFile } from '../../../src/changePasswordFile/parse';
import { only, problems, span, typeMessage, unsupportedMessage } from './support';

describe('parseChangePasswordFile (YAML)', () => {
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
    const parsed = parseChangePasswordFile(text, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: "it's a #secret", NewPassword: 'tab\there "q" \\ Aé/' });
    assert.deepEqual(parsed.valueRanges, {
      OldPassword: span(text, "'it''s a #secret'"),
      NewPassword: span(text, '"tab\\there \\"q\\" \\\\ \\x41\\u00e9\\/"'),
    });
  });

  it('ends a plain value at trailing blanks, but keeps # and : inside it', () => {
    const text = 'OldPassword: pass#word:x  \nNewPassword:    spaced  value  \n';
    const parsed = parseChangePasswordFile(text, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: 'pass#word:x', NewPassword: 'spaced  value' });
    assert.deepEqual(parsed.valueRanges, { OldPassword: span(text, 'pass#word:x'), NewPassword: span(text, 'spaced  value') });
  });

  it('keeps a trailing no-break space, which YAML (and so the AWS CLI) does not count as a blank', () => {
    const parsed = parseChangePasswordFile('OldPassword: old-Passw0rd\nNewPassword: Tr0ub4dor-3\u00a0 \n', 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.values.NewPassword, 'Tr0ub4dor-3\u00a0');
  });

  it('refuses a plain password that " #" cuts short (the AWS CLI drops the comment too), with the position of the #', () => {
    const text = 'OldPassword: old  # comment\nNewPassword: Tr0ub4dor #3 and more\n';
    assert.deepEqual(problems(text, 'yaml'), [
      {
        code: 'cut-by-comment',
        message:
          'OldPassword ends before " #": YAML reads the rest of the line as a comment, and so does the AWS CLI. ' + 'Quote the value to keep the text after #',
        range: span(text, '# comment'),
      },
      {
        code: 'cut-by-comment',
        message:
          'NewPassword ends before " #": YAML reads the rest of the line as a comment, and so does the AWS CLI. ' + 'Quote the value to keep the text after #',
        range: span(text, '#3 and more'),
      },
    ]);
    assert.deepEqual(parseChangePasswordFile(text, 'yaml').values, {}, 'neither cut value is offered for sending');
    const quoted = parseChangePasswordFile('OldPassword: \'old  # kept\' # comment\nNewPassword: "Tr0ub4dor #3"\n', 'yaml');
    assert.deepEqual([quoted.values, quoted.problems], [{ OldPassword: 'old  # kept', NewPassword: 'Tr0ub4dor #3' }, []]);
  });

  it('refuses a tab outside quotes, which the AWS CLI cannot read, but allows one inside quotes or a comment', () => {
    const refused = [
      'OldPassword:\tab\n',
      'OldPassword: a\tb\n',
      'OldPassword: ab\t# c\n',
      "OldPassword: 'ab'\t\n",
      'OldPassword\t: ab\n',
      "'OldPassword' :\tab\n",
    ];
    for (const text of refused) {
      const tab = text.indexOf('\t');
      assert.deepEqual(
        only(text, 'yaml'),
        {
          code: 'syntax',
          message: 'A tab outside quotes (the AWS CLI cannot read it; use spaces, or quote the value)',
          range: { start: tab, end: tab + 1 },
        },
        JSON.stringify(text),
      );
    }
    const parsed = parseChangePasswordFile('OldPassword: "a\tb" # c\td\nNewPassword: \'x\ty\'\n# \tcomment\n', 'yaml');
    assert.deepEqual([parsed.values, parsed.problems], [{ OldPassword: 'a\tb', NewPassword: 'x\ty' }, []]);
  });

  it('accepts quoted keys, a space before the colon, CRLF and a BOM', () => {
    const text = '\uFEFF"OldPassword": a\r\n\'NewPassword\' : b\r\n';
    const parsed = parseChangePasswordFile(text, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.values, { OldPassword: 'a', NewPassword: 'b' });
    assert.deepEqual(parsed.valueRanges.NewPassword, span(text, 'b'));
  });

  it('treats a null (empty, ~, null) as empty: no value, no problem', () => {
    const text = 'OldPassword:\nNewPassword: ~ # ask me\n';
    assert.deepEqual(parseChangePasswordFile(text, 'yaml'), { values: {}, valueRanges: { NewPassword: span(text, '~') }, problems: [] });
    for (const token of ['null', 'Null', 'NULL', "''", '""', '# just a comment']) {
      const parsed = parseChangePasswordFile(`OldPassword: ${token}\n`, 'yaml');
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
    const strings = [
      '=#',
      '==',
      '=a',
      'yes',
      'no',
      'on',
      'off',
      'y',
      'n',
      'fAlse',
      'nULL',
      '1e',
      '0x',
      '0o8',
      '0xg',
      '_1',
      '2001-1-4',
      '12:30',
      '0.1.2',
      'inf',
      'Infinity',
      '.5e3',
      '.',
      '+',
      'a b',
    ];
    for (const token of strings) {
      const parsed = parseChangePasswordFile(`OldPassword: ${token}\n`, 'yaml');
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

  it('reports length and bad characters like JSON, on the value, naming the character a quoted escape stands for', () => {
    const long = 'b'.repeat(130);
    assert.deepEqual(only(`OldPassword: ${long}\n`, 'yaml'), {
      code: 'too-long',
      message: 'Current password: The password has 130 characters; IAM allows 1 to 128',
      range: { start: 13, end: 143 },
    });
    const text = 'OldPassword: ok\nNewPassword: "ab\\u0100"\n';
    assert.deepEqual(only(text, 'yaml'), {
      code: 'bad-char',
      message: 'New password: Character 3 (U+0100) is not allowed; IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF',
      range: span(text, '"ab\\u0100"'),
    });
    const astral = 'NewPassword: "x\\U0001F600"\n';
    assert.match(only(astral, 'yaml').message, /^New password: Character 2 \(U\+1F600\)/);
    const raw = "NewPassword: 'x\u{1F600}y'\n";
    assert.deepEqual(only(raw, 'yaml').range, span(raw, "'x\u{1F600}y'"));
    assert.match(only(raw, 'yaml').message, /^New password: Character 2 \(U\+1F600\)/);
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
      ["OldPassword: 'it''s''\n", 1, 14, 'quoted values that continue on the next line'],
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
      assert.equal(found[0].message, unsupportedMessage(what), text);
      const before = text.slice(0, found[0].range.start).split('\n');
      assert.deepEqual({ line: before.length, column: before[before.length - 1].length + 1 }, { line, column }, text);
      assert.equal(found.length, 1, JSON.stringify(found));
    }
  });

  it('reports an indented block once, not once per line', () => {
    const text = 'OldPassword:\n  nested: 1\n\n  more: 2\nNewPassword: b\n';
    assert.deepEqual(problems(text, 'yaml'), [
      {
        code: 'unsupported',
        message: unsupportedMessage('indented lines (nested mappings, lists, multi-line values)'),
        range: span(text, 'nested: 1'),
      },
    ]);
    assert.deepEqual(parseChangePasswordFile(text, 'yaml').values, { NewPassword: 'b' });
  });

  it('refuses a list or an empty document as the top level', () => {
    assert.deepEqual(only('- a\n- b\n', 'yaml'), {
      code: 'not-object',
      message: "Invalid type: expecting map, received <class 'list'>",
      range: { start: 0, end: 3 },
    });
    for (const text of ['', '# nothing\n', '---\n...\n', '\n\n']) {
      assert.deepEqual(only(text, 'yaml'), {
        code: 'not-object',
        message: 'The file is empty: expected OldPassword and NewPassword',
        range: { start: 0, end: text.length },
      });
    }
  });

  it('reports syntax errors at their range', () => {
    const cases: [string, string, TextRange][] = [
      ["OldPassword 'x'\n", 'Expected "Key: value"', { start: 0, end: 15 }],
      ['OldPassword: a\nplain words # no colon: here\n', 'Expected "Key: value"', { start: 15, end: 43 }],
      ['OldPassword: a: b\n', 'A value containing ": " must be quoted', { start: 14, end: 17 }],
      ['OldPassword: a:\n', 'A value containing ": " must be quoted', { start: 14, end: 15 }],
      ["OldPassword: 'a' b\n", 'Expected the end of the line after the quoted value', { start: 16, end: 18 }],
      ["OldPassword: 'a'# c\n", 'Expected the end of the line after the quoted value', { start: 16, end: 19 }],
      ['OldPassword: "\\q"\n', 'Invalid escape sequence "\\q" in a double-quoted value', { start: 14, end: 17 }],
      ['OldPassword: "\\x4"\n', 'Invalid escape sequence "\\x" in a double-quoted value', { start: 14, end: 18 }],
      ['OldPassword: "\\UZZsecret"\n', 'Invalid escape sequence "\\U" in a double-quoted value', { start: 14, end: 25 }],
      ['"OldPassword" a\n', 'Expected a colon after the key', { start: 13, end: 15 }],
      ['OldPassword: @home\n', 'A value starting with "@" must be quoted', { start: 13, end: 18 }],
      ['OldPassword: `x`\n', 'A value starting with "`" must be quoted', { start: 13, end: 16 }],
      ['OldPassword: %x\n', 'A value starting with "%" must be quoted', { start: 13, end: 15 }],
      ['OldPassword: - a\n', 'A value starting with "-" must be quoted', { start: 13, end: 16 }],
      ['OldPassword: ? a\n', 'A value starting with "?" must be quoted', { start: 13, end: 16 }],
      ['OldPassword: =  # c\n', 'A value starting with "=" must be quoted', { start: 13, end: 19 }],
      [':a\n', 'Expected "Key: value"', { start: 0, end: 2 }],
    ];
    for (const [text, message, range] of cases) {
      assert.deepEqual(only(text, 'yaml'), { code: 'syntax', message, range }, text);
    }
  });

  it('accepts plain values that merely start with an indicator-like character', () => {
    const parsed = parseChangePasswordFile('OldPassword: -dash\nNewPassword: ?query\n', 'yaml');
    assert.deepEqual([parsed.values, parsed.problems], [{ OldPassword: '-dash', NewPassword: '?query' }, []]);
  });
});
