/** Whether a profile can change an IAM console password: decided here only, from the files and then from who AWS says it is. */
import * as l10n from '@vscode/l10n';
import { type CallerIdentity, rootPasswordHowto } from './identity';
import type { ProfileInfo } from './profileList';

/** `short` is the picker's and the status bar's line; `full` (what it is and what to do instead) the refusal's notification. */
export type PasswordAbility =
  /** Only AWS can tell (keys, a session, credential_process, the environment) until the identity is known: `short` says what the kind allows. */
  | { can: 'unknown'; short: string }
  /** An IAM user: it may still have no console password, or no permission to change it. */
  | { can: 'yes'; caller: CallerIdentity; short: string }
  | { can: 'no'; short: string; full: string };

/** The picker's few words for a role, from the files or from STS. */
const signsInAsRole = (): string => l10n.t({ message: 'signs in as a role', comment: 'After "Cannot change a password: "' });

/** Roles and SSO are refused from the files alone, before any MFA prompt or request; the rest once STS says who `caller` is. */
export function passwordAbility(profile: ProfileInfo, caller?: CallerIdentity): PasswordAbility {
  if (profile.kind === 'role') {
    // With neither or both of source_profile and credential_source, the SDK signs in with a web identity token.
    const webIdentity = (profile.sourceProfile === undefined) === (profile.credentialSource === undefined);
    const role = profile.roleArn ?? '';
    const sentences = [
      webIdentity
        ? l10n.t('Profile {0} signs in as role {1} with a web identity token.', profile.name, role)
        : l10n.t('Profile {0} signs in as role {1}.', profile.name, role),
      l10n.t("A role has no console password: ChangePassword works only with an IAM user's own credentials."),
      ...(profile.sourceProfile ? [l10n.t("If its source_profile, {0}, holds an IAM user's keys, switch to that profile.", profile.sourceProfile)] : []),
      l10n.t('Nothing was sent.'),
    ];
    return { can: 'no', short: signsInAsRole(), full: sentences.join(' ') };
  }
  if (profile.kind === 'sso') {
    const portal = profile.ssoStartUrl
      ? l10n.t({ message: 'the AWS access portal ({0})', args: [profile.ssoStartUrl], comment: '{0} is the portal URL' })
      : l10n.t('the AWS access portal');
    return {
      can: 'no',
      short: l10n.t({ message: 'signs in through IAM Identity Center', comment: 'After "Cannot change a password: "' }),
      full: l10n.t({
        message:
          'Profile {0} signs in through IAM Identity Center (SSO), as a role. Identity Center users have no IAM console password: change it in {1} or with your identity provider. Nothing was sent.',
        args: [profile.name, portal],
        comment: '{1} is "the AWS access portal", maybe with its URL',
      }),
    };
  }
  return caller ? callerAbility(caller) : { can: 'unknown', short: beforeIdentity(profile) };
}

/** What the profile's kind allows, before AWS says who it is: never a plain yes. */
function beforeIdentity(profile: ProfileInfo): string {
  if (profile.sessionToken) {
    return l10n.t("Temporary keys: can change the password only if they are an IAM user's, from a session with MFA");
  }
  if (profile.kind === 'static' || profile.kind === 'env') {
    return l10n.t("Access keys: can change the password if they are an IAM user's and the user has one");
  }
  return l10n.t('Can change a password only as an IAM user: known once AWS says who this profile signs in as');
}

function callerAbility(caller: CallerIdentity): PasswordAbility {
  switch (caller.kind) {
    case 'user':
      return { can: 'yes', caller, short: l10n.t('IAM user {0}: can change its password if it has one and is allowed to', caller.arn) };
    case 'root':
      return {
        can: 'no',
        short: l10n.t('the root user (use the AWS console)'),
        full: `${l10n.t('This profile signs in as the root user of account {0}, and ChangePassword only works for IAM users.', caller.account)} ${rootPasswordHowto()}`,
      };
    case 'assumed-role':
      return {
        can: 'no',
        short: signsInAsRole(),
        full: l10n.t(
          "This profile signs in as role {0} ({1}). A role has no console password: ChangePassword works only with the IAM user's own credentials. Pick a profile with the user's access keys (or the role's source profile).",
          caller.name,
          caller.arn,
        ),
      };
    case 'federated':
      return {
        can: 'no',
        short: l10n.t({ message: 'a federated user', comment: 'After "Cannot change a password: "' }),
        full: l10n.t(
          'This profile signs in as a federated user ({0}). Federated users have no IAM console password; change it with your identity provider.',
          caller.arn,
        ),
      };
    default:
      return {
        can: 'no',
        short: l10n.t({ message: 'not an IAM user', comment: 'After "Cannot change a password: "' }),
        full: l10n.t('This profile signs in as {0}, which is not an IAM user. ChangePassword only works for IAM users.', caller.arn),
      };
  }
}
