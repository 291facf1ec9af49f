import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LeakHit {
  file: string;
  secret: string;
  encoding: string;
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;

function* filesUnder(root: string): Generator<string> {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      yield* filesUnder(full);
    } else if (entry.isFile()) {
      yield full;
    }
  }
}

/**
 * The ways a secret can be written in a log or an echoed answer: raw, URL-encoded (upper and lower
 * hex, + for a space, the AWS SDK's escaping of !'()*), XML/HTML-escaped (named and numeric
 * references), JSON-escaped (short escapes and \uXXXX for everything else).
 */
export function secretEncodings(secret: string): Record<string, string> {
  const uri = encodeURIComponent(secret);
  const sdk = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const unicodeEscaped = [...secret]
    .map((c) =>
      /\w/.test(c)
        ? c
        : c
            .split('')
            .map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`)
            .join(''),
    )
    .join('');
  return {
    raw: secret,
    'url-encoded': uri,
    'url-encoded (AWS SDK)': sdk,
    'url-encoded (lower-case hex)': sdk.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()),
    'form-encoded (+ for space)': new URLSearchParams({ s: secret }).toString().slice(2),
    'xml-escaped': secret.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`),
    'numeric references': [...secret].map((c) => `&#${c.codePointAt(0)};`).join(''),
    'json-escaped': JSON.stringify(secret).slice(1, -1),
    'json \\u-escaped': unicodeEscaped,
  };
}

/**
 * Searches every file below `root` (logs, state databases, storage, temp files, browser data)
 * for each secret as UTF-16 bytes and as UTF-8 bytes of each of its encodings. The secret's name
 * is reported, never the secret itself, so the audit's own output cannot leak.
 */
export function findLeaks(root: string, secrets: Readonly<Record<string, string>>): LeakHit[] {
  const needles = Object.entries(secrets).flatMap(([name, secret]) => [
    { name, encoding: 'utf-16le', bytes: Buffer.from(secret, 'utf16le') },
    ...Object.entries(secretEncodings(secret)).map(([encoding, text]) => ({ name, encoding, bytes: Buffer.from(text, 'utf8') })),
  ]);
  const hits: LeakHit[] = [];
  for (const file of filesUnder(root)) {
    const size = fs.statSync(file).size;
    if (size === 0 || size > MAX_FILE_BYTES) {
      continue;
    }
    const content = fs.readFileSync(file);
    for (const needle of needles) {
      if (content.includes(needle.bytes) && !hits.some((h) => h.file === path.relative(root, file) && h.secret === needle.name)) {
        hits.push({ file: path.relative(root, file), secret: needle.name, encoding: needle.encoding });
      }
    }
  }
  return hits;
}

/** The extension's own log files (its LogOutputChannel), wherever VS Code put them below `root`. */
export function extensionLogFiles(root: string, channelName: string): string[] {
  return [...filesUnder(root)].filter((file) => path.basename(file) === `${channelName}.log`);
}

/** The logs of the tinyproxy instances a test started below `root` (test/emulator/tinyproxy.ts names them so). */
export function proxyLogFiles(root: string): string[] {
  return [...filesUnder(root)].filter((file) => /^tinyproxy-\d+\.log$/.test(path.basename(file)));
}
