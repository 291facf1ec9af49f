import * as l10n from '@vscode/l10n';
import { describePolicy } from '../password/passwordPolicy';
import { CommandDeps } from './commandDeps';
import { reportFailure } from './failureReport';
import { openFlowSession } from './flowSession';

/** Show Account Password Policy: GetAccountPasswordPolicy for the current profile, in words. */
export async function showPasswordPolicy(deps: CommandDeps): Promise<void> {
  const session = await openFlowSession(deps, 'readPolicy');
  if (!session) {
    return;
  }
  const profileName = session.profile.name;
  try {
    const policy = await session.getPasswordPolicy();
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
