/**
 * The AWS shared config and credentials files: where they are, reading them, and merging their
 * sections into profiles as the AWS SDK for JavaScript v3 does (@smithy/shared-ini-file-loader),
 * with a warning wherever the AWS CLI reads them otherwise; the keys that decide where requests
 * go are read as the AWS CLI reads them (routingKeys.ts). Secret values are redacted while the
 * files are parsed, so they are never held.
 */
import { isUtf8 } from 'node:buffer';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { IniProblem, IniReader, parseIni } from './ini';
import { applyCliDefaults, configDefaultWarning, credentialsDefaultWarning, DEFAULT_ROUTING_KEYS, ROUTING_KEYS, SERVICES_ROUTING_KEYS } from './routingKeys';
import { HeaderRepeats, headerForm, headerMeaning, ignoredConfigHeader, ignoredCredentialsHeader } from './sectionHeaders';
import { lineOf } from './textScan';

export interface AwsFilePaths {
  configFile: string;
  credentialsFile: string;
}

export interface ProfileFileProblem {
  file: string;
  /** 1-based */
  line: number;
  message: string;
}

/** Where a section header is: for opening the file at a profile's section. */
export interface SectionLocation {
  file: string;
  /** 1-based */
  line: number;
}

/** A profile's, sso-session's or services section's keys; secret values are redacted. */
export type Settings = ReadonlyMap<string, string>;

/**
 * Settings while the files are read: every section of a profile (or sso-session, or services) is
 * read straight into one map, so a repeated section, or a profile in both files, is never copied.
 */
type MergedSettings = Map<string, string>;

/** A profile as the SDK reads it: its sections from both files, merged. */
export interface MergedProfile {
  name: string;
  /** Lower-cased once: an ICU collator, or lower-casing per comparison, would cost more than the parse. */
  sortKey: string;
  settings: MergedSettings;
  /** The line of its first section in the config file, and in the credentials file; 0 when that file has none. */
  configLine: number;
  /** How that config-file header is spelt (headerForm). */
  configForm: number;
  credentialsLine: number;
  /** Its later sections, when a file repeats it, in file order. Numbers rather than a list per profile keep a large parse light. */
  moreSections?: SectionLocation[];
  /** Where the files give it keys the AWS CLI gives another section. */
  problems?: string[];
}

/** Both files, merged as the SDK merges them: the credentials file's keys win, key by key. */
export interface SharedConfig {
  profiles: Map<string, MergedProfile>;
  ssoSessions: Map<string, Settings>;
  services: Map<string, Settings>;
  problems: ProfileFileProblem[];
}

/** A file's text, or undefined when it is missing, unreadable or not a text file. */
export interface FileRead {
  text?: string;
  problems: ProfileFileProblem[];
}

const MAX_FILE_PROBLEMS = 1000;
const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
// Config-file sections the AWS CLI reads itself; not misspelt profiles.
const CLI_SECTIONS: ReadonlySet<string> = new Set(['plugins', 'preview']);
// The SDK throws on these headers and then treats the whole file as empty.
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(['__proto__', 'profile __proto__']);

export function awsFilePaths(env: NodeJS.ProcessEnv, homeDir: string): AwsFilePaths {
  return {
    configFile: expandPath(env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config'), homeDir),
    credentialsFile: expandPath(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials'), homeDir),
  };
}

function expandPath(file: string, homeDir: string): string {
  if (file === '~') {
    return path.resolve(homeDir);
  }
  if (file.startsWith('~/') || file.startsWith(`~${path.sep}`)) {
    return path.resolve(homeDir, file.slice(2));
  }
  return path.resolve(file);
}

/** A missing, unreadable or non-regular file (e.g. /dev/null) reads as empty, as in the SDK. */
export async function readSharedConfigFile(file: string): Promise<FileRead> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK so that a FIFO at the path cannot hang the open.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch {
    return { problems: [] };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      return { problems: [] };
    }
    const bytes = await handle.readFile();
    let text: string;
    try {
      text = bytes.toString('utf8');
    } catch {
      // Larger than the longest string JavaScript can hold (about 512 MB).
      return { problems: [{ file, line: 1, message: l10n.t('The file is {0} MB, too large to read; it is ignored.', (bytes.length / 1024 / 1024).toFixed(0)) }] };
    }
    // Searched for in the text, not the bytes: only a NUL byte decodes to U+0000, and the string
    // search is the faster of the two by far.
    if (text.includes('\0')) {
      return { problems: [{ file, line: 1, message: l10n.t('The file contains NUL bytes, so it is not a text file; it is ignored.') }] };
    }
    if (!isUtf8(bytes)) {
      return { text, problems: [{ file, line: lineOf(text, text.indexOf('\uFFFD')), message: notUtf8() }] };
    }
    return { text, problems: [] };
  } catch {
    return { problems: [] };
  } finally {
    await handle.close();
  }
}

const notUtf8 = (): string =>
  l10n.t(
    'The file is not valid UTF-8 (first bad byte on this line): the AWS CLI refuses the whole file; the AWS SDK and this extension read each bad byte as U+FFFD. Save it as UTF-8.',
  );

/** Both files' sections, merged into profiles; the credentials file is read second, so its keys win. */
export function readSharedConfig(configText: string | undefined, credentialsText: string | undefined, paths: AwsFilePaths): SharedConfig {
  const config: SharedConfig = { profiles: new Map(), ssoSessions: new Map(), services: new Map(), problems: [] };
  readConfigFile(configText ?? '', paths.configFile, config);
  readCredentialsFile(credentialsText ?? '', paths.credentialsFile, config);
  return config;
}

/** A reader of the file's sections, or undefined when the SDK would reject the whole file. */
function sectionReader(text: string, file: string, problems: ProfileFileProblem[]): IniReader | undefined {
  // The SDK throws on these headers and then ignores the whole file, so a file that may hold one is
  // checked before any of it is used. Most files never mention __proto__ and are read once.
  if (text.includes('__proto__')) {
    const document = parseIni(text, { redactKeys: SECRET_KEYS });
    const forbidden = document.sections.find((section) => FORBIDDEN_HEADERS.has(section.header));
    if (forbidden) {
      addReadProblems(document.problems, file, problems);
      problems.push({
        file,
        line: forbidden.line,
        message: l10n.t('The AWS SDK rejects the section name [{0}] and then ignores this whole file; rename the section.', forbidden.header),
      });
      return undefined;
    }
  }
  return new IniReader(text, { redactKeys: SECRET_KEYS });
}

function addReadProblems(read: readonly IniProblem[], file: string, problems: ProfileFileProblem[]): void {
  for (const problem of read) {
    problems.push({ file, line: problem.line, message: problem.message });
  }
}

/**
 * One file being read: its problems, its repeated headers, and the profile whose section the
 * reader is in (for what the AWS CLI reads otherwise there).
 */
class FileReading {
  readonly problems: ProfileFileProblem[] = [];
  readonly repeats = new HeaderRepeats((line, message) => this.warn(line, message));
  profile: MergedProfile | undefined;
  private noted = 0;

  constructor(
    readonly file: string,
    private readonly profiles: Map<string, MergedProfile>,
    private readonly isCredentials: boolean,
  ) {}

  warn(line: number, message: string): void {
    this.problems.push({ file: this.file, line, message });
  }

  /**
   * The map a profile's section is read into: the profile's own, when an earlier section or the
   * other file defined it. `header` is undefined for a [default] already checked for repeats.
   */
  profileSection(name: string, header: string | undefined, line: number): MergedSettings {
    let profile = this.profiles.get(name);
    if (!profile) {
      profile = { name, sortKey: name.toLowerCase(), settings: new Map(), configLine: 0, configForm: 0, credentialsLine: 0 };
      this.profiles.set(name, profile);
    }
    const form = this.isCredentials || header === undefined ? 0 : headerForm(header, 'profile');
    const first = this.isCredentials ? profile.credentialsLine : profile.configLine;
    if (header !== undefined) {
      this.repeats.profile(header, line, first, this.isCredentials || form === profile.configForm);
    }
    if (first !== 0) {
      (profile.moreSections ??= []).push({ file: this.file, line });
    } else if (this.isCredentials) {
      profile.credentialsLine = line;
    } else {
      profile.configLine = line;
      profile.configForm = form;
    }
    this.profile = profile;
    return profile.settings;
  }

  /**
   * After [profile x];comment the SDK (and so this extension) reads the keys below into the
   * section above, the AWS CLI into [profile x]: said on the profile that gets them, too.
   */
  noteCliHeaders(reader: IniReader): void {
    const headers = reader.cli.headersOnlyCliReads;
    for (; this.noted < headers.length; this.noted++) {
      const { line, header } = headers[this.noted];
      const meaning = headerMeaning(header);
      const name = this.isCredentials ? (meaning.kind === 'plain' ? meaning.name : undefined) : meaning.kind === 'typed' && meaning.type === 'profile' ? meaning.name : undefined;
      const existing = name === undefined ? undefined : this.profiles.get(name);
      const first = (this.isCredentials ? existing?.credentialsLine : existing?.configLine) ?? 0;
      if (first !== 0 && (this.isCredentials || existing?.configForm === headerForm(header, 'profile'))) {
        this.repeats.profile(header, line, first, true);
      } else {
        this.repeats.cliOnlyHeader(header, line);
      }
      if (this.profile) {
        (this.profile.problems ??= []).push(
          l10n.t(
            "Line {0} of {1} is the header [{2}] for the AWS CLI but no header for the AWS SDK: the keys below it are this profile's for the SDK and for this extension.",
            line,
            this.file,
            header,
          ),
        );
      }
    }
  }
}

/** As FileReading.profileSection, for sso-session and services sections. */
function namedSettings(sections: Map<string, Settings>, name: string): MergedSettings {
  let settings = sections.get(name) as MergedSettings | undefined;
  if (!settings) {
    settings = new Map();
    sections.set(name, settings);
  }
  return settings;
}

function readConfigFile(text: string, file: string, config: SharedConfig): void {
  const { profiles } = config;
  const reading = new FileReading(file, profiles, false);
  const bareDefaults: { line: number; entries: MergedSettings }[] = [];
  const cliDefaults = new Map<string, string>();

  const reader = sectionReader(text, file, reading.problems);
  // The map the current section's entries go into, undefined for an ignored section, and the keys read as the CLI reads them.
  let entries: MergedSettings | undefined;
  let cliKeys: ReadonlySet<string> | undefined;
  while (reader?.nextSection(entries, cliKeys)) {
    reading.noteCliHeaders(reader);
    const { header, line } = reader;
    const meaning = headerMeaning(header);
    entries = undefined;
    cliKeys = ROUTING_KEYS;
    reading.profile = undefined;
    if (meaning.kind !== 'typed' || meaning.type !== 'profile' || meaning.name === '__proto__') {
      reading.repeats.other(header, line);
    }
    if (meaning.kind === 'ignored') {
      reading.warn(line, ignoredConfigHeader(header, meaning.reason));
    } else if (meaning.kind === 'plain') {
      if (meaning.name === 'default') {
        entries = new Map();
        bareDefaults.push({ line, entries });
      } else if (meaning.name === 'DEFAULT') {
        entries = cliDefaults;
        cliKeys = DEFAULT_ROUTING_KEYS;
        reading.warn(line, configDefaultWarning());
      } else if (/\s/.test(meaning.name)) {
        reading.warn(line, ignoredConfigHeader(header, l10n.t('a name may contain no spaces, only letters, digits and - _ @ + . % : / characters')));
      } else if (!CLI_SECTIONS.has(meaning.name)) {
        reading.warn(line, ignoredConfigHeader(header, l10n.t('in the config file a profile is written [profile {0}]', meaning.name)));
      }
    } else {
      if (meaning.sdkOnlySpelling) {
        reading.warn(line, l10n.t('Section [{0}] is read by the AWS SDK but ignored by the AWS CLI; write [{1} {2}].', header, meaning.type, meaning.name));
      }
      if (meaning.type === 'profile') {
        if (meaning.name === '__proto__') {
          reading.warn(line, l10n.t('A profile cannot be named __proto__; the section is ignored.'));
        } else {
          entries = reading.profileSection(meaning.name, header, line);
        }
      } else if (meaning.type === 'services') {
        entries = namedSettings(config.services, meaning.name);
        cliKeys = SERVICES_ROUTING_KEYS;
      } else {
        entries = namedSettings(config.ssoSessions, meaning.name);
        cliKeys = undefined;
      }
    }
  }
  if (reader) {
    reading.noteCliHeaders(reader);
    addReadProblems(reader.problems, file, reading.problems);
  }

  // The SDK replaces [default] wholesale with [profile default]; their keys are not merged.
  for (const bareDefault of bareDefaults) {
    const profileDefault = profiles.get('default');
    if (profileDefault) {
      // botocore reads both as profile "default" and keeps the one that comes later in the file.
      reading.warn(
        bareDefault.line,
        bareDefault.line > profileDefault.configLine
          ? l10n.t('Section [default] is ignored because [profile default] is also defined (the AWS CLI uses whichever of the two comes later: this one).')
          : l10n.t('Section [default] is ignored because [profile default] is also defined.'),
      );
    } else {
      mergeInto(reading.profileSection('default', undefined, bareDefault.line), bareDefault.entries);
    }
  }
  if (cliDefaults.size > 0) {
    applyCliDefaults(cliDefaults, config.profiles.values(), config.services.values());
  }

  addInLineOrder(reading.problems, config.problems);
}

/** A file's problems in line order, the first MAX_FILE_PROBLEMS of them: a broken large file is not a log of its own. */
function addInLineOrder(fileProblems: ProfileFileProblem[], problems: ProfileFileProblem[]): void {
  fileProblems.sort((a, b) => a.line - b.line);
  for (const problem of fileProblems.slice(0, MAX_FILE_PROBLEMS)) {
    problems.push(problem);
  }
  if (fileProblems.length > MAX_FILE_PROBLEMS) {
    const { file, line } = fileProblems[MAX_FILE_PROBLEMS];
    problems.push({ file, line, message: l10n.t('{0} more problems from this line on are not listed.', fileProblems.length - MAX_FILE_PROBLEMS) });
  }
}

/** Later keys win; a key already present keeps its place. */
function mergeInto(target: MergedSettings, later: Settings): void {
  later.forEach((value, key) => {
    target.set(key, value);
  });
}

function readCredentialsFile(text: string, file: string, config: SharedConfig): void {
  const reading = new FileReading(file, config.profiles, true);
  const reader = sectionReader(text, file, reading.problems);
  let entries: MergedSettings | undefined;
  while (reader?.nextSection(entries, ROUTING_KEYS)) {
    reading.noteCliHeaders(reader);
    const { header, line } = reader;
    const meaning = headerMeaning(header);
    reading.profile = undefined;
    if (meaning.kind === 'plain') {
      entries = reading.profileSection(meaning.name, header, line);
      if (header === 'DEFAULT') {
        reading.warn(line, credentialsDefaultWarning());
      }
      continue;
    }
    entries = undefined;
    reading.repeats.other(header, line);
    reading.warn(line, ignoredCredentialsHeader(header, meaning));
  }
  if (reader) {
    reading.noteCliHeaders(reader);
    addReadProblems(reader.problems, file, reading.problems);
  }
  addInLineOrder(reading.problems, config.problems);
}
