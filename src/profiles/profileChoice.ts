/** Which profile is "current": the user's pick > the iamPassword.profile setting > AWS_PROFILE > default. */

import * as l10n from '@vscode/l10n';

/** The AWS_ACCESS_KEY_ID pseudo-profile; untranslated, as it is remembered as the pick and compared with the files' names. */
export const ENV_PROFILE = '(environment variables)';

export interface ProfileChoice {
  name: string;
  reason: 'picked' | 'setting' | 'AWS_PROFILE' | 'default' | 'environment';
}

export function chooseProfile(available: readonly string[], picked: string | undefined, setting: string | undefined, env: NodeJS.ProcessEnv): ProfileChoice {
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
  if (available.includes(ENV_PROFILE)) {
    return { name: ENV_PROFILE, reason: 'environment' };
  }
  return { name: 'default', reason: 'default' };
}

const CHOICE_REASONS: Record<ProfileChoice['reason'], () => string> = {
  picked: () => l10n.t({ message: 'picked with Switch Profile', comment: 'Why a profile is the current one' }),
  setting: () => l10n.t({ message: 'from the iamPassword.profile setting', comment: 'Why a profile is the current one' }),
  AWS_PROFILE: () => l10n.t({ message: 'from AWS_PROFILE', comment: 'Why a profile is the current one' }),
  environment: () => l10n.t({ message: 'AWS_ACCESS_KEY_ID is set', comment: 'Why a profile is the current one' }),
  default: () => l10n.t({ message: 'the default', comment: 'Why a profile is the current one: it is named default' }),
};

export const describeChoice = (reason: ProfileChoice['reason']): string => CHOICE_REASONS[reason]();
