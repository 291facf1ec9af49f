/** Opening the AWS session a flow uses, after the refusals that need no request. */
import { AwsSession, openSession } from '../aws/awsSession';
import { passwordAbility } from '../profiles/passwordAbility';
import { CommandDeps } from './commandDeps';
import { showRefusal } from './failureReport';
import { askMfaCode } from './mfaPrompt';
import { allowedInRestrictedMode } from './restrictedMode';
import { hostProxySupport } from '../window/hostProxySupport';

/** What the session is for: a profile that can never change a password may still read the policy. */
export type SessionPurpose = 'changePassword' | 'readPolicy';

/** A session for the current profile, or undefined once the user has been told why there is none; nothing was sent. */
export async function openFlowSession(deps: CommandDeps, purpose: SessionPurpose): Promise<AwsSession | undefined> {
  const list = await deps.store.ready();
  const profileName = deps.store.choice(list).name;
  // Before any MFA prompt, SSO sign-in or request: a role cannot change a console password, whatever AWS would say.
  const profile = list.byName(profileName);
  const ability = purpose === 'changePassword' && profile ? passwordAbility(profile) : undefined;
  if (ability?.can === 'no') {
    showRefusal(deps, ability.full);
    return undefined;
  }
  if (!(await allowedInRestrictedMode(deps, list, profileName))) {
    return undefined;
  }
  const opening = await openSession({
    list,
    profileName,
    settings: deps.settings(),
    logger: deps.log,
    clientName: deps.clientName,
    mfaSessions: deps.state.mfaSessions,
    askMfaCode: (serial, name) => askMfaCode(deps.ui, serial, name),
    hostProxy: hostProxySupport(),
  });
  if ('refusal' in opening) {
    showRefusal(deps, opening.refusal);
    return undefined;
  }
  return opening.session;
}
