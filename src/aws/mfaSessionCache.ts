// GetSessionToken sessions of static-key profiles with mfa_serial, in memory only: one MFA code serves the window's commands until near expiry.
import type { AwsCredentialIdentity } from '@smithy/types';

/** Credentials this close to their expiry are fetched again rather than used. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

export function isFresh(identity: AwsCredentialIdentity, now = Date.now()): boolean {
  return !identity.expiration || identity.expiration.getTime() - EXPIRY_MARGIN_MS > now;
}

export interface MfaSessionKey {
  configFile: string;
  credentialsFile: string;
  profile: string;
  serial: string;
}

export class MfaSessionCache {
  private readonly sessions = new Map<string, AwsCredentialIdentity>();

  get(key: MfaSessionKey, now = Date.now()): AwsCredentialIdentity | undefined {
    const id = keyOf(key);
    const session = this.sessions.get(id);
    if (session && !isFresh(session, now)) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  set(key: MfaSessionKey, session: AwsCredentialIdentity): void {
    this.sessions.set(keyOf(key), session);
  }

  dispose(): void {
    this.sessions.clear();
  }
}

function keyOf({ configFile, credentialsFile, profile, serial }: MfaSessionKey): string {
  return JSON.stringify([configFile, credentialsFile, profile, serial]);
}
