/**
 * What a profile signs in with, in the order @aws-sdk/credential-provider-ini resolves it, and what
 * would stop the SDK from getting credentials for it: source_profile chains, credential sources,
 * half-set keys, incomplete SSO settings.
 */
import * as l10n from '@vscode/l10n';
import type { Settings } from './sharedConfigFiles';

/** 'login' is `aws login` (console credentials, key login_session); web identity roles are 'role'. */
export type ProfileKind = 'static' | 'role' | 'sso' | 'process' | 'login' | 'env' | 'unknown';

export interface KindAndLabel {
  kind: ProfileKind;
  /** 'static keys' | 'role' | 'role (web identity)' | 'SSO' | 'process' | 'console sign-in' | 'environment variables' | 'no credentials' */
  kindLabel: string;
}

/** A profile's SSO settings as fromSSO reads them. */
export interface SsoSettings {
  /** The profile's sso_start_url, or its sso-session's. */
  ssoStartUrl?: string;
  problems: string[];
}

const CREDENTIAL_SOURCES: ReadonlySet<string> = new Set(['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);
const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'] as const;

/**
 * The order of @aws-sdk/credential-provider-ini's resolveProfileData for the chosen profile. The
 * label is in the display language: code decides by `kind` and the profile's keys, never by it.
 */
export function credentialKind(settings: Settings): KindAndLabel {
  if (assumesRole(settings)) {
    return { kind: 'role', kindLabel: l10n.t({ message: 'role', comment: 'Profile kind: an IAM role' }) };
  }
  if (hasStaticKeys(settings)) {
    return settings.has('aws_session_token')
      ? { kind: 'static', kindLabel: l10n.t({ message: 'temporary keys (session token)', comment: 'Profile kind' }) }
      : { kind: 'static', kindLabel: l10n.t({ message: 'static keys', comment: 'Profile kind' }) };
  }
  if (usesWebIdentity(settings)) {
    return { kind: 'role', kindLabel: l10n.t({ message: 'role (web identity)', comment: 'Profile kind: an IAM role' }) };
  }
  if (settings.has('credential_process')) {
    return { kind: 'process', kindLabel: l10n.t({ message: 'process', comment: 'Profile kind: credential_process' }) };
  }
  if (isSso(settings)) {
    return { kind: 'sso', kindLabel: l10n.t({ message: 'SSO', comment: 'Profile kind: IAM Identity Center' }) };
  }
  if (settings.has('login_session')) {
    return { kind: 'login', kindLabel: l10n.t({ message: 'console sign-in', comment: 'Profile kind: aws login' }) };
  }
  return { kind: 'unknown', kindLabel: l10n.t({ message: 'no credentials', comment: 'Profile kind' }) };
}

/** Why the SDK would get no credentials for this profile, in the words shown beside it. */
export function credentialProblems(name: string, settings: Settings, kind: ProfileKind, sourceChains: SourceChains): string[] {
  const problems: string[] = [];
  const roleArn = settings.get('role_arn');
  const sourceProfile = settings.get('source_profile');
  const credentialSource = settings.get('credential_source');

  if (roleArn !== undefined && sourceProfile !== undefined && credentialSource !== undefined) {
    problems.push(l10n.t('role_arn has both source_profile and credential_source; set only one, or the AWS SDK will not assume the role.'));
  } else if (roleArn !== undefined && sourceProfile === undefined && credentialSource === undefined && !usesWebIdentity(settings)) {
    problems.push(l10n.t('role_arn needs a source_profile or credential_source to assume the role from.'));
  }
  if (assumesRole(settings)) {
    const chainProblem = sourceProfile !== undefined ? sourceChains.problemOf(sourceProfile, name) : credentialSourceProblem(name, settings);
    if (chainProblem !== undefined) {
      problems.push(chainProblem);
    }
  }
  if (settings.has('aws_access_key_id') !== settings.has('aws_secret_access_key')) {
    problems.push(
      settings.has('aws_access_key_id') ? l10n.t('aws_access_key_id is set without aws_secret_access_key.') : l10n.t('aws_secret_access_key is set without aws_access_key_id.'),
    );
  }
  if (kind === 'unknown' && roleArn === undefined && credentialSource !== undefined) {
    problems.push(l10n.t("credential_source without role_arn works only in a profile used as another profile's source_profile."));
  }
  return problems;
}

function hasStaticKeys(settings: Settings): boolean {
  return settings.has('aws_access_key_id') && settings.has('aws_secret_access_key');
}

/** The SDK assumes the role only with exactly one of source_profile and credential_source. */
function assumesRole(settings: Settings): boolean {
  return settings.has('role_arn') && settings.has('source_profile') !== settings.has('credential_source');
}

function usesWebIdentity(settings: Settings): boolean {
  return settings.has('role_arn') && settings.has('web_identity_token_file');
}

function isSso(settings: Settings): boolean {
  return settings.has('sso_session') || SSO_KEYS.some((key) => settings.has(key));
}

function credentialSourceProblem(profile: string, settings: Settings): string | undefined {
  const source = settings.get('credential_source');
  if (source === undefined || CREDENTIAL_SOURCES.has(source)) {
    return undefined;
  }
  return l10n.t('Profile "{0}" has credential_source "{1}"; the AWS SDK supports only Environment, Ec2InstanceMetadata and EcsContainer.', profile, source);
}

/**
 * Follows source_profile chains as fromIni does for a profile reached as a source: static keys
 * win there, then a credential_source without role_arn, then role, web identity, process, SSO,
 * login. Each profile's outcome is memoised, so checking every profile stays linear.
 */
export class SourceChains {
  private readonly outcomes = new Map<string, string | undefined>();

  constructor(private readonly profiles: ReadonlyMap<string, { settings: Settings }>) {}

  /** The problem with `start` as the source of `referrer`, or undefined when it can provide credentials. */
  problemOf(start: string, referrer: string): string | undefined {
    // The profiles passed through, in order, with their positions. Allocated on the first hop
    // only: most sources hold keys themselves.
    let positionOnPath: Map<string, number> | undefined;
    let node = start;
    let from = referrer;
    let problem: string | undefined;
    for (;;) {
      if (this.outcomes.has(node)) {
        problem = this.outcomes.get(node);
        break;
      }
      if (positionOnPath?.has(node)) {
        const loop = Array.from(positionOnPath.keys()).slice(positionOnPath.get(node));
        problem = l10n.t('The source_profile chain loops: {0}.', describeLoop(loop));
        break;
      }
      const settings = this.profiles.get(node)?.settings;
      if (!settings) {
        problem = l10n.t('Profile "{0}" has source_profile "{1}", which is not defined in the config or credentials file.', from, node);
        break;
      }
      if (hasStaticKeys(settings)) {
        break;
      }
      const credentialSourceOnly = !settings.has('role_arn') && settings.has('credential_source');
      if (credentialSourceOnly || assumesRole(settings)) {
        const next = settings.get('source_profile');
        if (next === undefined) {
          problem = credentialSourceProblem(node, settings);
          break;
        }
        positionOnPath ??= new Map();
        positionOnPath.set(node, positionOnPath.size);
        from = node;
        node = next;
        continue;
      }
      if (!(usesWebIdentity(settings) || settings.has('credential_process') || isSso(settings) || settings.has('login_session'))) {
        problem = l10n.t('Profile "{0}", the source_profile of "{1}", has no credentials.', node, from);
      }
      break;
    }
    if (positionOnPath) {
      for (const name of positionOnPath.keys()) {
        this.outcomes.set(name, problem);
      }
    }
    return problem;
  }
}

const LOOP_NAMES_SHOWN = 6;

/** Starts at the loop's lowest name, so every profile that leads into the loop gets the same text. */
function describeLoop(members: string[]): string {
  let first = 0;
  for (let index = 1; index < members.length; index++) {
    if (members[index] < members[first]) {
      first = index;
    }
  }
  const names = [...members.slice(first), ...members.slice(0, first), members[first]];
  if (names.length <= LOOP_NAMES_SHOWN) {
    return names.join(' -> ');
  }
  return l10n.t('{0} -> ... -> {1} ({2} profiles)', names.slice(0, LOOP_NAMES_SHOWN - 1).join(' -> '), names[names.length - 1], members.length);
}

/** The checks fromSSO makes before it looks for a token. */
export function ssoSettings(settings: Settings, ssoSessions: ReadonlyMap<string, Settings>): SsoSettings {
  const sessionName = settings.get('sso_session');
  let region = settings.get('sso_region');
  let startUrl = settings.get('sso_start_url');
  const result: SsoSettings = { problems: [] };
  if (sessionName !== undefined) {
    const session = ssoSessions.get(sessionName);
    if (!session) {
      result.problems.push(l10n.t('sso_session = {0} names no [sso-session {0}] section in the config file.', sessionName));
      if (startUrl !== undefined) {
        result.ssoStartUrl = startUrl;
      }
      return result;
    }
    // fromSSO refuses a profile value that differs from its session's, then uses the session's.
    if (region !== undefined && region !== session.get('sso_region')) {
      result.problems.push(l10n.t('sso_region differs between the profile and [sso-session {0}].', sessionName));
    }
    if (startUrl !== undefined && startUrl !== session.get('sso_start_url')) {
      result.problems.push(l10n.t('sso_start_url differs between the profile and [sso-session {0}].', sessionName));
    }
    region = session.get('sso_region');
    startUrl = session.get('sso_start_url');
  }
  if (startUrl !== undefined) {
    result.ssoStartUrl = startUrl;
  }
  const resolved = { sso_start_url: startUrl, sso_account_id: settings.get('sso_account_id'), sso_region: region, sso_role_name: settings.get('sso_role_name') };
  const missing = SSO_KEYS.filter((key) => resolved[key] === undefined);
  if (missing.length > 0) {
    result.problems.push(l10n.t('SSO configuration is incomplete: {0} missing.', missing.join(', ')));
  }
  return result;
}
