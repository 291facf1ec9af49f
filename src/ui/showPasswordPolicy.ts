import { describeError } from '../core/errors';
import { describePolicy } from '../core/passwordPolicy';
import { FlowDeps } from './changePasswordFlow';
import { openConnection } from './connection';
import { showErrorReport } from './errorNotification';
import { readSettings } from './settings';
import { ui } from './window';

/** Show Account Password Policy: GetAccountPasswordPolicy for the current profile, in words. */
export async function showPasswordPolicy({ store, log }: FlowDeps): Promise<void> {
  const list = await store.ready();
  const profileName = store.choice(list).name;
  let connection;
  try {
    connection = openConnection(list, profileName, readSettings(), log);
  } catch (error) {
    void ui.showErrorMessage(`Cannot prepare a connection for profile ${profileName}: ${(error as Error).message}`, {});
    return;
  }
  if ('refusal' in connection) {
    void ui.showErrorMessage(connection.refusal, {});
    return;
  }
  try {
    const policy = await connection.iam.getPasswordPolicy();
    store.setPolicy(profileName, policy);
    const lines = describePolicy(policy);
    const heading =
      policy.kind === 'account'
        ? `Password policy of the account of profile ${profileName}`
        : policy.kind === 'default'
          ? `No password policy is set for the account of profile ${profileName}; AWS's default applies`
          : `The password policy of the account of profile ${profileName} is unknown`;
    log.info(`${heading}:\n  ${lines.join('\n  ')}`);
    void ui.showInformationMessage(heading, { modal: true, detail: lines.join('\n') });
  } catch (error) {
    const report = describeError(error, connection.errorContext);
    log.error(report.cliLine);
    void showErrorReport(report, connection.errorContext, log);
  } finally {
    connection.iam.dispose();
  }
}
