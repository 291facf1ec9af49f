import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PolicyState } from '../core/passwordPolicy';
import { chooseProfile, ProfileChoice } from '../core/profileChoice';
import { ENV_PROFILE, loadProfiles, ProfileInfo, ProfileList } from '../core/profiles';
import { WindowApi } from './window';

const PICKED_KEY = 'iamPassword.pickedProfile';

/**
 * The parsed AWS config and credentials files, reloaded when either changes, and the current profile.
 * Loading is asynchronous so activation never waits for the files.
 */
export class ProfileStore implements vscode.Disposable {
  private list: ProfileList | undefined;
  private reading: Promise<ProfileList> | undefined;
  private queued: Promise<ProfileList> | undefined;
  private readonly callerArns = new Map<string, string>();
  private readonly policies = new Map<string, PolicyState>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watchedPaths = '';
  private reportedProblems = '';
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly ui: WindowApi,
    private readonly settingProfile: () => string,
  ) {}

  /** The last loaded list; undefined until the first load finishes. */
  get current(): ProfileList | undefined {
    return this.list;
  }

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
        this.list = list;
        this.watch(list);
        this.report(list);
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
    return this.list ?? this.queued ?? this.reading ?? this.load();
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
      ENV_PROFILE,
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

  private watch(list: ProfileList): void {
    const key = `${list.paths.configFile}\0${list.paths.credentialsFile}`;
    if (key === this.watchedPaths) {
      return;
    }
    this.watchedPaths = key;
    for (const file of [list.paths.configFile, list.paths.credentialsFile]) {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)),
      );
      const reload = (): void => {
        this.log.debug(`${file} changed; reloading profiles.`);
        void this.load();
      };
      watcher.onDidChange(reload);
      watcher.onDidCreate(reload);
      watcher.onDidDelete(reload);
      this.disposables.push(watcher);
    }
  }

  /** Malformed lines go to the log with file and line, and one warning per new set of problems. */
  private report(list: ProfileList): void {
    const lines = list.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    for (const profile of list.profiles) {
      for (const problem of profile.problems) {
        lines.push(`profile ${profile.name}: ${problem}`);
      }
    }
    const key = lines.join('\n');
    if (key === this.reportedProblems) {
      return;
    }
    this.reportedProblems = key;
    for (const line of lines) {
      this.log.warn(line);
    }
    if (list.problems.length > 0) {
      const first = list.problems[0];
      const more = list.problems.length > 1 ? ` (and ${list.problems.length - 1} more)` : '';
      void this.ui
        .showWarningMessage(`AWS config problem in ${first.file} line ${first.line}: ${first.message}${more}. Other profiles still work.`, {}, 'Open File', 'Show Logs')
        .then((choice) => {
          if (choice === 'Open File') {
            void vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(first.line - 1, 0, first.line - 1, 0) });
          } else if (choice === 'Show Logs') {
            this.log.show();
          }
        });
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
