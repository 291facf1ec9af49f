import * as l10n from '@vscode/l10n';
import { atPosition, describePosition, emptyFileMessage, Entry, Problem, ProblemCode, problem, ReadResult } from './model';

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
/** What YAML a value or line starting with this character would be, when this reader does not support it. */
function unsupportedStart(first: string | undefined): string | undefined {
  switch (first) {
    case '[':
    case '{':
      return l10n.t({ message: 'flow collections ([ ], { })', comment: 'YAML this reader does not support' });
    case '&':
      return l10n.t({ message: 'anchors (&)', comment: 'YAML this reader does not support' });
    case '*':
      return l10n.t({ message: 'aliases (*)', comment: 'YAML this reader does not support' });
    case '!':
      return l10n.t({ message: 'tags (!)', comment: 'YAML this reader does not support' });
    case '|':
    case '>':
      return l10n.t({ message: 'block scalars (| and >)', comment: 'YAML this reader does not support' });
    default:
      return undefined;
  }
}

type QuotedResult = { text: string; offsets: number[]; end: number } | { code: ProblemCode; message: string; at: number };

/** A single-line 'single' or "double" quoted scalar starting at line[i]; base is the line's offset in the file. */
function yamlQuoted(line: string, i: number, base: number): QuotedResult {
  const quote = line[i];
  let out = '';
  const offsets: number[] = [];
  for (let j = i + 1; ; ) {
    const c = line[j];
    if (c === undefined || (quote === '"' && c === '\\' && j + 1 === line.length)) {
      return {
        code: 'unsupported',
        message: l10n.t({ message: 'quoted values that continue on the next line', comment: 'YAML this reader does not support' }),
        at: i,
      };
    }
    offsets.push(base + j);
    if (c === quote && !(quote === "'" && line[j + 1] === "'")) {
      return { text: out, offsets, end: j + 1 };
    }
    if (c === "'" && quote === "'") {
      out += "'";
      j += 2;
    } else if (c === '\\' && quote === '"') {
      const escape = line[j + 1];
      const width = [0, 2, 4, 8]['xuU'.indexOf(escape) + 1];
      const digits = line.slice(j + 2, j + 2 + width);
      const simple = YAML_ESCAPES.indexOf(escape);
      if (width && new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits) && parseInt(digits, 16) <= 0x10ffff) {
        const decoded = String.fromCodePoint(parseInt(digits, 16));
        out += decoded;
        if (decoded.length === 2) {
          offsets.push(base + j);
        }
        j += 2 + width;
      } else if (!width && simple >= 0) {
        out += YAML_ESCAPED[simple];
        j += 2;
      } else {
        // Only the escape letter: the digits after it may be part of a password.
        return { code: 'syntax', message: l10n.t('Invalid escape sequence "\\{0}" in a double-quoted value', escape), at: j };
      }
    } else {
      out += c;
      j++;
    }
  }
}

/**
 * A subset of YAML: one flat block mapping of `Key: value` lines with scalar values, comments, --- and ...
 * Whatever else the CLI's loader might read differently (or not at all) is refused with its position.
 */
export function readFlatYaml(text: string): ReadResult {
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  let started = false;
  let ended = false;
  let inIndentedBlock = false;
  /** Reads one line (without its line break) starting at offset base; false: stop reading. */
  const readLine = (line: string, base: number): boolean => {
    const report = (code: ProblemCode, message: string, at: number, end = line.length): void => {
      problems.push(problem(code, message, base + at, base + Math.max(at, end)));
      // Indented lines after a bad line are its continuation (a block scalar, a nested mapping): one report is enough.
      inIndentedBlock = true;
    };
    const unsupported = (what: string, at: number): void => {
      report(
        'unsupported',
        l10n.t({
          message: 'Unsupported YAML at {0}: {1}; this file only supports simple "Key: value" lines',
          args: [describePosition(text, base + at), what],
          comment: '{0} is "line L, column C", {1} what is not supported, e.g. "anchors (&)"',
        }),
        at,
      );
    };
    const syntax = (message: string, at: number, end?: number): void => report('syntax', atPosition(message, text, base + at), at, end);
    // YAML allows a tab as a separator, but the CLI's YAML reader fails on one outside quotes: refuse what it cannot read.
    const tabOutsideQuotes = (from: number, to: number, quoted?: [number, number]): void => {
      for (let i = line.indexOf('\t', from); i >= 0 && i < to; i = line.indexOf('\t', i + 1)) {
        if (!quoted || i < quoted[0] || i >= quoted[1]) {
          return syntax(l10n.t('A tab outside quotes (the AWS CLI cannot read it; use spaces, or quote the value)'), i, i + 1);
        }
      }
    };
    const quotedProblem = (q: { code: ProblemCode; message: string; at: number }): void =>
      q.code === 'syntax' ? syntax(q.message, q.at) : unsupported(q.message, q.at);
    const endsCleanly = (from: number): boolean => /^(?:[ \t]+(?:#.*)?)?$/.test(line.slice(from));

    if (/^[ \t]*(?:#.*)?$/.test(line)) {
      return true;
    }
    if (/^[ \t]/.test(line)) {
      if (!inIndentedBlock) {
        unsupported(
          l10n.t({ message: 'indented lines (nested mappings, lists, multi-line values)', comment: 'YAML this reader does not support' }),
          line.search(/[^ \t]/),
        );
      }
      return true;
    }
    inIndentedBlock = false;
    const marker = /^(---|\.\.\.)(?=[ \t]|$)/.exec(line)?.[1];
    if (ended || (marker === '---' && (started || entries.length > 0))) {
      unsupported(l10n.t({ message: 'more than one document', comment: 'YAML this reader does not support' }), 0);
      return false;
    }
    if (marker) {
      started = true;
      ended = marker === '...';
      if (!endsCleanly(3)) {
        unsupported(
          l10n.t({ message: 'content on the {0} line', args: [marker], comment: 'YAML this reader does not support; {0} is --- or ...' }),
          line.slice(3).search(/[^ \t]/) + 3,
        );
      }
      return true;
    }
    if (/^-(?=[ \t]|$)/.test(line)) {
      if (entries.length === 0) {
        // The AWS CLI's words, untranslated, so they can be searched for.
        report('not-object', "Invalid type: expecting map, received <class 'list'>", 0);
      } else {
        unsupported(l10n.t({ message: 'lists', comment: 'YAML this reader does not support' }), 0);
      }
      return false;
    }
    const lineStartOnly = /^%/.test(line)
      ? l10n.t({ message: 'directives (%)', comment: 'YAML this reader does not support' })
      : /^[?:](?=[ \t]|$)/.test(line)
        ? l10n.t({ message: 'complex keys (? and :)', comment: 'YAML this reader does not support' })
        : undefined;
    const unsupportedLine = unsupportedStart(line[0]) ?? lineStartOnly;
    if (unsupportedLine) {
      unsupported(unsupportedLine, 0);
      return true;
    }
    let key: string;
    let keyEnd: number;
    if (line[0] === "'" || line[0] === '"') {
      const quoted = yamlQuoted(line, 0, base);
      if (!('text' in quoted)) {
        quotedProblem(quoted);
        return true;
      }
      key = quoted.text;
      keyEnd = quoted.end;
    } else {
      // A plain key runs to the first ":" followed by a space or the line end, unless a " #" comment comes first.
      const plainKey = /^(?:[^#]|(?<![ \t])#)+?(?=[ \t]*:(?:[ \t]|$))/.exec(line);
      if (!plainKey) {
        syntax(l10n.t('Expected "Key: value"'), 0);
        return true;
      }
      key = plainKey[0];
      keyEnd = key.length;
    }
    const colon = /^[ \t]*:(?:[ \t]+|$)/.exec(line.slice(keyEnd));
    if (!colon) {
      syntax(l10n.t('Expected a colon after the key'), keyEnd);
      return true;
    }
    const entry: Entry = { key, keyRange: { start: base, end: base + keyEnd } };
    entries.push(entry);
    const at = keyEnd + colon[0].length;
    const first = line[at];
    tabOutsideQuotes(0, at, line[0] === "'" || line[0] === '"' ? [0, keyEnd] : undefined);
    if (first === undefined || first === '#') {
      return true;
    }
    if (first === "'" || first === '"') {
      const quoted = yamlQuoted(line, at, base);
      if (!('text' in quoted)) {
        quotedProblem(quoted);
        return true;
      }
      entry.valueRange = { start: base + at, end: base + quoted.end };
      entry.value = { text: quoted.text, offsets: quoted.offsets };
      if (!endsCleanly(quoted.end)) {
        syntax(l10n.t('Expected the end of the line after the quoted value'), quoted.end);
      } else {
        tabOutsideQuotes(quoted.end, line.includes('#', quoted.end) ? line.indexOf('#', quoted.end) : line.length);
      }
      return true;
    }
    const unsupportedValue = unsupportedStart(first);
    if (unsupportedValue) {
      unsupported(unsupportedValue, at);
      return true;
    }
    if (/^(?:[@`%,\]}]|[-:?](?=[ \t]|$)|=(?:[ \t]+#|[ \t]*$))/.test(line.slice(at))) {
      syntax(l10n.t('A value starting with "{0}" must be quoted', first), at);
      return true;
    }
    const comment = /[ \t]#/.exec(line.slice(at));
    const plain = line.slice(at, comment ? at + comment.index : line.length).trimEnd();
    const inner = /:(?=[ \t]|$)/.exec(plain);
    if (inner) {
      syntax(l10n.t('A value containing ": " must be quoted'), at + inner.index);
      return true;
    }
    const problemsBefore = problems.length;
    tabOutsideQuotes(at, comment ? at + comment.index + 1 : line.length);
    entry.valueRange = { start: base + at, end: base + at + plain.length };
    if (comment && problems.length === problemsBefore) {
      entry.commentAfterValue = { start: base + at + comment.index + 1, end: base + line.length };
    }
    const type = YAML_PLAIN_TYPES.find(([pattern]) => pattern.test(plain))?.[1] ?? 'str';
    if (type === 'str') {
      entry.value = { text: plain, offsets: Array.from({ length: plain.length + 1 }, (_, k) => base + at + k) };
    } else if (type !== 'NoneType') {
      entry.value = { type };
    }
    return true;
  };

  const lines = /([^\r\n]*)(\r\n|\r|\n|$)/y;
  lines.lastIndex = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    const base = lines.lastIndex;
    const [, line, lineEnd] = lines.exec(text) as RegExpExecArray;
    if (!readLine(line, base) || lineEnd === '') {
      break;
    }
  }
  if (entries.length === 0 && problems.length === 0) {
    problems.push(problem('not-object', emptyFileMessage(), 0, text.length));
  }
  return { entries, problems };
}
