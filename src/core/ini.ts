/**
 * The AWS config and credentials files' lines as the AWS SDK for JavaScript v3 reads them (parseIni
 * in @smithy/core/config), with 1-based line numbers, and a warning for each line the SDK skips
 * that a person probably meant as a setting.
 *
 * The SDK's rules:
 * - Lines end at \n or \r\n. A comment starts at # or ; at the start of a line or after whitespace.
 * - A line that, trimmed, starts with [ and ends with ] is a section header.
 * - `key = value` splits at the first =; both are trimmed; keys are case-sensitive. A line without a
 *   key and = is skipped, and so is every line before the first header.
 * - `key =` stores nothing and opens a block: the `k = v` lines after it are `key.k`, until an
 *   unindented `k = v` line or the next header.
 */
import * as l10n from '@vscode/l10n';

export interface IniVisitor {
  /** A section header (the text between the brackets): the map its keys go into, or undefined to skip them. */
  section(header: string, line: number): Map<string, string> | undefined;
  warn(line: number, message: string): void;
}

const REDACTED_VALUE = '<redacted>';
export { REDACTED_VALUE };

const COMMENT = /(^|\s)[;#]/;
const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
/** The keys the SDK (and this extension) read: named in a warning when written in another case or with a colon. */
const SDK_KEYS: ReadonlySet<string> = new Set([
  ...SECRET_KEYS,
  ...['aws_access_key_id', 'region', 'role_arn', 'source_profile', 'credential_source', 'role_session_name', 'external_id', 'mfa_serial'],
  ...['duration_seconds', 'web_identity_token_file', 'credential_process', 'login_session', 'sso_session', 'sso_start_url', 'sso_account_id'],
  ...['sso_region', 'sso_role_name', 'sso_registration_scopes', 'endpoint_url', 'services', 'ignore_configured_endpoint_urls', 'use_fips_endpoint'],
  ...['use_dualstack_endpoint', 'sdk_ua_app_id', 'ca_bundle', 'iam', 'sts', 'sso', 'iam.endpoint_url', 'sts.endpoint_url', 'sso.endpoint_url'],
]);

/** Reads `text` line by line; secret values are replaced by REDACTED_VALUE as they are read, so they are never held. */
export function readIni(text: string, visitor: IniVisitor): void {
  let entries: Map<string, string> | undefined;
  let inSection = false;
  let block: string | undefined;
  let lineNumber = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    end = end === -1 ? text.length : end;
    const raw = text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    start = end + 1;
    lineNumber++;
    // Most lines have no comment character, and the split costs more than these searches.
    const line = (raw.includes('#') || raw.includes(';') ? raw.split(COMMENT)[0] : raw).trim();
    if (line === '') {
      continue;
    }
    if (line.charCodeAt(0) === 0x5b /* [ */ && line.charCodeAt(line.length - 1) === 0x5d /* ] */) {
      entries = visitor.section(line.slice(1, -1), lineNumber);
      inSection = true;
      block = undefined;
      continue;
    }
    if (!inSection) {
      visitor.warn(lineNumber, l10n.t('This line comes before any [section], so the AWS SDK ignores it.'));
      continue;
    }
    if (!entries) {
      continue;
    }
    if (line.charCodeAt(0) === 0x5b /* [ */) {
      visitor.warn(lineNumber, l10n.t('This line starts with "[" but does not end with "]", so the AWS SDK reads no section header here: the lines below stay in the section above.'));
      continue;
    }
    const equals = line.indexOf('=');
    const colon = line.indexOf(':');
    if (colon > 0 && (equals === -1 || colon < equals) && SDK_KEYS.has(line.slice(0, colon).trim().toLowerCase())) {
      const key = line.slice(0, colon).trim();
      visitor.warn(lineNumber, l10n.t('The AWS SDK reads only "key = value" and ignores this line; write {0} = ...', key.toLowerCase()));
      continue;
    }
    if (equals <= 0) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK ignores this line: it is not "key = value".'));
      continue;
    }
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (value === '') {
      block = key;
      continue;
    }
    if (block !== undefined && raw.trimStart() === raw) {
      block = undefined;
    }
    const fullKey = block === undefined ? key : `${block}.${key}`;
    const lower = fullKey.toLowerCase();
    if (lower !== fullKey && SDK_KEYS.has(lower)) {
      visitor.warn(lineNumber, l10n.t('The AWS SDK reads keys in lower case only and ignores "{0}"; write {1}.', fullKey, lower));
    }
    entries.set(fullKey, SECRET_KEYS.has(key.toLowerCase()) ? REDACTED_VALUE : value);
  }
}
