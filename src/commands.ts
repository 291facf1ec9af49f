/**
 * The handlers of the commands that need the flows and the AWS SDK. Bundled as
 * dist/commands.js, which activate() loads on the first such command (or the first
 * change-password file), so activation never pays for them.
 */
import * as vscode from 'vscode';
import { changePasswordFlow } from './flows/changePasswordFlow';
import { changePasswordFromFile } from './fileSupport/changePasswordFromFile';
import { guardChangePasswordFileSaves } from './fileSupport/saveGuard';
import { validateChangePasswordFiles } from './fileSupport/fileValidation';
import type { ProfileList } from './profiles/profileList';
import { ActivationDeps, CommandDeps } from './flows/commandDeps';
import { translateCoreMessages } from './window/coreTranslations';
import { offerFirstProfile } from './activeProfile/firstProfile';
import { FlowState } from './flows/flowState';
import { showPasswordPolicy } from './flows/showPasswordPolicy';
import { generateSkeletonCommand } from './fileSupport/skeletonCommands';

export function createCommandHandlers(activation: ActivationDeps) {
  // This bundle's own copy of @vscode/l10n, for src/core's messages made here.
  translateCoreMessages();
  // Made with the flows that use it, not at activation; activate() disposes it with the handlers.
  const state = new FlowState();
  const deps: CommandDeps = { ...activation, state };
  return {
    /** Forgets the MFA sessions and frees the change lock. */
    dispose: (): void => state.dispose(),
    changePassword: () => changePasswordFlow(deps, {}, 'iamPassword.changePassword'),
    changePasswordFromFile: (uri?: vscode.Uri) => changePasswordFromFile(deps, uri),
    generateSkeleton: (folder?: vscode.Uri) => generateSkeletonCommand(deps.ui, folder),
    showPasswordPolicy: () => showPasswordPolicy(deps),
    /** Switch Profile with no profiles: create the credentials file, or run aws configure. */
    offerFirstProfile: (list: ProfileList) => offerFirstProfile(deps.ui, list),
    /** Diagnostics, CodeLens and the save warning for change-password files. */
    startChangePasswordFileSupport: (): vscode.Disposable =>
      vscode.Disposable.from(validateChangePasswordFiles(deps.store), guardChangePasswordFileSaves(deps.ui)),
  };
}

export type CommandHandlers = ReturnType<typeof createCommandHandlers>;
