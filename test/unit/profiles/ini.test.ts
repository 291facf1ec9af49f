import * as assert from 'node:assert/strict';
import { readIni } from '../../../src/profiles/ini';
import { REDACTED } from '../../../src/secrets/redact';

interface Read {
  sections: { header: string; line: number; entries: Record<string, string> }[];
  warnings: [number, string][];
}

/** Every section into a map of its own, except headers in `skip`. */
function read(text: string, skip: string[] = []): Read {
  const sections: { header: string; line: number; map: Map<string, string> }[] = [];
  const warnings: [number, string][] = [];
  readIni(text, {
    section(header, line) {
      const map = new Map<string, string>();
      sections.push({ header, line, map });
      return skip.includes(header) ? undefined : map;
    },
    warn: (line, message) => warnings.push([line, message]),
  });
  return { sections: sections.map(({ header, line, map }) => ({ header, line, entries: Object.fromEntries(map) })), warnings };
}

describe('readIni', () => {
  it('reads sections and trimmed, case-sensitive key = value pairs, the text between brackets untrimmed', () => {
    const { sections, warnings } = read('[profile a]\n  region =  eu-west-1  \nurl=https://x.example/?a=b\n[ b ]\nk = v');
    assert.deepEqual(sections, [
      { header: 'profile a', line: 1, entries: { region: 'eu-west-1', url: 'https://x.example/?a=b' } },
      { header: ' b ', line: 4, entries: { k: 'v' } },
    ]);
    assert.deepEqual(warnings, []);
  });

  it('counts CRLF lines like LF lines, and skips a byte order mark as whitespace', () => {
    assert.deepEqual(read('\uFEFF[a]\r\nk = v\r\n\r\n[b]\r\nk = w\r\n').sections, [
      { header: 'a', line: 1, entries: { k: 'v' } },
      { header: 'b', line: 4, entries: { k: 'w' } },
    ]);
  });

  it('strips comments at line start and after whitespace, but not inside a value', () => {
    const { sections } = read('# c\n; c\n[a] # c\nk = v # c\nh = a#b\ns = a;b\nt = a\t;c\n');
    assert.deepEqual(sections, [{ header: 'a', line: 3, entries: { k: 'v', h: 'a#b', s: 'a;b', t: 'a' } }]);
  });

  it('reads indented lines after "key =" as nested keys, until an unindented line or the next header', () => {
    const { sections } = read('[s]\niam =\n  endpoint_url = http://a\nsts =\n\tendpoint_url = http://b\nregion = x\n  more = y\n[t]\n  k = v\n');
    assert.deepEqual(sections, [
      { header: 's', line: 1, entries: { 'iam.endpoint_url': 'http://a', 'sts.endpoint_url': 'http://b', region: 'x', more: 'y' } },
      { header: 't', line: 8, entries: { k: 'v' } },
    ]);
  });

  it('lets a later key win, and stores nothing for a section the visitor skips', () => {
    const { sections, warnings } = read('[a]\nk = 1\nk = 2\n[skip]\nk = 3\nno equals\n', ['skip']);
    assert.deepEqual(
      sections.map((section) => section.entries),
      [{ k: '2' }, {}],
    );
    assert.deepEqual(warnings, []);
  });

  it('redacts secret values in any case, nested ones too, and never holds them', () => {
    const { sections } = read('[a]\naws_secret_access_key = s1\nAWS_SESSION_TOKEN = s2\nx =\n  aws_security_token = s3\naws_access_key_id = AKIA\n');
    assert.deepEqual(sections[0].entries, {
      aws_secret_access_key: REDACTED,
      AWS_SESSION_TOKEN: REDACTED,
      'x.aws_security_token': REDACTED,
      aws_access_key_id: 'AKIA',
    });
  });

  it('warns, with the line, about each line the SDK skips that was probably meant as a setting', () => {
    const text = [
      'region = x',
      '[a]',
      'Region = y',
      'region: z',
      'Endpoint_URL: http://e',
      'no equals sign',
      '= value',
      'IAM =',
      '  endpoint_url = http://i',
      'output = json',
      'Output = json',
    ];
    const { sections, warnings } = read(text.join('\n'));
    assert.deepEqual(sections[0].entries, { Region: 'y', 'IAM.endpoint_url': 'http://i', output: 'json', Output: 'json' });
    assert.deepEqual(warnings, [
      [1, 'Before any [section]: the AWS SDK ignores this line.'],
      [3, 'The AWS SDK ignores "Region" (keys are lower case); write region.'],
      [4, 'The AWS SDK ignores this line (not "key = value"); write region = ...'],
      [5, 'The AWS SDK ignores this line (not "key = value"); write endpoint_url = ...'],
      [6, 'The AWS SDK ignores this line: it is not "key = value".'],
      [7, 'The AWS SDK ignores this line: it is not "key = value".'],
      [9, 'The AWS SDK ignores "IAM.endpoint_url" (keys are lower case); write iam.endpoint_url.'],
      [11, 'The AWS SDK ignores "Output" (keys are lower case); write output.'],
    ]);
  });

  it('never quotes a value or a line that is not a known key in a warning', () => {
    const { warnings } = read('[a]\nwJalrXUtnFEMI/K7MDENG: secret-looking\naws_secret_access_key: do-not-leak\nplain-secret-do-not-leak\n');
    assert.equal(warnings.length, 3);
    assert.ok(!JSON.stringify(warnings).includes('leak') && !JSON.stringify(warnings).includes('wJalr'));
  });

  it('treats an empty text as no sections and no warnings', () => {
    assert.deepEqual(read(''), { sections: [], warnings: [] });
  });

  it('reads a line of 100,000 comment characters in linear time', () => {
    const started = process.hrtime.bigint();
    read(`[a]\nk = ${'#;'.repeat(50000)}\n${'x#'.repeat(50000)} = v\n`);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 500);
  });
});
