/**
 * The token cache `aws sso login` writes: ~/.aws/sso/cache/SHA1.json, named after the sso-session
 * name, or after the start URL for a profile without one. The SDK reads the same files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SsoAccessToken } from './state';

export interface SsoLogin {
  /** The profile's sso_start_url (or its sso-session's). */
  startUrl: string;
  /** The profile's sso_region. */
  region: string;
  /** The profile's sso_session, when it has one. */
  sessionName?: string;
}

export function ssoTokenCacheFile(homeDir: string, login: SsoLogin): string {
  const name = createHash('sha1')
    .update(login.sessionName ?? login.startUrl)
    .digest('hex');
  return join(homeDir, '.aws', 'sso', 'cache', `${name}.json`);
}

/** The file's content as the AWS CLI v2 writes it (expiry in UTC, to the second). */
export function ssoTokenCacheJson(token: SsoAccessToken, login: SsoLogin): string {
  return JSON.stringify({
    startUrl: login.startUrl,
    region: login.region,
    accessToken: token.accessToken,
    expiresAt: token.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
}

/** Does what a finished `aws sso login` leaves behind; returns the file written. */
export function writeSsoTokenCache(homeDir: string, login: SsoLogin, token: SsoAccessToken): string {
  const file = ssoTokenCacheFile(homeDir, login);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, ssoTokenCacheJson(token, login), { mode: 0o600 });
  return file;
}
