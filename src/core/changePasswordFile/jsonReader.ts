import { Node, ParseErrorCode, ParseOptions, parseTree, visit } from 'jsonc-parser';
import { codePointName } from '../passwordRules';
import * as l10n from '@vscode/l10n';
import { atPosition, emptyFileMessage, Entry, Problem, problem, ReadResult, Scalar } from './model';

// As VS Code reads JSON with comments: comments and trailing commas are fine.
const OPTIONS: ParseOptions = { allowTrailingComma: true };

/**
 * A change-password file in JSON, read with jsonc-parser. Its errors become messages that say, with line and
 * column, what was expected there. After a forgotten comma between members it reads on; after any other error
 * it stops, like the AWS CLI, and what follows the error is not read (later errors are mostly its echoes).
 */
export function readJson(text: string): ReadResult {
  // jsonc-parser does not skip a byte order mark; a space in its place keeps every offset.
  const source = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const { problems, readUpTo, closed } = syntaxProblems(source);
  // Read to its end before the first error; an object or array the file ends inside is not.
  const readWhole = (node: Node): boolean => end(node) <= readUpTo && (!['object', 'array'].includes(node.type) || closed.has(node.offset));
  const root = parseTree(source, [], OPTIONS);
  const entries: Entry[] = [];
  if (root?.type === 'object') {
    for (const property of root.children ?? []) {
      const [key, value] = property.children ?? [];
      // A member counts once its whole value was read before the error; a key alone is not checked.
      if (key && value && readWhole(value)) {
        entries.push({
          key: key.value as string,
          keyRange: { start: key.offset, end: end(key) },
          value: scalar(source, value),
          valueRange: { start: value.offset, end: end(value) },
        });
      }
    }
  } else if (root && readWhole(root)) {
    // The AWS CLI's words, untranslated, so they can be searched for.
    problems.push(problem('not-object', `Invalid type: expecting map, received <class '${pythonType(source, root)}'>`, root.offset, end(root)));
  }
  return { entries, problems };
}

const end = (node: Node): number => node.offset + node.length;

/** The class the CLI's JSON loader gives a value, as its messages name it. */
function pythonType(text: string, node: Node): string {
  const types: Partial<Record<Node['type'], string>> = { object: 'dict', array: 'list', string: 'str', boolean: 'bool', null: 'NoneType', number: 'int' };
  return node.type === 'number' && /[.eE]/.test(text.slice(node.offset, end(node))) ? 'float' : (types[node.type] ?? node.type);
}

function scalar(text: string, node: Node): Scalar {
  if (node.type !== 'string') {
    return { type: pythonType(text, node) };
  }
  // Where each UTF-16 unit of the value comes from: an escape is one unit (\uXXXX six characters, others two).
  const offsets: number[] = [];
  const closingQuote = end(node) - 1;
  for (let i = node.offset + 1; i < closingQuote; i += text[i] !== '\\' ? 1 : text[i + 1] === 'u' ? 6 : 2) {
    offsets.push(i);
  }
  offsets.push(closingQuote);
  return { text: node.value as string, offsets };
}

const TOKEN_ERRORS = new Set([
  ParseErrorCode.UnexpectedEndOfString,
  ParseErrorCode.InvalidEscapeCharacter,
  ParseErrorCode.InvalidUnicode,
  ParseErrorCode.InvalidCharacter,
  ParseErrorCode.UnexpectedEndOfNumber,
]);

/** What the parser was about to read when it met an error; it decides what the message says was expected. */
type Expecting = 'value' | 'name' | 'colon' | 'comma' | 'end';

function syntaxProblems(text: string): { problems: Problem[]; readUpTo: number; closed: Set<number> } {
  const problems: Problem[] = [];
  let readUpTo = Infinity;
  /** Where each object or array that was closed starts. */
  const closed = new Set<number>();
  const closers: { closer: string; start: number }[] = [];
  let expecting: Expecting = 'value';
  const afterValue = (): void => {
    expecting = closers.length > 0 ? 'comma' : 'end';
  };
  // jsonc-parser calls onObjectEnd also when the file ends first; then the object is still open.
  const close = (closer: string) => (offset: number) => {
    if (text[offset] === closer) {
      closed.add(closers.pop()?.start ?? -1);
      afterValue();
    }
  };
  const report = (code: ParseErrorCode, offset: number, length: number): void => {
    if (readUpTo !== Infinity) {
      return;
    }
    // Most likely a forgotten comma: say so and read on, so later keys are still checked and clearable.
    const forgottenComma = expecting === 'comma' && closers.at(-1)?.closer === '}' && text[offset] === '"' && !TOKEN_ERRORS.has(code);
    if (!forgottenComma) {
      readUpTo = offset;
    }
    problems.push(describeError(text, code, offset, length, expecting, closers.at(-1)?.closer));
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => {
        closers.push({ closer: '}', start: offset });
        expecting = 'name';
      },
      onArrayBegin: (offset) => {
        closers.push({ closer: ']', start: offset });
        expecting = 'value';
      },
      onObjectProperty: () => {
        expecting = 'colon';
      },
      onSeparator: (separator) => {
        expecting = separator === ':' || closers.at(-1)?.closer === ']' ? 'value' : 'name';
      },
      onLiteralValue: afterValue,
      onObjectEnd: close('}'),
      onArrayEnd: close(']'),
      onError: (code, offset, length) => {
        // A bad string or number where none may stand: what was expected there comes first (the parser would
        // say so only after the scanner's complaint about the token).
        if (TOKEN_ERRORS.has(code) && (expecting === 'colon' || expecting === 'comma' || expecting === 'end')) {
          report(ParseErrorCode.InvalidSymbol, offset, length);
        }
        report(code, offset, length);
      },
    },
    OPTIONS,
  );
  return { problems, readUpTo, closed };
}

function describeError(text: string, code: ParseErrorCode, offset: number, length: number, expecting: Expecting, closer?: string): Problem {
  // jsonc-parser may count an unterminated comment a character past the end.
  const syntax = (message: string, start = offset, stop = start + 1): Problem =>
    problem('syntax', atPosition(message, text, start), start, Math.min(stop, text.length));
  const atEnd = offset >= text.length;
  switch (code) {
    case ParseErrorCode.UnexpectedEndOfComment:
      return syntax(l10n.t('Unterminated comment'), offset, offset + length);
    case ParseErrorCode.UnexpectedEndOfString:
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode:
    case ParseErrorCode.InvalidCharacter: {
      const found = stringProblem(text, offset, offset + length);
      return syntax(found.message, found.start, found.end);
    }
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      return syntax(l10n.t('Incomplete number: digits must follow "." and "e"'), offset, offset + length);
  }
  if (expecting === 'value' && !atEnd) {
    return syntax(l10n.t('Expected a value'));
  }
  if (expecting === 'value' && closer === undefined) {
    return problem('not-object', emptyFileMessage(), 0, text.length);
  }
  switch (expecting) {
    case 'name':
      return syntax(atEnd ? l10n.t('Unexpected end of file') : l10n.t('Expected a property name in double quotes'));
    case 'colon':
      return syntax(l10n.t('Expected a colon after the property name'));
    case 'comma':
      return syntax(l10n.t({ message: 'Expected a comma or {0}', args: [closer ?? ''], comment: '{0} is } or ]' }));
    case 'end':
      return syntax(l10n.t('Expected the end of the file'));
    default:
      return syntax(l10n.t('Unexpected end of file'));
  }
}

/**
 * jsonc-parser flags the whole string token, with one error code; the message names the first problem in it:
 * a bad escape or control character, else the line or file end before the closing quote.
 */
function stringProblem(text: string, start: number, stop: number): { message: string; start: number; end: number } {
  for (let i = start + 1; i < stop; i++) {
    if (text[i] === '\\') {
      const escape = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(i + 1, i + 6));
      if (!escape) {
        return { message: l10n.t('Invalid escape sequence in string'), start: i, end: i + 2 };
      }
      i += escape[0].length;
    } else if (text[i] < ' ') {
      return {
        message: l10n.t({
          message: 'Control character {0} in a string (write it as an escape, like \\t)',
          args: [codePointName(text[i])],
          comment: '{0} is a code point, e.g. U+0009',
        }),
        start: i,
        end: i + 1,
      };
    }
  }
  return { message: l10n.t('Unterminated string'), start, end: stop };
}
