import type * as CommandsModule from '../commands';
import type * as IamModule from '../core/iam';
import type * as ProfilesModule from '../core/profiles';

let iam: typeof IamModule | undefined;
let commands: typeof CommandsModule | undefined;
let profiles: typeof ProfilesModule | undefined;

/** The AWS SDK bundle (dist/iam.js), loaded on first use so activation never pays for it. */
export function loadIam(): typeof IamModule {
  iam ??= require('./iam.js') as typeof IamModule;
  return iam;
}

/**
 * The AWS config parser (dist/profiles.js), loaded when the profiles are first read, just after
 * activation: it is most of what dist/extension.js would otherwise compile while activating.
 */
export function loadProfileReader(): typeof ProfilesModule {
  profiles ??= require('./profiles.js') as typeof ProfilesModule;
  return profiles;
}

/** The command handlers (dist/commands.js), loaded on the first command or change-password file. */
export function loadCommands(): typeof CommandsModule {
  commands ??= require('./commands.js') as typeof CommandsModule;
  return commands;
}
