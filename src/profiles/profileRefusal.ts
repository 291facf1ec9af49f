/** Profiles that can never change an IAM console password, known from the files alone, before anything is sent. */
import * as l10n from '@vscode/l10n';
import type { ProfileInfo } from './profileList';

interface ProfileRefusal {
  /** A few words, for the profile picker. */
  short: string;
  /** What it is and what to do instead, for the notification. */
  full: string;
}

/**
 * Why this profile cannot change a password, or undefined when only AWS can tell (root keys,
 * federated users and process credentials are refused after the identity check).
 */
export function profileRefusal(profile: ProfileInfo): ProfileRefusal | undefined {
  if (profile.kind === 'role') {
    // The SDK assumes a role from exactly one of source_profile and credential_source; a role
    // profile with neither (or both) signs in with a web identity token (profileKinds.ts).
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
    return {
      short: l10n.t({ message: 'signs in as a role', comment: 'After "Cannot change a password: "' }),
      full: sentences.join(' '),
    };
  }
  if (profile.kind === 'sso') {
    const portal = profile.ssoStartUrl
      ? l10n.t({ message: 'the AWS access portal ({0})', args: [profile.ssoStartUrl], comment: '{0} is the portal URL' })
      : l10n.t('the AWS access portal');
    return {
      short: l10n.t({ message: 'signs in through IAM Identity Center', comment: 'After "Cannot change a password: "' }),
      full: l10n.t({
        message:
          'Profile {0} signs in through IAM Identity Center (SSO), as a role. Identity Center users have no IAM console password: change it in {1} or with your identity provider. Nothing was sent.',
        args: [profile.name, portal],
        comment: '{1} is "the AWS access portal", maybe with its URL',
      }),
    };
  }
  return undefined;
}
