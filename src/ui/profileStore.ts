import * as os from 'node:os';
import vscode = require('vscode');
import { PolicyState } from '../core/passwordPolicy';
import { chooseProfile, ProfileChoice } from '../core/profileChoice';
import { loadProfiles, ProfileInfo, ProfileList } from '../core/profiles';

const PICKED_KEY = 'iamPassword.pickedProfile';

/**
 * The parsed AWS config and credentials files and the current profile, with what the flows learnt
 * about each profile (who it signs in as, its account's password policy). Loading is asynchronous
 * so activation never waits for the files.
 */
export class ProfileStore implements vscode.Disposable {
  /** The last loaded list; undefined until the first load finishes. */
  current: ProfileList | undefined;
  private reading: Promise<ProfileList> | undefined;
  private queued: Promise<ProfileList> | undefined;
  private readonly callerArns = new Map<string, string>();
  private readonly policies = new Map<string, PolicyState>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly settingProfile: () => string,
  ) {}

  /**
   * Reads the files again. A call during a read queues one more read after it (calls while that
   * one waits share it), so a change made mid-read is never lost.
   */
  load(): Promise<ProfileList> {
    if (this.queued) {
      return this.queued;
    }
    const previous = this.reading ?? Promise.resolve();
    const next: Promise<ProfileList> = previous
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.reading = next;
        return loadProfiles(process.env, os.homedir());
      })
      .then((list) => {
        this.current = list;
        this.changed.fire();
        return list;
      })
      .finally(() => {
        if (this.reading === next) {
          this.reading = undefined;
        }
      });
    this.queued = next;
    return next;
  }

  /** The last loaded list, else the read under way, else a new read. */
  async ready(): Promise<ProfileList> {
    return this.current ?? this.queued ?? this.reading ?? this.load();
  }

  choice(list: ProfileList): ProfileChoice {
    return this.chooseFrom(list, this.state.get<string>(PICKED_KEY));
  }

  /** The current profile, or undefined when the chosen name is in neither file. */
  selected(list: ProfileList): ProfileInfo | undefined {
    const { name } = this.choice(list);
    return list.profiles.find((p) => p.name === name);
  }

  /** What the current profile would be without a pick: the setting, AWS_PROFILE, default. */
  defaultChoice(list: ProfileList): ProfileChoice {
    return this.chooseFrom(list, undefined);
  }

  private chooseFrom(list: ProfileList, picked: string | undefined): ProfileChoice {
    return chooseProfile(
      list.profiles.map((p) => p.name),
      picked,
      this.settingProfile(),
      process.env,
    );
  }

  /** Remembers a pick for every window; undefined goes back to the default. */
  async pick(name: string | undefined): Promise<void> {
    await this.state.update(PICKED_KEY, name);
    this.changed.fire();
  }

  callerArn(profile: string): string | undefined {
    return this.callerArns.get(profile);
  }

  setCallerArn(profile: string, arn: string): void {
    if (this.callerArns.get(profile) !== arn) {
      this.callerArns.set(profile, arn);
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
