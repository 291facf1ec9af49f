import type * as IamModule from '../core/iam';

let loaded: typeof IamModule | undefined;

/** The AWS SDK bundle (dist/iam.js), loaded on first use so activation never pays for it. */
export function loadIam(): typeof IamModule {
  loaded ??= require('./iam.js') as typeof IamModule;
  return loaded;
}
