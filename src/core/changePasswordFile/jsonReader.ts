import { codePointName } from '../passwordPolicy';
import { describePosition, EMPTY_FILE, Entry, Problem, problem, ReadResult, Scalar, TextRange } from './model';

/** JSON as VS Code's JSONC reads it: comments, trailing commas and a leading BOM are fine. */
export function readJson(text: string): ReadResult {
  const entries: Entry[] = [];
  const problems: Problem[] = [];
  const stop = new Error('syntax');
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  const report = (message: string, start = pos, end = Math.min(start + 1, text.length)): void => {
    problems.push(problem('syntax', `${message} at ${describePosition(text, start)}`, start, end));
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
