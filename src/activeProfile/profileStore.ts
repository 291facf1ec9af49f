import vscode = require('vscode');
import * as os from 'node:os';
import { PolicyState } from '../password/passwordPolicy';
import type { CallerIdentity } from '../profiles/identity';
import { chooseProfile, ProfileChoice } from '../profiles/profileChoice';
import { loadProfiles, ProfileInfo, ProfileList } from '../profiles/profileList';

const PICKED_KEY = 'iamPassword.pickedProfile';
/** By IAM user ARN: when this extension last changed its password, with which profile, and the policy's MaxPasswordAge then. No secret. */
const CHANGES_KEY = 'iamPassword.passwordChanges';

export interface PasswordChangeRecord {
  profile: string;
  changedAt: string;
  maxPasswordAge?: number;
}

/** The AWS files' profiles, the current one and what the flows learnt about each; activation never waits for the files. */
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

  /** A call during a read makes that read run once more, so a change made mid-read is never lost. */
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

  selected(list: ProfileList): ProfileInfo | undefined {
    const { name } = this.choice(list);
    return list.byName(name);
  }

  /** Remembers a pick for every window; undefined goes back to the default. */
  async pick(name: string | undefined): Promise<void> {
    await this.state.update(PICKED_KEY, name);
    this.changed.fire();
  }

  caller(profile: string): CallerIdentity | undefined {
    return this.callers.get(profile);
  }

  setCaller(profile: string, caller: CallerIdentity): void {
    if (this.callers.get(profile)?.arn !== caller.arn) {
      this.callers.set(profile, caller);
      this.changed.fire();
    }
  }

  /** The last change made here for the profile's user: by the ARN once known, else by the profile it was made with. */
  passwordChange(profile: string): PasswordChangeRecord | undefined {
    const changes = this.state.get<Record<string, PasswordChangeRecord>>(CHANGES_KEY) ?? {};
    const arn = this.callers.get(profile)?.arn;
    return arn ? changes[arn] : Object.values(changes).find((change) => change.profile === profile);
  }

  async recordPasswordChange(arn: string, change: PasswordChangeRecord): Promise<void> {
    const changes = this.state.get<Record<string, PasswordChangeRecord>>(CHANGES_KEY) ?? {};
    await this.state.update(CHANGES_KEY, { ...changes, [arn]: change });
    this.changed.fire();
  }

  /** For live checks of change-password files. */
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
