import { codePointName, isAllowedCodePoint, MAX_PASSWORD_LENGTH } from './passwordPolicy';

export type SkeletonFormat = 'json' | 'yaml';

/** UTF-16 offsets into the text; end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

export type SkeletonProblemCode =
  | 'syntax'
  | 'unsupported'
  | 'not-object'
  | 'unknown-key'
  | 'duplicate-key'
  | 'not-string'
  | 'too-long'
  | 'bad-char';

export interface SkeletonProblem {
  message: string;
  range: TextRange;
  severity: 'error' | 'warning';
  code: SkeletonProblemCode;
}

/**
 * A change-password file read with the CLI's semantics. A missing key or an empty value ("", '', or in YAML
 * a null) is not a problem: the change flow asks for that password in a masked box. Messages never contain
 * a value, since any value may be a password. Problems are in text order; every one is an error.
 */
export interface ParsedSkeleton {
  /** Only string values that IAM would accept (1 to 128 allowed characters). */
  values: { OldPassword?: string; NewPassword?: string };
  /** The value token, quotes included, whatever its type; absent for a missing key or a YAML `Key:` without value. */
  valueRanges: { OldPassword?: TextRange; NewPassword?: TextRange };
  problems: SkeletonProblem[];
}

const PARAMETERS = ['OldPassword', 'NewPassword'] as const;
type Parameter = (typeof PARAMETERS)[number];
const isParameter = (key: string): key is Parameter => (PARAMETERS as readonly string[]).includes(key);

// Byte for byte what AWS CLI v2 2.9.19 prints, including the uneven gap before the first comment.
const SKELETONS: Record<SkeletonFormat, string> = {
  json: '{\n    "OldPassword": "",\n    "NewPassword": ""\n}\n',
  yaml: "OldPassword: ''  # [REQUIRED] The IAM user's current password.\nNewPassword: '' # [REQUIRED] The new password.\n",
};

export function generateSkeleton(format: SkeletonFormat): string {
  return SKELETONS[format];
}

/** The same names the package.json when-clauses match, case-sensitive like resourceFilename; accepts a path. */
export function formatForFileName(fileName: string): SkeletonFormat | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const match = /^(?:.+\.)?change-password\.(json|ya?ml)$/.exec(base);
  return match ? (match[1] === 'json' ? 'json' : 'yaml') : undefined;
}

/** 1-based line and UTF-16 column; \r\n, \r and \n each end a line, as in VS Code. */
export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function parseSkeleton(text: string, format: SkeletonFormat): ParsedSkeleton {
  const { entries, problems } = scan(text, format);
  const parsed: ParsedSkeleton = { values: {}, valueRanges: {}, problems };
  const report = (code: SkeletonProblemCode, message: string, range: TextRange): void => {
    problems.push({ message, range, severity: 'error', code });
  };
  const seen = new Set<string>();
  for (const { key, keyRange, value, valueRange } of entries) {
    if (!isParameter(key)) {
      report('unknown-key', `Unknown parameter in input: "${key}", must be one of: ${PARAMETERS.join(', ')}`, keyRange);
      continue;
    }
    if (seen.has(key)) {
      report('duplicate-key', `Duplicate parameter "${key}": remove one of them (the AWS CLI would silently use the last)`, keyRange);
      continue;
    }
    seen.add(key);
    if (valueRange) {
      parsed.valueRanges[key] = valueRange;
    }
    if (!value || !valueRange) {
      continue;
    }
    if (!('text' in value)) {
      const hint = value.type === 'NoneType' ? ' (write "" to be asked for it)' : /^(?:int|float|bool|datetime)/.test(value.type) ? ' (put the value in quotes)' : '';
      report('not-string', `Invalid type for parameter ${key}, type: <class '${value.type}'>, valid types: <class 'str'>${hint}`, valueRange);
      continue;
    }
    const { text: password, offsets } = value;
    const length = Array.from(password).length;
    if (length > MAX_PASSWORD_LENGTH) {
      report('too-long', `Invalid length for parameter ${key}, value: ${length}, valid max length: ${MAX_PASSWORD_LENGTH}`, valueRange);
    }
    const bad = firstBadCharacter(password);
    if (bad !== undefined) {
      const width = (password.codePointAt(bad) as number) > 0xffff ? 2 : 1;
      const range = { start: offsets[bad], end: offsets[bad + width] };
      const at = offsetToPosition(text, range.start);
      report(
        'bad-char',
        `Invalid character for parameter ${key}: ${codePointName(password.slice(bad))} at line ${at.line}, column ${at.column}; ` +
          'IAM allows only tab, line feed, carriage return and U+0020 to U+00FF',
        range,
      );
    }
    if (length > 0 && length <= MAX_PASSWORD_LENGTH && bad === undefined) {
      parsed.values[key] = password;
    }
  }
  problems.sort((a, b) => a.range.start - b.range.start);
  return parsed;
}

/** The same text with both passwords emptied ("" or ''); comments, order and whitespace untouched. */
export function clearPasswords(text: string, format: SkeletonFormat): string {
  const empty = format === 'json' ? '""' : "''";
  return scan(text, format)
    .entries.filter((e) => isParameter(e.key))
    .reverse()
    .reduce((out, { valueRange: r }) => (r ? out.slice(0, r.start) + empty + out.slice(r.end) : out), text);
}

function firstBadCharacter(value: string): number | undefined {
  for (let i = 0; i < value.length; ) {
    const codePoint = value.codePointAt(i) as number;
    if (!isAllowedCodePoint(codePoint)) {
      return i;
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  return undefined;
}

/** A string keeps the source offset of each UTF-16 unit, plus the offset just after the last (its closing quote). */
type Scalar = { text: string; offsets: number[] } | { type: string };

interface Entry {
  key: string;
  keyRange: TextRange;
  /** Undefined: empty (a YAML null). */
  value?: Scalar;
  valueRange?: TextRange;
}

interface Scan {
  entries: Entry[];
  problems: SkeletonProblem[];
}

const EMPTY_FILE = 'The file is empty: expected OldPassword and NewPassword';

function scan(text: string, format: SkeletonFormat): Scan {
  return format === 'json' ? scanJson(text) : scanYaml(text);
}

const problem = (code: SkeletonProblemCode, message: string, start: number, end: number): SkeletonProblem => ({
  message,
  range: { start, end },
  severity: 'error',
  code,
});

const where = (text: string, offset: number): string => {
  const { line, column } = offsetToPosition(text, offset);
  return `line ${line}, column ${column}`;
};

/** JSON as VS Code's JSONC reads it: comments, trailing commas and a leading BOM are fine. */
function scanJson(text: string): Scan {
  const entries: Entry[] = [];
  const problems: SkeletonProblem[] = [];
  const stop = new Error('syntax');
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  const report = (message: string, start = pos, end = Math.min(start + 1, text.length)): void => {
    problems.push(problem('syntax', `${message} at ${where(text, start)}`, start, end));
  };
  const fail = (message: string, start = pos, end?: number): never => {
    report(message, start, end);
    throw stop;
  };
  const sticky = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = pos;
    const match = pattern.exec(text);
    if (match) {
      pos = pattern.lastIndex;
    }
    return match;
  };
  const skip = (): void => {
    while (sticky(/[ \t\r\n]+|\/\/[^\r\n]*|\/\*[\s\S]*?\*\//y)) {
      // Each match moved pos past whitespace or a comment.
    }
    if (text.startsWith('/*', pos)) {
      fail('Unterminated comment', pos, text.length);
    }
  };
  const string = (): { text: string; offsets: number[] } => {
    const start = pos++;
    let out = '';
    const offsets: number[] = [];
    for (;;) {
      const c = text[pos];
      if (c === undefined || c === '\n' || c === '\r') {
        return fail('Unterminated string', start, pos);
      }
      offsets.push(pos);
      if (c === '"') {
        pos++;
        return { text: out, offsets };
      }
      if (c === '\\') {
        const escape = text[pos + 1] ?? '';
        const simple = escape ? '"\\/bfnrt'.indexOf(escape) : -1;
        if (simple >= 0) {
          out += '"\\/\b\f\n\r\t'[simple];
          pos += 2;
        } else if (sticky(/\\u([0-9a-fA-F]{4})/y)) {
          out += String.fromCharCode(parseInt(text.slice(pos - 4, pos), 16));
        } else {
          fail('Invalid escape sequence in string', pos, pos + 2);
        }
      } else if (c < ' ') {
        fail(`Control character ${codePointName(c)} in a string (write it as an escape, like \\t)`);
      } else {
        out += c;
        pos++;
      }
    }
  };
  const value = (): { scalar: Scalar; range: TextRange } => {
    skip();
    const start = pos;
    if (text[pos] === '"') {
      return { scalar: string(), range: { start, end: pos } };
    }
    let type: string;
    if (text[pos] === '{' || text[pos] === '[') {
      type = text[pos] === '{' ? 'dict' : 'list';
      members(text[pos] === '{', false);
    } else {
      const literal = sticky(/-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?|true|false|null/y);
      if (!literal) {
        return fail(pos < text.length ? 'Expected a value' : 'Unexpected end of file');
      }
      type = literal[0] === 'null' ? 'NoneType' : /^[tf]/.test(literal[0]) ? 'bool' : literal[1] || literal[2] ? 'float' : 'int';
    }
    return { scalar: { type }, range: { start, end: pos } };
  };
  const members = (object: boolean, top: boolean): void => {
    const close = object ? '}' : ']';
    pos++;
    for (;;) {
      skip();
      if (text[pos] === close) {
        pos++;
        return;
      }
      if (object) {
        if (text[pos] !== '"') {
          fail(pos < text.length ? 'Expected a property name in double quotes' : 'Unexpected end of file');
        }
        const keyStart = pos;
        const key = string();
        const keyRange = { start: keyStart, end: pos };
        skip();
        if (text[pos] !== ':') {
          fail('Expected a colon after the property name');
        }
        pos++;
        const { scalar, range } = value();
        if (top) {
          entries.push({ key: key.text, keyRange, value: scalar, valueRange: range });
        }
      } else {
        value();
      }
      skip();
      if (text[pos] === ',') {
        pos++;
      } else if (text[pos] === close) {
        pos++;
        return;
      } else if (object && text[pos] === '"') {
        // Most likely a forgotten comma: say so and read on, so later keys are still checked and clearable.
        report(`Expected a comma or ${close}`);
      } else {
        fail(`Expected a comma or ${close}`);
      }
    }
  };

  try {
    skip();
    if (pos >= text.length) {
      problems.push(problem('not-object', EMPTY_FILE, 0, text.length));
    } else if (text[pos] === '{') {
      members(true, true);
    } else {
      const { scalar, range } = value();
      const type = 'text' in scalar ? 'str' : scalar.type;
      problems.push(problem('not-object', `Invalid type: expecting map, received <class '${type}'>`, range.start, range.end));
    }
    skip();
    if (pos < text.length) {
      fail('Expected the end of the file');
    }
  } catch (error) {
    if (error !== stop) {
      throw error;
    }
  }
  return { entries, problems };
}

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
const YAML_UNSUPPORTED_STARTS: Record<string, string> = {
  '[': 'flow collections ([ ], { })',
  '{': 'flow collections ([ ], { })',
  '&': 'anchors (&)',
  '*': 'aliases (*)',
  '!': 'tags (!)',
  '|': 'block scalars (| and >)',
  '>': 'block scalars (| and >)',
};

type QuotedResult = { text: string; offsets: number[]; end: number } | { code: SkeletonProblemCode; message: string; at: number };

/** A single-line 'single' or "double" quoted scalar starting at line[i]; base is the line's offset in the file. */
function yamlQuoted(line: string, i: number, base: number): QuotedResult {
  const quote = line[i];
  let out = '';
  const offsets: number[] = [];
  for (let j = i + 1; ; ) {
    const c = line[j];
    if (c === undefined || (quote === '"' && c === '\\' && j + 1 === line.length)) {
      return { code: 'unsupported', message: 'quoted values that continue on the next line', at: i };
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
        return { code: 'syntax', message: `Invalid escape sequence "\\${escape}" in a double-quoted value`, at: j };
      }
    } else {
      out += c;
      j++;
    }
  }
}

/** A subset of YAML: one flat block mapping of `Key: value` lines with scalar values, comments, --- and ... */
function scanYaml(text: string): Scan {
  const entries: Entry[] = [];
  const problems: SkeletonProblem[] = [];
  let started = false;
  let ended = false;
  let inIndentedBlock = false;
  /** Reads one line (without its line break) starting at offset base; false: stop reading. */
  const readLine = (line: string, base: number): boolean => {
    const report = (code: SkeletonProblemCode, message: string, at: number, end = line.length): void => {
      problems.push(problem(code, message, base + at, base + Math.max(at, end)));
      // Indented lines after a bad line are its continuation (a block scalar, a nested mapping): one report is enough.
      inIndentedBlock = true;
    };
    const unsupported = (what: string, at: number): void => {
      report('unsupported', `Unsupported YAML at ${where(text, base + at)}: ${what}; this file only supports simple "Key: value" lines`, at);
    };
    const syntax = (message: string, at: number, end?: number): void => report('syntax', `${message} at ${where(text, base + at)}`, at, end);
    // YAML allows a tab as a separator, but the CLI's YAML reader fails on one outside quotes: refuse what it cannot read.
    const tabOutsideQuotes = (from: number, to: number, quoted?: [number, number]): void => {
      for (let i = line.indexOf('\t', from); i >= 0 && i < to; i = line.indexOf('\t', i + 1)) {
        if (!quoted || i < quoted[0] || i >= quoted[1]) {
          return syntax('A tab outside quotes (the AWS CLI cannot read it; use spaces, or quote the value)', i, i + 1);
        }
      }
    };
    const quotedProblem = (q: { code: SkeletonProblemCode; message: string; at: number }): void =>
      q.code === 'syntax' ? syntax(q.message, q.at) : unsupported(q.message, q.at);
    const endsCleanly = (from: number): boolean => /^(?:[ \t]+(?:#.*)?)?$/.test(line.slice(from));

    if (/^[ \t]*(?:#.*)?$/.test(line)) {
      return true;
    }
    if (/^[ \t]/.test(line)) {
      if (!inIndentedBlock) {
        unsupported('indented lines (nested mappings, lists, multi-line values)', line.search(/[^ \t]/));
      }
      return true;
    }
    inIndentedBlock = false;
    const marker = /^(---|\.\.\.)(?=[ \t]|$)/.exec(line)?.[1];
    if (ended || (marker === '---' && (started || entries.length > 0))) {
      unsupported('more than one document', 0);
      return false;
    }
    if (marker) {
      started = true;
      ended = marker === '...';
      if (!endsCleanly(3)) {
        unsupported(`content on the ${marker} line`, line.slice(3).search(/[^ \t]/) + 3);
      }
      return true;
    }
    if (/^-(?=[ \t]|$)/.test(line)) {
      if (entries.length === 0) {
        report('not-object', "Invalid type: expecting map, received <class 'list'>", 0);
      } else {
        unsupported('lists', 0);
      }
      return false;
    }
    const lineStartOnly = /^%/.test(line) ? 'directives (%)' : /^[?:](?=[ \t]|$)/.test(line) ? 'complex keys (? and :)' : undefined;
    if (YAML_UNSUPPORTED_STARTS[line[0]] || lineStartOnly) {
      unsupported(YAML_UNSUPPORTED_STARTS[line[0]] ?? lineStartOnly, 0);
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
        syntax('Expected "Key: value"', 0);
        return true;
      }
      key = plainKey[0];
      keyEnd = key.length;
    }
    const colon = /^[ \t]*:(?:[ \t]+|$)/.exec(line.slice(keyEnd));
    if (!colon) {
      syntax('Expected a colon after the key', keyEnd);
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
        syntax('Expected the end of the line after the quoted value', quoted.end);
      } else {
        tabOutsideQuotes(quoted.end, line.includes('#', quoted.end) ? line.indexOf('#', quoted.end) : line.length);
      }
      return true;
    }
    if (YAML_UNSUPPORTED_STARTS[first]) {
      unsupported(YAML_UNSUPPORTED_STARTS[first], at);
      return true;
    }
    if (/^(?:[@`%,\]}]|[-:?](?=[ \t]|$)|=(?:[ \t]+#|[ \t]*$))/.test(line.slice(at))) {
      syntax(`A value starting with "${first}" must be quoted`, at);
      return true;
    }
    const comment = /[ \t]#/.exec(line.slice(at));
    const plain = line.slice(at, comment ? at + comment.index : line.length).trimEnd();
    const inner = /:(?=[ \t]|$)/.exec(plain);
    if (inner) {
      syntax('A value containing ": " must be quoted', at + inner.index);
      return true;
    }
    tabOutsideQuotes(at, comment ? at + comment.index + 1 : line.length);
    entry.valueRange = { start: base + at, end: base + at + plain.length };
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
    problems.push(problem('not-object', EMPTY_FILE, 0, text.length));
  }
  return { entries, problems };
}
