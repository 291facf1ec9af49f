/** The one place that knows what a secret looks like. Everything logged passes through here first. */
export const REDACTED = '***';

const SECRET_NAME = /pass(?:word|phrase|wd)|secret|token|credential|signature|authorization|cookie|private.?key/i;
// Names that look secret but hold none in what a session sends and receives: password-policy fields, pagination, the SigV4 scope.
const PUBLIC_NAMES: ReadonlySet<string> = new Set([
  'xamzcredential',
  'nexttoken',
  'passwordpolicy',
  'minimumpasswordlength',
  'maxpasswordage',
  'passwordreuseprevention',
  'allowuserstochangepassword',
  'expirepasswords',
]);

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !PUBLIC_NAMES.has(name.toLowerCase().replace(/[-_\s]/g, ''));
}

export function redactQueryString(body: string): string {
  return body
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) {
        return pair;
      }
      // URLSearchParams decodes the name as the server would (+, %XX, a bad % left as it is).
      const name = new URLSearchParams(pair.slice(0, equals)).keys().next().value ?? '';
      return isSecretName(name) ? `${pair.slice(0, equals + 1)}${REDACTED}` : pair;
    })
    .join('&');
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) {
      continue;
    }
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (/authorization$/i.test(name)) {
      out[name] = /^AWS4-/.test(value) ? value.replace(/Signature=[^,\s]*/g, `Signature=${REDACTED}`) : value.replace(/^(\S+ )?[\s\S]*$/, `$1${REDACTED}`);
    } else {
      out[name] = isSecretName(name) ? REDACTED : value;
    }
  }
  return out;
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos', '\u00a0': 'nbsp' };

/** A code unit as a regex escape, so no character of a secret needs regex quoting. */
const unitPattern = (unit: string): string => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
const hexPattern = (value: number, width = 1): string =>
  [...value.toString(16).padStart(width, '0')].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');

/** Every way one character of a secret can be written in a URL-encoded, XML/HTML-escaped or JSON-escaped text. */
function characterPattern(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  const forms = [
    `&#0*${codePoint};`,
    `&#[xX]0*${hexPattern(codePoint)};`,
    char
      .split('')
      .map((unit) => `\\\\u${hexPattern(unit.charCodeAt(0), 4)}`)
      .join(''),
  ];
  if (codePoint < 0xd800 || codePoint > 0xdfff) {
    // A lone surrogate has no UTF-8 form, so no percent-encoded one either.
    forms.push([...Buffer.from(char, 'utf8')].map((byte) => `%${hexPattern(byte, 2)}`).join(''));
  }
  if (char === ' ') {
    forms.push('\\+');
  }
  if (NAMED_REFERENCES[char]) {
    forms.push(`&${NAMED_REFERENCES[char]};`);
  }
  // JSON's short escapes (\n, \", \\ ...; \uXXXX is above), and the optional `\/`.
  const json = char === '/' ? '\\/' : JSON.stringify(char).slice(1, -1);
  if (json !== char && !json.startsWith('\\u')) {
    forms.push(json.split('').map(unitPattern).join(''));
  }
  // Raw last: at the end of a secret, `&amp;` must be taken whole, not its `&` alone.
  forms.push(char.split('').map(unitPattern).join(''));
  return `(?:${forms.join('|')})`;
}

/** All non-empty secrets, longest first so a secret containing another is replaced whole; undefined when there are none. */
function secretsRegExp(secrets: Iterable<string>): RegExp | undefined {
  const distinct = [...new Set([...secrets].filter((secret) => secret.length > 0))].sort((a, b) => b.length - a.length);
  return distinct.length === 0 ? undefined : new RegExp(distinct.map((secret) => [...secret].map(characterPattern).join('')).join('|'), 'g');
}

export function redactKnownSecrets(text: string, secrets: Iterable<string>): string {
  const pattern = secretsRegExp(secrets);
  return pattern ? text.replace(pattern, REDACTED) : text;
}

/** Leaves a letters-only (or digits-only) secret that is a whole word of the message: "The old password is ***." would tell it. */
export function hideEchoedSecrets(text: string, secrets: Iterable<string>): { text: string; hidden: boolean } {
  const list = [...secrets];
  const pattern = secretsRegExp(list);
  let hidden = false;
  const result = pattern
    ? text.replace(pattern, (match: string, offset: number) => {
        if (list.includes(match) && isProse(text, match, offset)) {
          return match;
        }
        hidden = true;
        return REDACTED;
      })
    : text;
  return { text: result, hidden };
}

function isProse(text: string, match: string, offset: number): boolean {
  const run = /^\p{L}+$/u.test(match) ? '\\p{L}' : /^\p{N}+$/u.test(match) ? '\\p{N}' : undefined;
  return (
    run !== undefined &&
    new RegExp(`(?:^|[\\s(])${run}*$`, 'u').test(text.slice(0, offset)) &&
    new RegExp(`^${run}*(?:$|[\\s.,;!?)])`, 'u').test(text.slice(offset + match.length))
  );
}

export function redactResponseBody(body: string): string {
  return body
    .replace(/<((?:[\w.-]+:)?([\w.-]+))(\s[^>]*)?>((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*)<\/\1>/g, (whole, tag: string, name: string, attributes = '') =>
      isSecretName(name) ? `<${tag}${attributes}>${REDACTED}</${tag}>` : whole,
    )
    .replace(/"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g, (whole, name: string, colon: string) =>
      isSecretName(name) ? `"${name}"${colon}"${REDACTED}"` : whole,
    );
}

/** scheme://user:PASSWORD@host, as in a proxy URL: the user name stays. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#]*@/gi, `$1${REDACTED}@`);
}
