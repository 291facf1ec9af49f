import { Node, ParseError, ParseErrorCode, parseTree } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { codePointName } from '../password/passwordRules';
import { emptyFileMessage, Entry, Problem, ReadResult, TextRange } from './model';

// jsonc-parser reads JSON with comments as VS Code does. After a forgotten comma before a string it reads on, so later keys are
// still checked and clearable; after any other error it stops, like the AWS CLI (later errors are mostly its echoes).
export function readJson(text: string): ReadResult {
  // jsonc-parser does not skip a byte order mark; a space in its place keeps every offset.
  const source = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true });
  const last = errors.findIndex((e) => !(e.error === ParseErrorCode.CommaExpected && source[e.offset] === '"'));
  const reported = last < 0 ? errors : errors.slice(0, last + 1);
  const stopAt = last < 0 ? Infinity : errors[last].offset;
  if (!root && reported[0]?.error === ParseErrorCode.ValueExpected && reported[0].offset === source.length) {
    return { entries: [], problems: [{ code: 'not-object', message: emptyFileMessage(), range: { start: 0, end: text.length } }] };
  }
  // Text after the whole value is no JSON token either, but missing quotes are not why it is wrong.
  const afterValue = (e: ParseError): boolean => e.error === ParseErrorCode.InvalidSymbol && root !== undefined && e.offset >= end(root);
  const problems = reported.map((e) => syntaxProblem(source, afterValue(e) ? { ...e, error: ParseErrorCode.EndOfFileExpected } : e));
  const entries: Entry[] = [];
  if (root?.type === 'object') {
    for (const [key, value] of (root.children ?? []).map((property) => property.children ?? [])) {
      // A member counts once its whole value was read by the error; jsonc-parser ends an unclosed object or array at the file's end.
      if (value && end(value) <= stopAt && (end(value) < source.length || !value.children)) {
        entries.push({
          key: key.value as string,
          keyRange: range(key),
          value: value.type === 'string' ? (value.value as string) : { type: pythonType(source, value) },
          valueRange: range(value),
        });
      }
    }
  } else if (root && problems.length === 0) {
    // The AWS CLI's words, untranslated, so they can be searched for.
    problems.push({ code: 'not-object', message: `Invalid type: expecting map, received <class '${pythonType(source, root)}'>`, range: range(root) });
  }
  return { entries, problems };
}

const end = (node: Node): number => node.offset + node.length;
const range = (node: Node): TextRange => ({ start: node.offset, end: end(node) });

function pythonType(text: string, node: Node): string {
  const types: Partial<Record<Node['type'], string>> = { object: 'dict', array: 'list', string: 'str', boolean: 'bool', null: 'NoneType', number: 'int' };
  return node.type === 'number' && /[.eE]/.test(text.slice(node.offset, end(node))) ? 'float' : (types[node.type] ?? node.type);
}

// jsonc-parser's error codes say what was expected; its string errors flag the whole token, so stringProblem looks inside.
const MESSAGES: Partial<Record<ParseErrorCode, () => string>> = {
  // A token that is no JSON at all: most often a password without quotes, or in single quotes.
  [ParseErrorCode.InvalidSymbol]: () => l10n.t('Unexpected text (strings need double quotes)'),
  [ParseErrorCode.PropertyNameExpected]: () => l10n.t('Expected a property name in double quotes'),
  [ParseErrorCode.ValueExpected]: () => l10n.t('Expected a value'),
  [ParseErrorCode.ColonExpected]: () => l10n.t('Expected a colon after the property name'),
  [ParseErrorCode.CommaExpected]: () => l10n.t('Expected a comma'),
  // jsonc-parser expects a closing bracket only where the file ends inside an object or array.
  [ParseErrorCode.CloseBraceExpected]: () => l10n.t('Unexpected end of file: expected }'),
  [ParseErrorCode.CloseBracketExpected]: () => l10n.t('Unexpected end of file: expected ]'),
  [ParseErrorCode.EndOfFileExpected]: () => l10n.t('Expected the end of the file'),
  [ParseErrorCode.UnexpectedEndOfComment]: () => l10n.t('Unterminated comment'),
  [ParseErrorCode.UnexpectedEndOfNumber]: () => l10n.t('Incomplete number: digits must follow "." and "e"'),
};

function syntaxProblem(text: string, { error, offset, length }: ParseError): Problem {
  const message = MESSAGES[error];
  // jsonc-parser may count an unterminated comment a character past the end.
  return message
    ? { code: 'syntax', message: message(), range: { start: offset, end: Math.min(offset + length, text.length) } }
    : stringProblem(text, offset, offset + length);
}

function stringProblem(text: string, start: number, stop: number): Problem {
  // The string's valid prefix: JSON refuses control characters in a string, so the pattern must name them.
  // eslint-disable-next-line no-control-regex
  const valid = /(?:[^\\\0-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
  valid.lastIndex = start + 1;
  valid.exec(text);
  const at = valid.lastIndex;
  if (at < stop && text[at] === '\\') {
    return { code: 'syntax', message: l10n.t('Invalid escape sequence in string'), range: { start: at, end: Math.min(at + 2, text.length) } };
  }
  if (at < stop) {
    const message = l10n.t({
      message: 'Control character {0} in a string (write it as an escape, like \\t)',
      args: [codePointName(text[at])],
      comment: '{0} is a code point, e.g. U+0009',
    });
    return { code: 'syntax', message, range: { start: at, end: at + 1 } };
  }
  return { code: 'syntax', message: l10n.t('Unterminated string'), range: { start, end: stop } };
}
