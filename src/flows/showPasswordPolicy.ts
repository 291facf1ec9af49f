import * as l10n from '@vscode/l10n';
import type { AwsSession } from '../aws/awsSession';
import { describePolicy, PolicyState } from '../password/passwordPolicy';
import { CommandDeps } from './commandDeps';
import { reportFailure, showRefusal } from './failureReport';
import { openFlowSession } from './flowSession';
import { deniedEvenWithMfa, signInWithFoundMfa } from './mfaDiscovery';

/** Show Account Password Policy: GetAccountPasswordPolicy for the current profile, in words. */
export async function showPasswordPolicy(deps: CommandDeps): Promise<void> {
  const session = await openFlowSession(deps, 'readPolicy');
  if (!session) {
    return;
  }
  const profileName = session.profile.name;
  try {
    const policy = await policyWithMfaIfDenied(deps, session);
    if (!policy) {
      return;
    }
    deps.store.setPolicy(profileName, policy);
    const lines = describePolicy(policy);
    const heading =
      policy.kind === 'account'
        ? l10n.t('Password policy of the account of profile {0}', profileName)
        : policy.kind === 'default'
          ? l10n.t("No password policy is set for the account of profile {0}; AWS's default applies", profileName)
          : l10n.t('The password policy of the account of profile {0} is unknown', profileName);
    deps.log.info(`${heading}:\n  ${lines.join('\n  ')}`);
    void deps.ui.showInformationMessage(heading, { modal: true, detail: lines.join('\n') });
  } catch (error) {
    reportFailure(deps, session, error);
  } finally {
    session.dispose();
  }
}

/** AWS's MFA-enforcing policy denies reading the policy without MFA: the device is found and its code asked, as in Change Password. */
async function policyWithMfaIfDenied(deps: CommandDeps, session: AwsSession): Promise<PolicyState | undefined> {
  const first = await session.getPasswordPolicy();
  if (first.kind !== 'needsMfa') {
    return first;
  }
  const found = await signInWithFoundMfa(deps, session);
  if (found.kind === 'refused') {
    showRefusal(deps, found.refusal);
    return undefined;
  }
  if (found.kind === 'cancelled') {
    deps.log.info('Cancelled at the MFA device pick; nothing was sent.');
    return undefined;
  }
  const again = await session.getPasswordPolicy();
  return again.kind === 'needsMfa' ? { kind: 'unknown', reason: deniedEvenWithMfa() } : again;
}
