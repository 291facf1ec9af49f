/** Profiles that can never change an IAM console password, known from the files alone, before anything is sent. */
import type { ProfileInfo } from './profiles';

export interface ProfileRefusal {
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
    const how = profile.kindLabel === 'role (web identity)' ? ' with a web identity token' : '';
    const source = profile.sourceProfile ? ` If its source_profile, ${profile.sourceProfile}, holds an IAM user's keys, switch to that profile.` : '';
    return {
      short: 'signs in as a role',
      full:
        `Profile ${profile.name} signs in as role ${profile.roleArn ?? ''}${how}. A role has no console password: ChangePassword works only with an IAM user's own credentials.` +
        `${source} Nothing was sent.`,
    };
  }
  if (profile.kind === 'sso') {
    const portal = profile.ssoStartUrl ? ` (${profile.ssoStartUrl})` : '';
    return {
      short: 'signs in through IAM Identity Center',
      full:
        `Profile ${profile.name} signs in through IAM Identity Center (SSO), as a role. Identity Center users have no IAM console password: ` +
        `change it in the AWS access portal${portal} or with your identity provider. Nothing was sent.`,
    };
  }
  return undefined;
}
