// The handlers of the commands that need the flows and the AWS SDK; activate() requires this module on the first of them.
import vscode = require('vscode');
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
  // The @vscode/l10n compiled in with this module is another copy than activation's: it is configured here too.
  translateCoreMessages();
  const state = new FlowState(activation.ui);
  const deps: CommandDeps = { ...activation, state };
  return {
    dispose: (): void => state.dispose(),
    changePassword: () => changePasswordFlow(deps, {}, 'iamPassword.changePassword'),
    changePasswordFromFile: (uri?: vscode.Uri) => changePasswordFromFile(deps, uri),
    generateSkeleton: (folder?: vscode.Uri) => generateSkeletonCommand(deps.ui, folder),
    showPasswordPolicy: () => showPasswordPolicy(deps),
    offerFirstProfile: (list: ProfileList) => offerFirstProfile(deps.ui, list),
    startChangePasswordFileSupport: (): vscode.Disposable =>
      vscode.Disposable.from(validateChangePasswordFiles(deps.store), guardChangePasswordFileSaves(deps.ui)),
  };
}

export type CommandHandlers = ReturnType<typeof createCommandHandlers>;
