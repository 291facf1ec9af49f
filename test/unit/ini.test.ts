import * as assert from 'node:assert/strict';
import { IniReader, parseIni, REDACTED_VALUE, splitSectionHeader } from '../../src/core/ini';

function entriesOf(text: string): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const section of parseIni(text).sections) {
    result[section.header] = { ...result[section.header], ...Object.fromEntries(section.entries) };
  }
  return result;
}

describe('parseIni', () => {
  it('reads sections and trimmed, case-sensitive key = value pairs', () => {
    const document = parseIni('[default]\n  region =   us-east-1  \nRegion=eu-west-1\nkey=a=b\n');
    assert.equal(document.sections.length, 1);
    assert.equal(document.sections[0].header, 'default');
    assert.equal(document.sections[0].line, 1);
    assert.deepEqual(Object.fromEntries(document.sections[0].entries), { region: 'us-east-1', Region: 'eu-west-1', key: 'a=b' });
    assert.deepEqual(document.problems, []);
  });

  it('keeps the text between brackets untrimmed, as the SDK does', () => {
    assert.equal(parseIni('[ default ]\n').sections[0].header, ' default ');
  });

  it('lets a later key win and keeps repeated sections apart', () => {
    const document = parseIni('[a]\nx = 1\nx = 2\n[a]\ny = 3\n');
    assert.deepEqual(
      document.sections.map((section) => [section.header, section.line, Object.fromEntries(section.entries)]),
      [
        ['a', 1, { x: '2' }],
        ['a', 4, { y: '3' }],
      ],
    );
  });

  it('strips comments at line start and after whitespace, but not inside a value', () => {
    const text = [
      '# full line',
      '; also a full line',
      '   # indented comment',
      '[p] # after a header',
      'a = one # inline',
      'b = two ; inline',
      'c = three#not-a-comment',
      'd = four;not-a-comment',
      'e = http://host/#fragment',
      'f =\t\tfive\t# tab before',
    ].join('\n');
    const document = parseIni(text);
    assert.deepEqual(document.problems, []);
    assert.deepEqual(entriesOf(text), {
      p: { a: 'one', b: 'two', c: 'three#not-a-comment', d: 'four;not-a-comment', e: 'http://host/#fragment', f: 'five' },
    });
  });

  it('stores indented lines after "key =" as nested keys until an unindented line', () => {
    const text = ['[services local]', 'iam =', '  endpoint_url = http://127.0.0.1:4566', '\tsigning_name = iam', 'region = us-east-1', '  indented = top-level again'].join('\n');
    assert.deepEqual(entriesOf(text), {
      'services local': {
        'iam.endpoint_url': 'http://127.0.0.1:4566',
        'iam.signing_name': 'iam',
        region: 'us-east-1',
        indented: 'top-level again',
      },
    });
  });

  it('does not store a key whose value is empty', () => {
    assert.deepEqual(entriesOf('[p]\nregion =\nother = x\n'), { p: { other: 'x' } });
  });

  it('ends a nested block at the next section header', () => {
    assert.deepEqual(entriesOf('[a]\ns3 =\n  x = 1\n[b]\n  y = 2\n'), { a: { 's3.x': '1' }, b: { y: '2' } });
  });

  it('reports malformed lines with their 1-based line numbers and carries on', () => {
    const text = [
      'orphan = value', // 1
      '[good]', // 2
      'no equals sign here', // 3
      '= no key', // 4
      '[unclosed', // 5
      'after = unclosed', // 6
      '[trailing] text', // 7
      '[', // 8
      'last = one', // 9
    ].join('\n');
    const document = parseIni(text);
    assert.deepEqual(
      document.problems.map((problem) => problem.line),
      [1, 3, 4, 5, 7, 8],
    );
    assert.match(document.problems[0].message, /before any \[section\]/);
    assert.match(document.problems[1].message, /Expected "key = value"/);
    assert.match(document.problems[2].message, /Missing key/);
    assert.match(document.problems[3].message, /missing its closing "\]"/);
    assert.match(document.problems[4].message, /Unexpected text after "\]"/);
    assert.match(document.problems[5].message, /missing its closing "\]"/);
    // As in the SDK, lines after a broken header stay in the previous section.
    assert.deepEqual(entriesOf(text), { good: { after: 'unclosed', last: 'one' } });
  });

  it('never quotes the offending line in a problem message', () => {
    const secretLike = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';
    const document = parseIni(`${secretLike}\n[p]\n${secretLike}\n=${secretLike}\n[${secretLike}`);
    assert.equal(document.problems.length, 4);
    assert.ok(!JSON.stringify(document.problems).includes(secretLike));
  });

  it('counts CRLF lines like LF lines', () => {
    const document = parseIni('[a]\r\nx = 1\r\n\r\nbroken\r\n[b]\r\ny = 2 \r\n');
    assert.deepEqual(
      document.sections.map((section) => [section.header, section.line, Object.fromEntries(section.entries)]),
      [
        ['a', 1, { x: '1' }],
        ['b', 5, { y: '2' }],
      ],
    );
    assert.deepEqual(
      document.problems.map((problem) => problem.line),
      [4],
    );
  });

  it('skips a byte order mark and handles a file without a final newline', () => {
    assert.deepEqual(entriesOf('\uFEFF[a]\nx = 1'), { a: { x: '1' } });
  });

  it('treats an empty text as no sections and no problems', () => {
    assert.deepEqual(parseIni(''), { sections: [], problems: [] });
  });

  it('replaces the values of redacted keys, including nested ones', () => {
    const document = parseIni('[p]\naws_secret_access_key = s3cr3t\nnested =\n  aws_secret_access_key = n3st3d\nregion = x\n', {
      redactKeys: new Set(['aws_secret_access_key']),
    });
    assert.deepEqual(Object.fromEntries(document.sections[0].entries), {
      aws_secret_access_key: REDACTED_VALUE,
      'nested.aws_secret_access_key': REDACTED_VALUE,
      region: 'x',
    });
    assert.ok(!JSON.stringify([...document.sections[0].entries]).includes('s3cr3t'));
  });

  it('scans a file with many comment characters in linear time', () => {
    // Each line has a '#' that is not a comment; a naive per-line indexOf would rescan the rest of the file.
    const lines = Array.from({ length: 20000 }, (_, index) => `k${index} = a#b;c`);
    const document = parseIni(`[p]\n${lines.join('\n')}`);
    assert.equal(document.sections[0].entries.size, 20000);
    assert.equal(document.sections[0].entries.get('k19999'), 'a#b;c');
  });
});

describe('IniReader', () => {
  it('reads each section into the map the caller picks, so a repeated section merges into the first', () => {
    const reader = new IniReader('[a]\nx = 1\ny = 2\n[b]\nz = 3\n[a]\nx = 9\n');
    const byHeader = new Map<string, Map<string, string>>();
    const reached: [string, number][] = [];
    let entries: Map<string, string> | undefined;
    while (reader.nextSection(entries)) {
      reached.push([reader.header, reader.line]);
      entries = byHeader.get(reader.header) ?? new Map<string, string>();
      byHeader.set(reader.header, entries);
    }
    assert.deepEqual(reached, [
      ['a', 1],
      ['b', 4],
      ['a', 6],
    ]);
    // A later line wins and an earlier key keeps its place.
    assert.deepEqual([...(byHeader.get('a') ?? [])], [
      ['x', '9'],
      ['y', '2'],
    ]);
    assert.deepEqual([...(byHeader.get('b') ?? [])], [['z', '3']]);
    assert.equal(reader.nextSection(undefined), false);
  });

  it('drops the entries of a section read into no map, still reporting its malformed lines', () => {
    const reader = new IniReader('orphan = 1\n[skipped]\nx = 1\nbroken\n[kept]\ny = 2\n');
    const kept = new Map<string, string>();
    let entries: Map<string, string> | undefined;
    while (reader.nextSection(entries)) {
      entries = reader.header === 'kept' ? kept : undefined;
    }
    assert.deepEqual(Object.fromEntries(kept), { y: '2' });
    assert.deepEqual(
      reader.problems.map((problem) => problem.line),
      [1, 4],
    );
    assert.match(reader.problems[0].message, /before any \[section\]/);
  });

  it('ends a nested block at the next header even when both sections go into one map', () => {
    const reader = new IniReader('[a]\ns3 =\n  x = 1\n[a]\n  y = 2\n');
    const merged = new Map<string, string>();
    while (reader.nextSection(merged)) {
      // Every section goes into `merged`.
    }
    assert.deepEqual(Object.fromEntries(merged), { 's3.x': '1', y: '2' });
  });

  it('redacts as parseIni does', () => {
    const reader = new IniReader('[p]\naws_secret_access_key = s3cr3t\n', { redactKeys: new Set(['aws_secret_access_key']) });
    const entries = new Map<string, string>();
    while (reader.nextSection(entries)) {
      // One section.
    }
    assert.deepEqual(Object.fromEntries(entries), { aws_secret_access_key: REDACTED_VALUE });
  });
});

describe('splitSectionHeader', () => {
  it('splits a type and a bare or quoted name', () => {
    assert.deepEqual(splitSectionHeader('profile dev'), { prefix: 'profile', name: 'dev' });
    assert.deepEqual(splitSectionHeader('profile "dev"'), { prefix: 'profile', name: 'dev' });
    assert.deepEqual(splitSectionHeader("sso-session 'corp'"), { prefix: 'sso-session', name: 'corp' });
    assert.deepEqual(splitSectionHeader('profile a.b@c+d%e:f/g-h_i'), { prefix: 'profile', name: 'a.b@c+d%e:f/g-h_i' });
  });

  it('splits at any one whitespace character (\\s, as in the SDK) and strips only matching quotes', () => {
    assert.deepEqual(splitSectionHeader('profile\tdev'), { prefix: 'profile', name: 'dev' });
    assert.deepEqual(splitSectionHeader('profile\u00a0dev'), { prefix: 'profile', name: 'dev' });
    assert.deepEqual(splitSectionHeader("profile 'd'"), { prefix: 'profile', name: 'd' });
    assert.equal(splitSectionHeader('profile ""'), undefined);
    assert.equal(splitSectionHeader('profile "'), undefined);
    assert.equal(splitSectionHeader('profile a"b'), undefined);
    assert.equal(splitSectionHeader('profile "a"b"'), undefined);
    assert.equal(splitSectionHeader('profile dev '), undefined);
    assert.equal(splitSectionHeader('profile caf\u00e9'), undefined);
  });

  it('rejects what the SDK rejects', () => {
    assert.equal(splitSectionHeader('default'), undefined);
    assert.equal(splitSectionHeader('profile  two-spaces'), undefined);
    assert.equal(splitSectionHeader('profile my name'), undefined);
    assert.equal(splitSectionHeader('profile "unbalanced'), undefined);
    assert.equal(splitSectionHeader('profile "mixed\''), undefined);
    assert.equal(splitSectionHeader('profile.dev'), undefined);
  });
});
