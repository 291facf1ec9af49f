/** What a profile signs in with, in @aws-sdk/credential-provider-ini's order, and what would stop the SDK from getting its credentials. */
import * as l10n from '@vscode/l10n';
import type { Settings } from './sharedConfigFiles';

/** 'login' is `aws login` (console credentials, key login_session); web identity roles are 'role'. */
export type ProfileKind = 'static' | 'role' | 'sso' | 'process' | 'login' | 'env' | 'unknown';

const CREDENTIAL_SOURCES: ReadonlySet<string> = new Set(['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);
const SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'];
const SESSION_KEYS = ['sso_region', 'sso_start_url'];

/** resolveProfileData's order: the first that applies; labels made when asked for, in the display language. */
const KINDS: readonly [(settings: Settings) => boolean, ProfileKind, () => string][] = [
  [assumesRole, 'role', () => l10n.t({ message: 'role', comment: 'Profile kind' })],
  [(settings) => hasStaticKeys(settings) && settings.has('aws_session_token'), 'static', () => l10n.t('temporary keys (session token)')],
  [hasStaticKeys, 'static', () => l10n.t('static keys')],
  [usesWebIdentity, 'role', () => l10n.t('role (web identity)')],
  [(settings) => settings.has('credential_process'), 'process', () => l10n.t({ message: 'process', comment: 'Profile kind' })],
  [isSso, 'sso', () => l10n.t({ message: 'SSO', comment: 'Profile kind' })],
  [(settings) => settings.has('login_session'), 'login', () => l10n.t('console sign-in')],
  [() => true, 'unknown', () => l10n.t('no credentials')],
];

export function credentialKind(settings: Settings): { kind: ProfileKind; kindLabel: string } {
  const row = kindOf(settings);
  return { kind: row[1], kindLabel: row[2]() };
}

function kindOf(settings: Settings): (typeof KINDS)[number] {
  let index = 0;
  while (!KINDS[index][0](settings)) {
    index++;
  }
  return KINDS[index];
}

export function credentialProblems(name: string, settings: Settings, kind: ProfileKind, sourceChains: SourceChains): string[] {
  const problems: string[] = [];
  const roleArn = settings.get('role_arn');
  const sourceProfile = settings.get('source_profile');
  const credentialSource = settings.get('credential_source');

  if (roleArn !== undefined && sourceProfile !== undefined && credentialSource !== undefined) {
    problems.push(l10n.t('role_arn has both source_profile and credential_source: the AWS SDK assumes the role with only one.'));
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
    const [set, unset] = settings.has('aws_access_key_id') ? ['aws_access_key_id', 'aws_secret_access_key'] : ['aws_secret_access_key', 'aws_access_key_id'];
    problems.push(l10n.t('{0} is set without {1}.', set, unset));
  }
  if (kind === 'unknown' && roleArn === undefined && credentialSource !== undefined) {
    problems.push(l10n.t('credential_source without role_arn works only in a source_profile.'));
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

/** source_profile chains as fromIni follows them (static keys win in a source); memoised, so checking every profile stays linear. */
export class SourceChains {
  private readonly outcomes = new Map<string, string | undefined>();

  constructor(private readonly profiles: ReadonlyMap<string, { settings: Settings }>) {}

  problemOf(start: string, referrer: string): string | undefined {
    const path = new Set<string>();
    let name = start;
    let from = referrer;
    let problem: string | undefined;
    for (;;) {
      if (this.outcomes.has(name)) {
        problem = this.outcomes.get(name);
        break;
      }
      if (path.has(name)) {
        const members = [...path];
        problem = l10n.t('The source_profile chain loops: {0}.', describeLoop(members.slice(members.indexOf(name))));
        break;
      }
      const settings = this.profiles.get(name)?.settings;
      if (!settings) {
        problem = l10n.t('Profile "{0}" has source_profile "{1}", which is defined in neither file.', from, name);
        break;
      }
      if (hasStaticKeys(settings)) {
        break;
      }
      if (!(assumesRole(settings) || (!settings.has('role_arn') && settings.has('credential_source')))) {
        if (kindOf(settings)[1] === 'unknown') {
          problem = l10n.t('Profile "{0}", the source_profile of "{1}", has no credentials.', name, from);
        }
        break;
      }
      const next = settings.get('source_profile');
      if (next === undefined) {
        problem = credentialSourceProblem(name, settings);
        break;
      }
      path.add(name);
      from = name;
      name = next;
    }
    for (const member of path) {
      this.outcomes.set(member, problem);
    }
    return problem;
  }
}

const LOOP_NAMES_SHOWN = 6;

/** Starts at the loop's lowest name, so every profile that leads into the loop gets the same text. */
function describeLoop(members: string[]): string {
  const first = members.indexOf(members.reduce((lowest, member) => (member < lowest ? member : lowest)));
  const names = [...members.slice(first), ...members.slice(0, first), members[first]];
  if (names.length <= LOOP_NAMES_SHOWN) {
    return names.join(' -> ');
  }
  return l10n.t('{0} -> ... -> {1} ({2} profiles)', names.slice(0, LOOP_NAMES_SHOWN - 1).join(' -> '), names[names.length - 1], members.length);
}

/** The checks fromSSO makes before it looks for a token, and the profile's sso_start_url, or its sso-session's. */
export function ssoSettings(settings: Settings, ssoSessions: ReadonlyMap<string, Settings>): { ssoStartUrl?: string; problems: string[] } {
  const sessionName = settings.get('sso_session');
  const session = sessionName === undefined ? undefined : ssoSessions.get(sessionName);
  if (sessionName !== undefined && !session) {
    const problem = l10n.t('sso_session = {0} names no [sso-session {0}] section in the config file.', sessionName);
    return { ssoStartUrl: settings.get('sso_start_url'), problems: [problem] };
  }
  const problems: string[] = [];
  // fromSSO refuses a profile value that differs from its session's, then uses the session's.
  for (const key of SESSION_KEYS) {
    if (session && settings.has(key) && settings.get(key) !== session.get(key)) {
      problems.push(l10n.t('{0} differs between the profile and [sso-session {1}].', key, sessionName ?? ''));
    }
  }
  const valueOf = (key: string): string | undefined => (session && SESSION_KEYS.includes(key) ? session : settings).get(key);
  const missing = SSO_KEYS.filter((key) => valueOf(key) === undefined);
  if (missing.length > 0) {
    problems.push(l10n.t('SSO configuration is incomplete: {0} missing.', missing.join(', ')));
  }
  return { ssoStartUrl: valueOf('sso_start_url'), problems };
}
