import type * as CommandsModule from '../commands';
import type * as IamModule from '../core/iam';

let iam: typeof IamModule | undefined;
let commands: typeof CommandsModule | undefined;

/** The AWS SDK bundle (dist/iam.js), loaded on first use so activation never pays for it. */
export function loadIam(): typeof IamModule {
  iam ??= require('./iam.js') as typeof IamModule;
  return iam;
}

/** The command handlers (dist/commands.js), loaded on the first command or change-password file. */
export function loadCommands(): typeof CommandsModule {
  commands ??= require('./commands.js') as typeof CommandsModule;
  return commands;
}
