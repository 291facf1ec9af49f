/**
 * The AWS shared config and credentials files: where they are, reading them safely, and their
 * sections as the AWS SDK for JavaScript v3 takes them (loadSharedConfigFiles, parseKnownFiles),
 * with a warning for each section it ignores.
 */
import { isUtf8 } from 'node:buffer';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { readIni } from './ini';

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

/** Keys and values; secret values are redacted. */
export interface Settings {
  get(key: string): string | undefined;
  has(key: string): boolean;
}

/** A profile's sections from both files, merged as parseKnownFiles merges them: the credentials file's keys win, key by key. */
export class FileProfile implements Settings {
  readonly settings = new Map<string, string>();
  /** The config file's values that the credentials file replaced: the SDK reads endpoint settings config file first. */
  configValues?: Map<string, string>;
  /** The line of its first section in each file, 0 for none, and its later sections: numbers rather than a list per profile keep a large parse light. */
  configLine = 0;
  credentialsLine = 0;
  moreSections?: SectionLocation[];
  /** Lower-cased once, for sorting. */
  readonly sortKey: string;

  constructor(readonly name: string) {
    this.sortKey = name.toLowerCase();
  }

  get(key: string): string | undefined {
    return this.settings.get(key);
  }

  has(key: string): boolean {
    return this.settings.has(key);
  }

  /** The config file's value first, as the SDK's loadConfig reads endpoint settings. */
  configFirst(key: string): string | undefined {
    return this.configValues?.get(key) ?? this.settings.get(key);
  }
}

export interface SharedConfig {
  profiles: Map<string, FileProfile>;
  ssoSessions: Map<string, Map<string, string>>;
  services: Map<string, Map<string, string>>;
  problems: ProfileFileProblem[];
}

/** A file's text, or undefined when it is missing, unreadable or not a text file. */
export interface FileRead {
  text?: string;
  problems: ProfileFileProblem[];
}

const MAX_FILE_PROBLEMS = 1000;
const SECTION_TYPES: readonly string[] = ['profile', 'sso-session', 'services'];
const PREFIXED_HEADER = /^([\w-]+)\s(["'])?([\w@+.%:/-]+)\2$/;
const SDK_NAME = /^[\w@+.%:/-]+$/;
// The SDK throws on these headers and then treats the whole file as empty.
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(['__proto__', 'profile __proto__']);
// Config-file sections the AWS CLI reads itself: not misspelt profiles.
const CLI_SECTIONS: ReadonlySet<string> = new Set(['plugins', 'preview']);

export function awsFilePaths(env: NodeJS.ProcessEnv, homeDir: string): AwsFilePaths {
  const expand = (file: string): string =>
    file === '~' ? path.resolve(homeDir) : file.startsWith('~/') || file.startsWith(`~${path.sep}`) ? path.resolve(homeDir, file.slice(2)) : path.resolve(file);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials')),
  };
}

/** A missing, unreadable or non-regular file (a FIFO, /dev/null) reads as empty, as in the SDK. */
export async function readSharedConfigFile(file: string): Promise<FileRead> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK so that a FIFO at the path cannot hang the open.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch {
    return { problems: [] };
  }
  try {
    if (!(await handle.stat()).isFile()) {
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
    // Only a NUL byte decodes to U+0000, and the string search is much faster than the bytes'.
    if (text.includes('\0')) {
      return { problems: [{ file, line: 1, message: l10n.t('The file contains NUL bytes, so it is not a text file; it is ignored.') }] };
    }
    if (!isUtf8(bytes)) {
      const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
      return { text, problems: [{ file, line, message: l10n.t('The file is not valid UTF-8 (first bad byte on this line): the AWS SDK reads each bad byte as U+FFFD. Save it as UTF-8.') }] };
    }
    return { text, problems: [] };
  } catch {
    return { problems: [] };
  } finally {
    await handle.close();
  }
}

/** Both files' sections, merged into profiles: the credentials file's keys win, key by key. */
export function readSharedConfig(configText: string | undefined, credentialsText: string | undefined, paths: AwsFilePaths): SharedConfig {
  const config: SharedConfig = { profiles: new Map(), ssoSessions: new Map(), services: new Map(), problems: [] };
  readFile(configText ?? '', paths.configFile, config, false);
  readFile(credentialsText ?? '', paths.credentialsFile, config, true);
  return config;
}

/** The name parseIni gives a section: `type.name` for [type name], the header itself otherwise; undefined when ignored. */
function sectionKey(header: string): string | undefined {
  const match = PREFIXED_HEADER.exec(header);
  if (!match) {
    return header === '' ? undefined : header;
  }
  return SECTION_TYPES.includes(match[1]) ? `${match[1]}.${match[3]}` : undefined;
}

function sectionIn(sections: Map<string, Map<string, string>>, name: string): Map<string, string> {
  let settings = sections.get(name);
  if (!settings) {
    settings = new Map();
    sections.set(name, settings);
  }
  return settings;
}

function readFile(text: string, file: string, config: SharedConfig, isCredentials: boolean): void {
  const problems: ProfileFileProblem[] = [];
  const warn = (line: number, message: string): void => {
    problems.push({ file, line, message });
  };
  const forbidden = text.includes('__proto__') ? forbiddenHeader(text) : undefined;
  if (forbidden) {
    warn(forbidden.line, l10n.t('The AWS SDK rejects the section name [{0}] and then ignores this whole file; rename the section.', forbidden.header));
  } else {
    readSections(text, file, config, isCredentials, warn);
  }
  problems.sort((a, b) => a.line - b.line);
  const shown = problems.slice(0, MAX_FILE_PROBLEMS);
  if (problems.length > MAX_FILE_PROBLEMS) {
    // A broken large file is not a log of its own.
    const message = l10n.t('{0} more problems from this line on are not listed.', problems.length - MAX_FILE_PROBLEMS);
    shown.push({ file, line: problems[MAX_FILE_PROBLEMS].line, message });
  }
  config.problems.push(...shown);
}

function readSections(text: string, file: string, config: SharedConfig, isCredentials: boolean, warn: (line: number, message: string) => void): void {
  const profileOf = (name: string, line: number): FileProfile => {
    let profile = config.profiles.get(name);
    if (!profile) {
      profile = new FileProfile(name);
      config.profiles.set(name, profile);
    }
    if ((isCredentials ? profile.credentialsLine : profile.configLine) !== 0) {
      (profile.moreSections ??= []).push({ file, line });
    } else if (isCredentials) {
      profile.credentialsLine = line;
    } else {
      profile.configLine = line;
    }
    return profile;
  };
  // A credentials-file section of a profile the config file has keys for is read apart, then merged.
  let pending: { profile: FileProfile; entries: Map<string, string> } | undefined;
  const mergePending = (): void => {
    if (pending) {
      const { profile, entries } = pending;
      entries.forEach((value, key) => {
        const configValue = profile.settings.get(key);
        if (configValue !== undefined) {
          (profile.configValues ??= new Map()).set(key, configValue);
        }
        profile.settings.set(key, value);
      });
      pending = undefined;
    }
  };
  const bareDefault = { lines: [] as number[], entries: new Map<string, string>() };
  readIni(text, {
    warn,
    section(header, line) {
      mergePending();
      const key = sectionKey(header);
      const dot = key?.indexOf('.') ?? -1;
      const type = key !== undefined && dot > 0 && SECTION_TYPES.includes(key.slice(0, dot)) ? key.slice(0, dot) : undefined;
      const name = key?.slice(dot + 1) ?? '';
      if (isCredentials) {
        if (key !== undefined && type === undefined) {
          const profile = profileOf(key, line);
          if (profile.configLine === 0) {
            return profile.settings;
          }
          pending = { profile, entries: new Map() };
          return pending.entries;
        }
        warn(line, type === 'profile' ? l10n.t('The AWS SDK ignores [{0}] in the credentials file: write [{1}].', header, name) : ignoredSection(header, true));
      } else if (type === 'profile' && name !== '__proto__') {
        return profileOf(name, line).settings;
      } else if (type === 'sso-session' || type === 'services') {
        return sectionIn(type === 'services' ? config.services : config.ssoSessions, name);
      } else if (key === 'default') {
        bareDefault.lines.push(line);
        return bareDefault.entries;
      } else if (!CLI_SECTIONS.has(header)) {
        warn(line, key !== undefined && type === undefined && SDK_NAME.test(key) ? l10n.t('The AWS SDK ignores [{0}] in the config file: write [profile {0}].', header) : ignoredSection(header, false));
      }
      return undefined;
    },
  });
  mergePending();
  // The SDK replaces [default] wholesale with a [profile default] that has keys.
  const profileDefault = config.profiles.get('default');
  if (profileDefault && profileDefault.settings.size > 0) {
    for (const line of bareDefault.lines) {
      warn(line, l10n.t('The AWS SDK ignores [default] because [profile default] is also defined.'));
    }
  } else if (bareDefault.lines.length > 0) {
    const profileLines = profileDefault ? [profileDefault.configLine, ...(profileDefault.moreSections ?? []).map((section) => section.line)] : [];
    const lines = [...bareDefault.lines, ...profileLines].sort((a, b) => a - b);
    config.profiles.delete('default');
    const profile = profileOf('default', lines[0]);
    lines.slice(1).forEach((line) => profileOf('default', line));
    bareDefault.entries.forEach((value, key) => profile.settings.set(key, value));
  }
}

function ignoredSection(header: string, isCredentials: boolean): string {
  return isCredentials
    ? l10n.t('The AWS SDK does not read [{0}] as a profile: in the credentials file a profile is written [NAME]; sso-session and services sections go in the config file.', header)
    : l10n.t('The AWS SDK ignores [{0}]: write [profile NAME], [sso-session NAME] or [services NAME], NAME of letters, digits and - _ @ + . % : / only.', header);
}

/** The first header the SDK throws on, which makes it ignore the whole file. */
function forbiddenHeader(text: string): { header: string; line: number } | undefined {
  let found: { header: string; line: number } | undefined;
  readIni(text, {
    section(header, line) {
      if (!found && FORBIDDEN_HEADERS.has(header)) {
        found = { header, line };
      }
      return undefined;
    },
    warn: () => undefined,
  });
  return found;
}
