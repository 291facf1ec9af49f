import * as os from 'node:os';
import * as vscode from 'vscode';
import { PolicyState } from '../password/passwordPolicy';
import type { CallerIdentity } from '../profiles/identity';
import { chooseProfile, ProfileChoice } from '../profiles/profileChoice';
import { loadProfiles, ProfileInfo, ProfileList } from '../profiles/profileList';

const PICKED_KEY = 'iamPassword.pickedProfile';

/**
 * The parsed AWS config and credentials files and the current profile, with what the flows learnt
 * about each profile (who it signs in as, its account's password policy). Loading is asynchronous
 * so activation never waits for the files.
 */
export class ProfileStore implements vscode.Disposable {
  /** The last loaded list; undefined until the first load finishes. */
  current: ProfileList | undefined;
  /** The read under way, and whether the files may have changed since it began. */
  private loading: Promise<ProfileList> | undefined;
  private stale = false;
  private readonly callers = new Map<string, CallerIdentity>();
  private readonly policies = new Map<string, PolicyState>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly settingProfile: () => string,
  ) {}

  /**
   * Reads the files again. A call during a read makes the read under way read once more when it
   * ends, so a change made mid-read is never lost; every caller gets the list of the last read.
   */
  load(): Promise<ProfileList> {
    this.stale = true;
    this.loading ??= (async () => {
      try {
        let list: ProfileList;
        do {
          this.stale = false;
          list = await loadProfiles(process.env, os.homedir());
          this.current = list;
          this.changed.fire();
        } while (this.stale);
        return list;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** The last loaded list, else the read under way, else a new read. */
  async ready(): Promise<ProfileList> {
    return this.current ?? this.loading ?? this.load();
  }

  /** The current profile's name and why; without the pick, what it would be without one (the setting, AWS_PROFILE, default). */
  choice(list: ProfileList, withPick = true): ProfileChoice {
    const picked = withPick ? this.state.get<string>(PICKED_KEY) : undefined;
    return chooseProfile(
      list.profiles.map((p) => p.name),
      picked,
      this.settingProfile(),
      process.env,
    );
  }

  /** The current profile, or undefined when the chosen name is in neither file. */
  selected(list: ProfileList): ProfileInfo | undefined {
    const { name } = this.choice(list);
    return list.byName(name);
  }

  /** Remembers a pick for every window; undefined goes back to the default. */
  async pick(name: string | undefined): Promise<void> {
    await this.state.update(PICKED_KEY, name);
    this.changed.fire();
  }

  /** Who the profile signed in as when a flow last asked STS. */
  caller(profile: string): CallerIdentity | undefined {
    return this.callers.get(profile);
  }

  setCaller(profile: string, caller: CallerIdentity): void {
    if (this.callers.get(profile)?.arn !== caller.arn) {
      this.callers.set(profile, caller);
      this.changed.fire();
    }
  }

  /** The account password policy last fetched for a profile, for live checks of change-password files. */
  policy(profile: string): PolicyState | undefined {
    return this.policies.get(profile);
  }

  setPolicy(profile: string, policy: PolicyState): void {
    this.policies.set(profile, policy);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
