import * as l10n from '@vscode/l10n';
import { emptyFileMessage, Entry, Problem, ProblemCode, ReadResult } from './model';

// YAML 1.2 core schema plus the extras of the CLI's loader, as AWS CLI v2 types plain values (measured).
const YAML_PLAIN_TYPES: [RegExp, string][] = [
  [/^(?:~|null|Null|NULL)$/, 'NoneType'],
  [/^(?:true|True|TRUE|false|False|FALSE)$/, 'bool'],
  [/^[-+]?(?:0b[01_]+|0o[0-7_]+|0x[\da-fA-F_]+|\d[\d_]*)$/, 'int'],
  [/^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?|\.[\d_]+(?:[eE][-+]\d+)?|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$/, 'float'],
  [/^\d{4}-\d\d-\d\d$/, 'datetime.date'],
  [/^\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?$/, 'datetime.datetime'],
];
const YAML_ESCAPES = '0abt\tnvfre "/\\N_LP';
const YAML_ESCAPED = '\0\x07\b\t\t\n\v\f\r\x1b "/\\\x85\xa0\u2028\u2029';
const UNSUPPORTED_VALUES: [RegExp, () => string][] = [
  [/^[[{]/, () => l10n.t({ message: 'flow collections ([ ], { })', comment: 'YAML this reader does not support' })],
  [/^&/, () => l10n.t({ message: 'anchors (&)', comment: 'YAML this reader does not support' })],
  [/^\*/, () => l10n.t({ message: 'aliases (*)', comment: 'YAML this reader does not support' })],
  [/^!/, () => l10n.t({ message: 'tags (!)', comment: 'YAML this reader does not support' })],
  [/^[|>]/, () => l10n.t({ message: 'block scalars (| and >)', comment: 'YAML this reader does not support' })],
];
const UNSUPPORTED_LINES: [RegExp, () => string][] = [
  ...UNSUPPORTED_VALUES,
  [/^%/, () => l10n.t({ message: 'directives (%)', comment: 'YAML this reader does not support' })],
  [/^[?:](?=[ \t]|$)/, () => l10n.t({ message: 'complex keys (? and :)', comment: 'YAML this reader does not support' })],
];

interface LineProblem {
  code: ProblemCode;
  message: string;
  at: number;
  end?: number;
  stop?: boolean;
}

const syntax = (message: string, at: number, end?: number): LineProblem => ({ code: 'syntax', message, at, end });
const unsupported = (what: string, at: number): LineProblem => ({
  code: 'unsupported',
  message: l10n.t({
    message: 'Unsupported YAML: {0}; this file only supports simple "Key: value" lines',
    args: [what],
    comment: '{0} is what is not supported, e.g. "anchors (&)"',
  }),
  at,
});

function yamlQuoted(line: string, i: number): { text: string; end: number } | LineProblem {
  // A closing ' is one not followed by another: '' stands for a quote.
  const quoted = line[i] === "'" ? /'((?:[^']|'')*)'(?!')/y : /"((?:[^"\\]|\\.)*)"/y;
  quoted.lastIndex = i;
  const match = quoted.exec(line);
  if (!match) {
    return unsupported(l10n.t({ message: 'quoted values that continue on the next line', comment: 'YAML this reader does not support' }), i);
  }
  if (line[i] === "'") {
    return { text: match[1].replaceAll("''", "'"), end: quoted.lastIndex };
  }
  let invalid: number | undefined;
  const text = match[1].replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|.)/g, (_, escape: string, offset: number) => {
    const codePoint = escape.length > 1 ? parseInt(escape.slice(1), 16) : -1;
    if (codePoint >= 0 && codePoint <= 0x10ffff) {
      return String.fromCodePoint(codePoint);
    }
    if (codePoint < 0 && YAML_ESCAPES.includes(escape)) {
      return YAML_ESCAPED[YAML_ESCAPES.indexOf(escape)];
    }
    invalid ??= i + 1 + offset;
    return '';
  });
  // Only the escape letter: the digits after it may be part of a password.
  return invalid === undefined
    ? { text, end: quoted.lastIndex }
    : syntax(l10n.t('Invalid escape sequence "\\{0}" in a double-quoted value', line[invalid + 1]), invalid);
}

// One flat block mapping of `Key: value` scalars, comments, --- and ...: whatever the CLI's loader might read differently is refused.
export function readFlatYaml(text: string): ReadResult {
  const document = { entries: [] as Entry[], started: false, ended: false };
  const problems: Problem[] = [];
  let inIndentedBlock = false;
  const lines = /([^\r\n]*)(\r\n|\r|\n|$)/y;
  lines.lastIndex = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    const base = lines.lastIndex;
    const [, line, lineEnd] = lines.exec(text) as RegExpExecArray;
    let found: LineProblem | undefined;
    if (/^[ \t]*(?:#.*)?$/.test(line)) {
      // Blank, or a comment.
    } else if (/^[ \t]/.test(line)) {
      // Indented lines after a bad line are its continuation (a block scalar, a nested mapping): one report is enough.
      const what = l10n.t({ message: 'indented lines (nested mappings, lists, multi-line values)', comment: 'YAML this reader does not support' });
      found = inIndentedBlock ? undefined : unsupported(what, line.search(/[^ \t]/));
      inIndentedBlock = true;
    } else {
      found = readLine(line, base, document);
      inIndentedBlock = found !== undefined;
    }
    if (found) {
      problems.push({ code: found.code, message: found.message, range: { start: base + found.at, end: base + (found.end ?? line.length) } });
    }
    if (found?.stop || lineEnd === '') {
      break;
    }
  }
  if (document.entries.length === 0 && problems.length === 0) {
    problems.push({ code: 'not-object', message: emptyFileMessage(), range: { start: 0, end: text.length } });
  }
  return { entries: document.entries, problems };
}

function readLine(line: string, base: number, document: { entries: Entry[]; started: boolean; ended: boolean }): LineProblem | undefined {
  const marker = /^(---|\.\.\.)(?=[ \t]|$)/.exec(line)?.[1];
  if (document.ended || (marker === '---' && (document.started || document.entries.length > 0))) {
    return { ...unsupported(l10n.t({ message: 'more than one document', comment: 'YAML this reader does not support' }), 0), stop: true };
  }
  const endsCleanly = (from: number): boolean => /^(?:[ \t]+(?:#.*)?)?$/.test(line.slice(from));
  if (marker) {
    document.started = true;
    document.ended = marker === '...';
    const what = l10n.t({ message: 'content on the {0} line', args: [marker], comment: 'YAML this reader does not support; {0} is --- or ...' });
    return endsCleanly(3) ? undefined : unsupported(what, line.slice(3).search(/[^ \t]/) + 3);
  }
  if (/^-(?=[ \t]|$)/.test(line)) {
    // The AWS CLI's words, untranslated, so they can be searched for.
    return document.entries.length === 0
      ? { code: 'not-object', message: "Invalid type: expecting map, received <class 'list'>", at: 0, stop: true }
      : { ...unsupported(l10n.t({ message: 'lists', comment: 'YAML this reader does not support' }), 0), stop: true };
  }
  const unsupportedLine = UNSUPPORTED_LINES.find(([start]) => start.test(line))?.[1];
  if (unsupportedLine) {
    return unsupported(unsupportedLine(), 0);
  }
  const quotedKey = line[0] === "'" || line[0] === '"' ? yamlQuoted(line, 0) : undefined;
  if (quotedKey && 'code' in quotedKey) {
    return quotedKey;
  }
  const keyEnd = quotedKey?.end ?? plainKeyEnd(line);
  if (keyEnd === undefined) {
    return syntax(l10n.t('Expected "Key: value"'), 0);
  }
  const colon = /^[ \t]*:(?:[ \t]+|$)/.exec(line.slice(keyEnd));
  if (!colon) {
    return syntax(l10n.t('Expected a colon after the key'), keyEnd);
  }
  const entry: Entry = { key: quotedKey?.text ?? line.slice(0, keyEnd), keyRange: { start: base, end: base + keyEnd } };
  document.entries.push(entry);
  const at = keyEnd + colon[0].length;
  let value: Entry['value'];
  let valueEnd = at;
  let commentAt = at;
  if (line[at] === "'" || line[at] === '"') {
    const quoted = yamlQuoted(line, at);
    if ('code' in quoted) {
      return quoted;
    }
    entry.valueRange = { start: base + at, end: base + quoted.end };
    if (!endsCleanly(quoted.end)) {
      return syntax(l10n.t('Expected the end of the line after the quoted value'), quoted.end);
    }
    value = quoted.text;
    valueEnd = quoted.end;
    commentAt = line.includes('#', valueEnd) ? line.indexOf('#', valueEnd) : line.length;
  } else if (line[at] !== undefined && line[at] !== '#') {
    const unsupportedValue = UNSUPPORTED_VALUES.find(([start]) => start.test(line.slice(at)))?.[1];
    if (unsupportedValue) {
      return unsupported(unsupportedValue(), at);
    }
    if (/^(?:[@`%,\]}]|[-:?](?=[ \t]|$)|=(?:[ \t]+#|[ \t]*$))/.test(line.slice(at))) {
      return syntax(l10n.t('A value starting with "{0}" must be quoted', line[at]), at);
    }
    const comment = /[ \t]#/.exec(line.slice(at));
    // Only blanks end a plain scalar: YAML (and so the AWS CLI) keeps a trailing no-break space.
    let plainEnd = comment ? at + comment.index : line.length;
    while (plainEnd > at && isBlank(line[plainEnd - 1])) {
      plainEnd--;
    }
    const plain = line.slice(at, plainEnd);
    const inner = /:(?=[ \t]|$)/.exec(plain);
    if (inner) {
      return syntax(l10n.t('A value containing ": " must be quoted'), at + inner.index);
    }
    entry.valueRange = { start: base + at, end: base + at + plain.length };
    commentAt = comment ? at + comment.index + 1 : line.length;
    const type = YAML_PLAIN_TYPES.find(([pattern]) => pattern.test(plain))?.[1] ?? 'str';
    value = type === 'str' ? plain : type === 'NoneType' ? undefined : { type };
    if (comment && type === 'str') {
      entry.commentAfterValue = { start: base + commentAt, end: base + line.length };
    }
  }
  // YAML allows a tab as a separator, but the CLI's YAML reader fails on one outside quotes: refuse what it cannot read.
  for (const [from, to] of [
    [quotedKey ? keyEnd : 0, at],
    [valueEnd, commentAt],
  ]) {
    const tab = line.slice(from, to).indexOf('\t');
    if (tab >= 0) {
      return syntax(l10n.t('A tab outside quotes (the AWS CLI cannot read it; use spaces, or quote the value)'), from + tab, from + tab + 1);
    }
  }
  entry.value = value;
  return undefined;
}

const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';

/**
 * Where a plain key ends: before the blanks ahead of the first ":" followed by a blank or the line
 * end, unless a " #" comment comes first. A scan, not a regex: a regex with a lookahead over blanks
 * took quadratic time on a line of spaces.
 */
export function plainKeyEnd(line: string): number | undefined {
  for (let at = 0; at < line.length; at++) {
    if (line[at] === '#' && isBlank(line[at - 1])) {
      return undefined;
    }
    if (line[at] === ':' && at > 0 && (at + 1 === line.length || isBlank(line[at + 1]))) {
      let end = at;
      while (end > 1 && isBlank(line[end - 1])) {
        end--;
      }
      return end;
    }
  }
  return undefined;
}
