import * as vscode from 'vscode';
import { ConnectionPlan, planConnection } from '../core/connectionPlan';
import type { IamConnection } from '../core/iam';
import { ProfileList } from '../core/profiles';
import { loadIam } from './lazyBundles';
import { askMfaCode } from './mfaPrompt';
import { ExtensionSettings } from './settings';

export type Connection = ConnectionPlan & { iam: IamConnection };

/** Why no request can be made with this profile and these settings, or a ready connection. */
export function openConnection(
  list: ProfileList,
  profileName: string,
  settings: ExtensionSettings,
  log: vscode.LogOutputChannel,
): Connection | { refusal: string } {
  const plan = planConnection(list, profileName, settings, log, askMfaCode);
  if ('refusal' in plan) {
    return plan;
  }
  const { profile, options, iamEndpoint, stsEndpoint } = plan;
  log.info(`Profile ${profile.name} (${profile.kindLabel}), region ${options.region}, IAM ${iamEndpoint.url} (${iamEndpoint.source}), STS ${stsEndpoint.url}.`);
  return { ...plan, iam: loadIam().connect(options) };
}
