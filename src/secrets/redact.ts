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
    // A lone surrogate has no UTF-8 form, so no percent-encoded one either. Percent-encoded once or
    // twice (%25XX); and its UTF-8 bytes read as Latin-1, as a server that guessed the charset shows them.
    const bytes = [...Buffer.from(char, 'utf8')];
    forms.push(bytes.map((byte) => `%(?:25)?${hexPattern(byte, 2)}`).join(''));
    if (codePoint > 0x7f) {
      forms.push(bytes.map((byte) => unitPattern(String.fromCharCode(byte))).join(''));
    }
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

/** The forms of a secret a request body carries: raw, and URL-encoded as the AWS SDK and as an HTML form write it. */
function bodyForms(secret: string): string[] {
  if (!/^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/.test(secret)) {
    // A lone surrogate cannot be URL-encoded.
    return [secret];
  }
  const sdk = encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [...new Set([secret, sdk, sdk.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()), sdk.replace(/%20/g, '+'), form])];
}

/**
 * The parts of a base64 copy of a body that spell `secret` (in any of its body forms) whatever
 * surrounds it: for each of the three byte alignments, without the characters its neighbours
 * also shape. None for a form too short to have one.
 */
function base64Cores(secret: string): string[] {
  return bodyForms(secret).flatMap((form) => {
    const bytes = Buffer.from(form, 'utf8');
    return [0, 1, 2].flatMap((offset) => {
      const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
      const end = offset + bytes.length;
      // Whole base64 characters that only the form's bytes shape.
      const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor((end * 8) / 6));
      return core.length >= 4 ? [core] : [];
    });
  });
}

/** All non-empty secrets, longest first so a secret containing another is replaced whole; undefined when there are none. */
function secretsRegExp(secrets: Iterable<string>): RegExp | undefined {
  const distinct = [...new Set([...secrets].filter((secret) => secret.length > 0))].sort((a, b) => b.length - a.length);
  // Each secret written raw, or with any of its characters encoded in any of those ways, or inside a base64 copy.
  const patterns = distinct.flatMap((secret) => [
    [...secret].map(characterPattern).join(''),
    ...base64Cores(secret).map((core) => core.replace(/[+/]/g, '\\$&')),
  ]);
  return patterns.length === 0 ? undefined : new RegExp(patterns.join('|'), 'g');
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
  return redactJsonMembers(redactXmlElements(body));
}

/** An opening tag; attributes stop at the next < too, so a body without > is read once. */
const XML_OPENING_TAG = /<([\w.:-]+)(?:\s[^<>]*)?>/g;

/**
 * Each secret leaf element's text (CDATA included) becomes ***. Linear: text is scanned from each
 * opening tag to the next tag only, and no tag inside a scanned stretch is looked at again.
 */
function redactXmlElements(body: string): string {
  let redacted = '';
  let copied = 0;
  let scanned = 0;
  let cdataEndMissing = false;
  for (const match of body.matchAll(XML_OPENING_TAG)) {
    const tag = match[1];
    if (match.index < scanned || !isSecretName(tag.slice(tag.lastIndexOf(':') + 1))) {
      continue;
    }
    const contentStart = match.index + match[0].length;
    let next = body.indexOf('<', contentStart);
    while (next >= 0 && body.startsWith('<![CDATA[', next)) {
      const cdataEnd: number = cdataEndMissing ? -1 : body.indexOf(']]>', next);
      cdataEndMissing = cdataEnd < 0;
      next = cdataEnd < 0 ? -1 : body.indexOf('<', cdataEnd + 3);
    }
    scanned = next < 0 ? body.length : next;
    if (next >= 0 && body.startsWith(`</${tag}>`, next)) {
      redacted += `${body.slice(copied, contentStart)}${REDACTED}`;
      copied = next;
    }
  }
  return redacted + body.slice(copied);
}

/** A member name (AWS's are short words) and its colon; its value is read from where the match ends. */
const JSON_MEMBER = /"([\w.-]{1,64})"\s*:\s*/g;
const JSON_STRING = /"(?:[^"\\]|\\.)*"/y;
const JSON_NUMBER = /-?\d[\d.eE+-]*/y;

/**
 * Each string or number value of a member with a secret name becomes "***", wherever it stands
 * (a body may not be JSON throughout). Once a string runs unclosed to the end, no later one can
 * close, so no stretch is read twice.
 */
function redactJsonMembers(body: string): string {
  let redacted = '';
  let copied = 0;
  let unclosed = false;
  for (const member of body.matchAll(JSON_MEMBER)) {
    const valueStart = member.index + member[0].length;
    const pattern = body[valueStart] === '"' ? JSON_STRING : JSON_NUMBER;
    if (valueStart < copied || !isSecretName(member[1]) || (unclosed && pattern === JSON_STRING)) {
      continue;
    }
    pattern.lastIndex = valueStart;
    const value = pattern.exec(body)?.[0];
    unclosed ||= pattern === JSON_STRING && value === undefined;
    if (value !== undefined) {
      redacted += `${body.slice(copied, valueStart)}"${REDACTED}"`;
      copied = valueStart + value.length;
    }
  }
  return redacted + body.slice(copied);
}

/** scheme://user:PASSWORD@host, as in a proxy URL: the user name stays. */
export function redactUrlCredentials(text: string): string {
  // A scheme starts where no scheme character stands before it, so a long word is read once.
  return text.replace(/((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#]*@/gi, `$1${REDACTED}@`);
}

/** A proxy value that is not a URL we take: everything between its scheme and its last @ may be a password, so all of it becomes ***. */
export function redactUserInfo(value: string): string {
  const at = value.lastIndexOf('@');
  return at < 0 ? value : `${/^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? ''}${REDACTED}${value.slice(at)}`;
}

/** Node's exec error starts with the whole command line, which may carry a token (`--vault-token=...`): only that it failed stays. */
export function redactCommandLine(message: string): string {
  return message.replace(/^Command failed: [^\n]*/, `Command failed: ${REDACTED}`);
}
