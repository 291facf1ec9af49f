/** The one place that knows what a secret looks like. Everything logged passes through here first. */
export const REDACTED = '***';

const SECRET_NAME = /pass(?:word|phrase|wd)|secret|token|credential|signature|authorization|cookie|private.?key/i;
// Names that look secret but hold none: password-policy fields, pagination, paths, the SigV4 scope.
const PUBLIC_NAMES: ReadonlySet<string> = new Set([
  'xamzcredential',
  'nexttoken',
  'passwordpolicy',
  'minimumpasswordlength',
  'maxpasswordage',
  'passwordreuseprevention',
  'allowuserstochangepassword',
  'expirepasswords',
  'passwordlastused',
  'passwordresetrequired',
  'checkpasswordpolicy',
  'credentialsource',
  'webidentitytokenfile',
]);

const normalise = (name: string): string => name.toLowerCase().replace(/[-_\s]/g, '');

/** Whether values under this key, parameter, header or element name must never be shown. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !PUBLIC_NAMES.has(normalise(name));
}

/** An application/x-www-form-urlencoded body (AWS Query): secret values become ***, all else stays byte-identical. */
export function redactQueryString(body: string): string {
  return body
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) {
        return pair;
      }
      return isSecretName(decodeFormComponent(pair.slice(0, equals))) ? `${pair.slice(0, equals + 1)}${REDACTED}` : pair;
    })
    .join('&');
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Headers for a log line: the SigV4 scope stays readable, the signature and tokens do not. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) {
      continue;
    }
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (/authorization$/i.test(name)) {
      out[name] = /^AWS4-/.test(value)
        ? value.replace(/Signature=[^,\s]*/g, `Signature=${REDACTED}`)
        : value.replace(/^(\S+ )?[\s\S]*$/, `$1${REDACTED}`);
    } else {
      out[name] = isSecretName(name) ? REDACTED : value;
    }
  }
  return out;
}

/** Every occurrence of each non-empty secret, raw or URL-encoded, JSON- or XML-escaped, becomes ***. */
export function redactKnownSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) {
      continue;
    }
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(secret.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    try {
      const uri = encodeURIComponent(secret);
      forms.add(uri);
      // The SDK's encoding also escapes these, which encodeURIComponent leaves alone.
      forms.add(uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    } catch {
      // A lone surrogate cannot be URL-encoded, so no encoded form of it can occur either.
    }
  }
  // Longest first, so a secret containing another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length).reduce((out, form) => out.split(form).join(REDACTED), text);
}

/** An IAM/STS response body (XML, or JSON) with the text of secret elements and members replaced. */
export function redactResponseBody(body: string): string {
  return body
    .replace(/<((?:[\w.-]+:)?([\w.-]+))(\s[^>]*)?>((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*)<\/\1>/g, (whole, tag: string, name: string, attributes = '') =>
      isSecretName(name) ? `<${tag}${attributes}>${REDACTED}</${tag}>` : whole,
    )
    .replace(/"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g, (whole, name: string, colon: string) =>
      isSecretName(name) ? `"${name}"${colon}"${REDACTED}"` : whole,
    );
}

/** Every URL's password in a text (scheme://user:PASSWORD@host, as in a proxy URL) becomes ***; the user name stays. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#]*@/gi, `$1${REDACTED}@`);
}
