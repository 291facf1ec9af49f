// Worker: loadProfiles() on the config + credentials pair its environment names, once cold, then
// warm; called as the extension's profile store calls it, with process.env.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import type * as ProfilesModule from '../../src/profiles/profileList';
import { maxRssKib, requireFor, serveTask, useFileHandles } from './worker';

export interface ProfilesTask {
  /** The compiled src/profiles/profileList module. */
  profilesModule: string;
  expectedCount: number;
  warmRuns: number;
}

export interface ProfilesResult {
  requireMs: number;
  /** The first loadProfiles() in this process (module already required, Node's file handles warm). */
  coldMs: number;
  warmMs: number[];
  maxRssKib: number;
}

serveTask<ProfilesTask, ProfilesResult>(async (task) => {
  await useFileHandles();
  const load = requireFor(task.profilesModule);
  const started = performance.now();
  const { loadProfiles } = load(task.profilesModule) as typeof ProfilesModule;
  const requireMs = performance.now() - started;

  const timeLoad = async (): Promise<number> => {
    const t0 = performance.now();
    const list = await loadProfiles(process.env, os.homedir());
    const ms = performance.now() - t0;
    if (list.profiles.length !== task.expectedCount) {
      throw new Error(`loadProfiles listed ${list.profiles.length} profiles, expected ${task.expectedCount}`);
    }
    return ms;
  };
  const coldMs = await timeLoad();
  const warmMs: number[] = [];
  for (let i = 0; i < task.warmRuns; i++) {
    warmMs.push(await timeLoad());
  }
  return { requireMs, coldMs, warmMs, maxRssKib: maxRssKib() };
});
