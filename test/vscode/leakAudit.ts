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
 * Searches every file below `root` (logs, state databases, storage, temp files, browser data)
 * for each secret as UTF-8, UTF-16 and URL-encoded bytes. The secret's name is reported, never
 * the secret itself, so the audit's own output cannot leak.
 */
export function findLeaks(root: string, secrets: Readonly<Record<string, string>>): LeakHit[] {
  const needles = Object.entries(secrets).flatMap(([name, secret]) => [
    { name, encoding: 'utf-8', bytes: Buffer.from(secret, 'utf8') },
    { name, encoding: 'utf-16le', bytes: Buffer.from(secret, 'utf16le') },
    { name, encoding: 'url-encoded', bytes: Buffer.from(encodeURIComponent(secret), 'utf8') },
  ]);
  const hits: LeakHit[] = [];
  for (const file of filesUnder(root)) {
    const size = fs.statSync(file).size;
    if (size === 0 || size > MAX_FILE_BYTES) {
      continue;
    }
    const content = fs.readFileSync(file);
    for (const needle of needles) {
      if (content.includes(needle.bytes) && !hits.some((h) => h.file === file && h.secret === needle.name)) {
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
