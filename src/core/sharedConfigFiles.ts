/**
 * The AWS shared config and credentials files: where they are, reading them, and merging their
 * sections into profiles as the AWS SDK for JavaScript v3 does (@smithy/shared-ini-file-loader).
 * Secret values are redacted while the files are parsed, so they are never held.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { IniProblem, IniReader, parseIni, splitSectionHeader } from './ini';

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
  /** The headers read into settings, in file order, the config file's first. */
  sections: SectionLocation[];
  inConfig: boolean;
  inCredentials: boolean;
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

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
const SECTION_TYPES: ReadonlySet<string> = new Set(['profile', 'sso-session', 'services']);
// Config-file sections the AWS CLI reads itself; not misspelt profiles.
const CLI_SECTIONS: ReadonlySet<string> = new Set(['plugins', 'preview']);
// The SDK throws on these headers and then treats the whole file as empty.
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(['__proto__', 'profile __proto__']);

type HeaderMeaning =
  | { kind: 'typed'; type: string; name: string; sdkOnlySpelling: boolean }
  | { kind: 'plain'; name: string }
  | { kind: 'ignored'; reason: string };

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
    const tooBig = (size: number): FileRead => ({
      problems: [{ file, line: 1, message: `The file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit; it is ignored.` }],
    });
    if (stat.size > MAX_FILE_BYTES) {
      return tooBig(stat.size);
    }
    const bytes = await handle.readFile();
    if (bytes.length > MAX_FILE_BYTES) {
      return tooBig(bytes.length);
    }
    const text = bytes.toString('utf8');
    // Searched for in the text, not the bytes: only a NUL byte decodes to U+0000, and the string
    // search is the faster of the two by far.
    if (text.includes('\0')) {
      return { problems: [{ file, line: 1, message: 'The file contains NUL bytes, so it is not a text file; it is ignored.' }] };
    }
    return { text, problems: [] };
  } catch {
    return { problems: [] };
  } finally {
    await handle.close();
  }
}

/** Both files' sections, merged into profiles; the credentials file is read second, so its keys win. */
export function readSharedConfig(configText: string | undefined, credentialsText: string | undefined, paths: AwsFilePaths): SharedConfig {
  const config: SharedConfig = { profiles: new Map(), ssoSessions: new Map(), services: new Map(), problems: [] };
  readConfigFile(configText ?? '', paths.configFile, config);
  readCredentialsFile(credentialsText ?? '', paths.credentialsFile, config);
  return config;
}

/** What the SDK makes of a section header (its parseIni + getConfigData), before the file type is known. */
function headerMeaning(header: string): HeaderMeaning {
  if (header === '') {
    return { kind: 'ignored', reason: 'the section name is empty' };
  }
  const split = splitSectionHeader(header);
  if (split) {
    return SECTION_TYPES.has(split.prefix)
      ? { kind: 'typed', type: split.prefix, name: split.name, sdkOnlySpelling: false }
      : { kind: 'ignored', reason: `"${split.prefix}" is not a section type (profile, sso-session, services)` };
  }
  // The SDK joins type and name with "." internally, so it also accepts a literal [profile.x].
  const dot = header.indexOf('.');
  if (dot > 0 && SECTION_TYPES.has(header.slice(0, dot))) {
    return { kind: 'typed', type: header.slice(0, dot), name: header.slice(dot + 1), sdkOnlySpelling: true };
  }
  return { kind: 'plain', name: header };
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
        message: `The AWS SDK rejects the section name [${forbidden.header}] and then ignores this whole file; rename the section.`,
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

/** The map a profile's section is read into: the profile's own, when an earlier section or the other file defined it. */
function profileSettings(profiles: Map<string, MergedProfile>, name: string, section: SectionLocation, fromCredentials: boolean): MergedSettings {
  let profile = profiles.get(name);
  if (!profile) {
    profile = { name, sortKey: name.toLowerCase(), settings: new Map(), sections: [], inConfig: false, inCredentials: false };
    profiles.set(name, profile);
  }
  profile.sections.push(section);
  if (fromCredentials) {
    profile.inCredentials = true;
  } else {
    profile.inConfig = true;
  }
  return profile.settings;
}

/** As profileSettings, for sso-session and services sections. */
function namedSettings(sections: Map<string, Settings>, name: string): MergedSettings {
  let settings = sections.get(name) as MergedSettings | undefined;
  if (!settings) {
    settings = new Map();
    sections.set(name, settings);
  }
  return settings;
}

function readConfigFile(text: string, file: string, config: SharedConfig): void {
  const fileProblems: ProfileFileProblem[] = [];
  const warn = (line: number, message: string): void => {
    fileProblems.push({ file, line, message });
  };
  const { profiles } = config;
  const bareDefaults: { line: number; entries: MergedSettings }[] = [];

  const reader = sectionReader(text, file, fileProblems);
  // The map the current section's entries go into; undefined skips an ignored section.
  let entries: MergedSettings | undefined;
  while (reader?.nextSection(entries)) {
    const { header, line } = reader;
    const meaning = headerMeaning(header);
    entries = undefined;
    if (meaning.kind === 'ignored') {
      warn(line, `Section [${header}] is ignored: ${meaning.reason}.`);
    } else if (meaning.kind === 'plain') {
      if (meaning.name === 'default') {
        entries = new Map();
        bareDefaults.push({ line, entries });
      } else if (/\s/.test(meaning.name)) {
        warn(line, `Section [${header}] is ignored: a name may contain no spaces, only letters, digits and - _ @ + . % : / characters.`);
      } else if (!CLI_SECTIONS.has(meaning.name)) {
        warn(line, `Section [${meaning.name}] is ignored: in the config file a profile is written [profile ${meaning.name}].`);
      }
    } else {
      if (meaning.sdkOnlySpelling) {
        warn(line, `Section [${header}] is read by the AWS SDK but ignored by the AWS CLI; write [${meaning.type} ${meaning.name}].`);
      }
      if (meaning.type === 'profile') {
        if (meaning.name === '__proto__') {
          warn(line, 'A profile cannot be named __proto__; the section is ignored.');
        } else {
          entries = profileSettings(profiles, meaning.name, { file, line }, false);
        }
      } else {
        entries = namedSettings(meaning.type === 'sso-session' ? config.ssoSessions : config.services, meaning.name);
      }
    }
  }
  if (reader) {
    addReadProblems(reader.problems, file, fileProblems);
  }

  // The SDK replaces [default] wholesale with [profile default]; their keys are not merged.
  for (const bareDefault of bareDefaults) {
    if (profiles.has('default')) {
      warn(bareDefault.line, 'Section [default] is ignored because [profile default] is also defined.');
    } else {
      mergeInto(profileSettings(profiles, 'default', { file, line: bareDefault.line }, false), bareDefault.entries);
    }
  }

  fileProblems.sort((a, b) => a.line - b.line);
  config.problems.push(...fileProblems);
}

/** Later keys win; a key already present keeps its place. */
function mergeInto(target: MergedSettings, later: Settings): void {
  later.forEach((value, key) => {
    target.set(key, value);
  });
}

function readCredentialsFile(text: string, file: string, config: SharedConfig): void {
  const fileProblems: ProfileFileProblem[] = [];
  const reader = sectionReader(text, file, fileProblems);
  let entries: MergedSettings | undefined;
  while (reader?.nextSection(entries)) {
    const { header, line } = reader;
    const meaning = headerMeaning(header);
    if (meaning.kind === 'plain') {
      entries = profileSettings(config.profiles, meaning.name, { file, line }, true);
      continue;
    }
    entries = undefined;
    const message =
      meaning.kind === 'ignored'
        ? `Section [${header}] is ignored: ${meaning.reason}.`
        : meaning.type === 'profile'
          ? `Section [${header}] is not profile "${meaning.name}": in the credentials file a profile is written [${meaning.name}]. It is ignored.`
          : `Section [${header}] belongs in the config file; it is ignored here.`;
    fileProblems.push({ file, line, message });
  }
  if (reader) {
    addReadProblems(reader.problems, file, fileProblems);
  }
  fileProblems.sort((a, b) => a.line - b.line);
  config.problems.push(...fileProblems);
}
