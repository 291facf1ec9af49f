import * as assert from 'node:assert/strict';
import { IniReader, parseIni, splitSectionHeader } from '../../src/core/ini';
import { REDACTED } from '../../src/core/redact';

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
    // The AWS CLI lower-cases keys, so for it Region repeats region.
    assert.deepEqual(
      document.problems.map((problem) => problem.line),
      [3, 3],
    );
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
    // The AWS CLI keeps those comments in the values.
    assert.deepEqual(
      document.problems.map((problem) => problem.line),
      [5, 6, 10],
    );
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
    assert.match(document.problems[4].message, /AWS CLI reads this line as the section header \[trailing\]/);
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
    assert.equal(document.problems.length, 1);
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

  it('skips a byte order mark, as the SDK does, saying the AWS CLI refuses it, and handles a file without a final newline', () => {
    assert.deepEqual(entriesOf('\uFEFF[a]\nx = 1'), { a: { x: '1' } });
    assert.deepEqual(
      parseIni('\uFEFF[a]\nx = 1').problems.map((problem) => [problem.line, /byte order mark.*AWS CLI refuses the whole file/.test(problem.message)]),
      [[1, true]],
    );
  });

  it('treats an empty text as no sections and no problems', () => {
    assert.deepEqual(parseIni(''), { sections: [], problems: [] });
  });

  it('replaces the values of redacted keys, including nested ones', () => {
    const document = parseIni('[p]\naws_secret_access_key = s3cr3t\nnested =\n  aws_secret_access_key = n3st3d\nregion = x\n', {
      redactKeys: new Set(['aws_secret_access_key']),
    });
    assert.deepEqual(Object.fromEntries(document.sections[0].entries), {
      aws_secret_access_key: REDACTED,
      'nested.aws_secret_access_key': REDACTED,
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
    assert.deepEqual(Object.fromEntries(entries), { aws_secret_access_key: REDACTED });
  });
});

describe('IniReader: lines the AWS CLI reads otherwise', () => {
  /** Every section of `text` read into one map, `cliKeys` read as the AWS CLI reads them. */
  function read(text: string, cliKeys?: ReadonlySet<string>): { entries: Record<string, string>; problems: [number, string][]; reader: IniReader } {
    const reader = new IniReader(text, { redactKeys: new Set(['aws_secret_access_key']) });
    const entries = new Map<string, string>();
    while (reader.nextSection(entries, cliKeys)) {
      // One map for every section.
    }
    return { entries: Object.fromEntries(entries), problems: reader.problems.map((problem) => [problem.line, problem.message]), reader };
  }
  const ROUTING = new Set(['region', 'endpoint_url', 'iam.endpoint_url']);

  it('reads a key in another case as the AWS CLI does only when asked to, and says so either way', () => {
    const { entries, problems } = read('[p]\nREGION = eu-west-1\nEndpoint_URL = http://127.0.0.1:4566\nOutput = json\n', ROUTING);
    assert.deepEqual(entries, { region: 'eu-west-1', endpoint_url: 'http://127.0.0.1:4566', Output: 'json' });
    assert.deepEqual(
      problems.map(([line]) => line),
      [2, 3, 4],
    );
    assert.match(problems[0][1], /^"REGION" is read as "region", as the AWS CLI reads it .*the AWS SDK ignores keys in another case/);
    assert.match(problems[2][1], /^The AWS CLI reads "Output" as "output" .*the AWS SDK ignores it, and so does this extension/);
  });

  it('lower-cases the name of a block (IAM =) but not the keys in it, as botocore does', () => {
    const { entries, problems } = read('[services s]\nIAM =\n  endpoint_url = http://127.0.0.1:4566\nSTS =\n  endpoint_url = http://127.0.0.1:4567\nsso =\n  Endpoint_URL = http://x\n', ROUTING);
    assert.deepEqual(entries, { 'iam.endpoint_url': 'http://127.0.0.1:4566', 'STS.endpoint_url': 'http://127.0.0.1:4567', 'sso.Endpoint_URL': 'http://x' });
    assert.deepEqual(
      problems.map(([line, message]) => [line, /^"IAM" is read as "iam"/.test(message) || /^The AWS CLI reads "STS" as "sts"/.test(message)]),
      [
        [2, true],
        [4, true],
      ],
    );
  });

  it('redacts a secret key in any case', () => {
    const { entries } = read('[p]\nAWS_SECRET_ACCESS_KEY = s3cr3t\n');
    assert.deepEqual(entries, { AWS_SECRET_ACCESS_KEY: REDACTED });
  });

  it('reads "key: value" as the AWS CLI does only when asked to', () => {
    const { entries, problems } = read('[p]\nregion: eu-west-1\nendpoint_url: http://127.0.0.1:4566/?a=b\noutput: json\n', ROUTING);
    assert.deepEqual(entries, { region: 'eu-west-1', endpoint_url: 'http://127.0.0.1:4566/?a=b' });
    assert.deepEqual(
      problems.map(([line, message]) => [line, /takes ":" like "="/.test(message), /reads it as the AWS (CLI|SDK) does/.exec(message)?.[1]]),
      [
        [2, true, 'CLI'],
        [3, true, 'CLI'],
        [4, true, 'SDK'],
      ],
    );
  });

  it('keeps the lines after "[x];comment" in the section above, and says what the AWS CLI reads there', () => {
    const { entries, problems, reader } = read('[p]\nregion = us-east-1\n[x];comment\nregion = eu-west-1\n[y] text\n');
    assert.deepEqual(entries, { region: 'eu-west-1' });
    assert.deepEqual(reader.cli.headersOnlyCliReads, [
      { line: 3, header: 'x' },
      { line: 5, header: 'y' },
    ]);
    assert.match(problems[0][1], /^The AWS CLI reads this line as the section header \[x\] .* the lines below belong to \[p\] \(line 1\)\. Put a space before ";"/);
    assert.match(problems[1][1], /Remove the text after "\]"\.$/);
  });

  it('says which repeated keys make the AWS CLI refuse the file, compared in lower case and within a section', () => {
    const { problems } = read('[a]\nx = 1\n[b]\nx = 2\n[a]\nx = 3\nX = 4\nblock =\n  y = 1\n  y = 2\nblock =\n');
    assert.deepEqual(
      problems.map(([line, message]) => [line, /^The AWS CLI refuses the whole file: "(x|block)" is set twice .*first on line (6|8)/.test(message)]),
      [
        [7, true],
        [7, false],
        [11, true],
      ],
    );
  });

  it('follows the AWS CLI through indented lines: more of a value, a block, or a block line without "="', () => {
    const { entries, problems } = read('[p]\nregion = us-east-1\n  output = json\n  [q]\nnested =\n  a = 1\n  b\n');
    assert.deepEqual(entries, { region: 'us-east-1', output: 'json', 'nested.a': '1' });
    assert.deepEqual(
      problems.map(([line, message]) => [line, message.replace(/ \(.*/, '')]),
      [
        [3, 'The AWS CLI reads this indented line as more of the value of "region"'],
        [4, 'The AWS CLI reads this indented line as more of the value of "region"'],
        [7, 'Expected "key = value"; the AWS SDK ignores the line and the AWS CLI refuses the whole file.'],
      ],
    );
  });

  it('says what the AWS CLI does with a line before any section and a value with a comment', () => {
    const { problems } = read('region = x\n[p]\nregion = y # note\n');
    assert.deepEqual(problems, [
      [1, '"key = value" before any [section]; the AWS SDK ignores the line and the AWS CLI refuses the whole file.'],
      [
        3,
        'The AWS CLI keeps the comment in the value of "region" (it removes only comments on lines of their own); the AWS SDK and this extension drop it. Move the comment to a line of its own.',
      ],
    ]);
  });

  it('says only what the SDK does, line by line, when lone carriage returns make the AWS CLI see other lines', () => {
    const { problems } = read('[p]\nregion = a\rREGION = b\n[q] x\n');
    assert.deepEqual(
      problems.map(([line, message]) => [line, message.slice(0, 40)]),
      [
        [2, 'This line holds a carriage return that i'],
        [3, 'This line starts with "[" but does not e'],
      ],
    );
  });

  it('never quotes what does not look like a setting name', () => {
    const secretLike = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';
    const { problems } = read(`[p]\n${secretLike}: x\n${secretLike.toUpperCase()} = y\n`);
    // A ":" line, then a repeat of its key in capitals.
    assert.equal(problems.length, 3);
    assert.ok(!JSON.stringify(problems).toLowerCase().includes(secretLike.toLowerCase()));
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
