/** Which profile is "current": the user's pick > the iamPassword.profile setting > AWS_PROFILE > default. */

/** The name the AWS_ACCESS_KEY_ID "profile" is listed under. */
export const ENV_PROFILE = '(environment variables)';

export interface ProfileChoice {
  name: string;
  /** What decided it, for the tooltip. */
  reason: 'picked' | 'setting' | 'AWS_PROFILE' | 'default' | 'environment';
}

export function chooseProfile(
  available: readonly string[],
  picked: string | undefined,
  setting: string | undefined,
  env: NodeJS.ProcessEnv,
  envProfileName: string,
): ProfileChoice {
  if (picked && available.includes(picked)) {
    return { name: picked, reason: 'picked' };
  }
  if (setting) {
    return { name: setting, reason: 'setting' };
  }
  if (env.AWS_PROFILE) {
    return { name: env.AWS_PROFILE, reason: 'AWS_PROFILE' };
  }
  // Like the CLI: with no profile named anywhere, keys in the environment win over [default].
  if (available.includes(envProfileName)) {
    return { name: envProfileName, reason: 'environment' };
  }
  return { name: 'default', reason: 'default' };
}

/** What decided the current profile, in words. */
export function describeChoice(reason: ProfileChoice['reason']): string {
  switch (reason) {
    case 'picked':
      return 'picked with Switch Profile';
    case 'setting':
      return 'from the iamPassword.profile setting';
    case 'AWS_PROFILE':
      return 'from AWS_PROFILE';
    case 'environment':
      return 'AWS_ACCESS_KEY_ID is set';
    default:
      return 'the default';
  }
}
