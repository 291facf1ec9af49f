/**
 * The AWS shared config and credentials files: where they are, reading them safely, and their
 * sections as the AWS SDK for JavaScript v3 takes them (loadSharedConfigFiles, parseKnownFiles),
 * with a warning for each section it ignores.
 */
import { isUtf8 } from 'node:buffer';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { IniVisitor, readIni } from './ini';

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

/** A section's keys; secret values are redacted. */
export type Settings = ReadonlyMap<string, string>;

/** A profile's sections from both files, merged as parseKnownFiles merges them: the credentials file's keys win, key by key. */
export interface FileProfile {
  name: string;
  /** Lower-cased once, for sorting. */
  sortKey: string;
  settings: Map<string, string>;
  /** The config file's endpoint settings, which the SDK reads config file first (loadConfig). */
  configValues?: Map<string, string>;
  /** The line of its first section in each file (0: none), then its later sections: numbers rather than a list per profile keep a large parse light. */
  configLine: number;
  credentialsLine: number;
  moreSections?: SectionLocation[];
}

export interface SharedConfig {
  profiles: Map<string, FileProfile>;
  ssoSessions: Map<string, Settings>;
  services: Map<string, Settings>;
  problems: ProfileFileProblem[];
}

const MAX_FILE_PROBLEMS = 1000;
const SECTION_TYPES: readonly string[] = ['profile', 'sso-session', 'services'];
const PREFIXED_HEADER = /^[\w-]+\s(["'])?[\w@+.%:/-]+\1$/;
const SDK_NAME = /^[\w@+.%:/-]+$/;
const WHITESPACE = /\s/;
/** A header line the SDK throws on: blanks around it, a comment after blanks (`[^\S\n]`: whitespace within the line). */
const FORBIDDEN_HEADER = /^[^\S\n]*\[(__proto__|profile __proto__)\][^\S\n]*(?:[^\S\n][#;].*)?$/m;
/** Read config file first by the SDK (loadConfig's preferred file). */
export const CONFIG_FIRST_KEYS = [
  'endpoint_url',
  'services',
  'ignore_configured_endpoint_urls',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
  'sdk_ua_app_id',
];

export function awsFilePaths(env: NodeJS.ProcessEnv, homeDir: string): AwsFilePaths {
  const expand = (file: string): string =>
    file === '~' ? path.resolve(homeDir) : file.startsWith('~/') || file.startsWith(`~${path.sep}`) ? path.resolve(homeDir, file.slice(2)) : path.resolve(file);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials')),
  };
}

/** A missing, unreadable or non-regular file (a FIFO, /dev/null) reads as empty, as in the SDK. */
export async function readSharedConfigFile(file: string): Promise<{ text?: string; problems: ProfileFileProblem[] }> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK so that a FIFO at the path cannot hang the open.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch {
    return { problems: [] };
  }
  const ignored = (message: string): { problems: ProfileFileProblem[] } => ({ problems: [{ file, line: 1, message }] });
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
      return ignored(l10n.t('The file is {0} MB, too large to read; it is ignored.', (bytes.length / 1024 / 1024).toFixed(0)));
    }
    // Only a NUL byte decodes to U+0000, and the string search is much faster than the bytes'.
    if (text.includes('\0')) {
      return ignored(l10n.t('The file contains NUL bytes, so it is not a text file; it is ignored.'));
    }
    if (!isUtf8(bytes)) {
      const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
      return {
        text,
        problems: [{ file, line, message: l10n.t('Not UTF-8 (first bad byte on this line): the AWS SDK reads bad bytes as U+FFFD. Save the file as UTF-8.') }],
      };
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

/**
 * A section as parseIni and getConfigData name it: [type name] (also [type "name"] and a literal
 * [type.name]) is that type's, any other header a plain name; undefined when the SDK ignores it.
 */
function sectionOf(header: string): { type?: string; name: string } | undefined {
  if (PREFIXED_HEADER.test(header)) {
    // The type has no whitespace, and a name starts with a quote only when it is quoted.
    const separator = header.search(WHITESPACE);
    const type = header.slice(0, separator);
    const quote = header.charCodeAt(separator + 1);
    const name = quote === 0x22 /* " */ || quote === 0x27 /* ' */ ? header.slice(separator + 2, -1) : header.slice(separator + 1);
    return SECTION_TYPES.includes(type) ? { type, name } : undefined;
  }
  const dot = header.indexOf('.');
  const type = dot > 0 ? header.slice(0, dot) : '';
  return SECTION_TYPES.includes(type) ? { type, name: header.slice(dot + 1) } : header === '' ? undefined : { name: header };
}

function readFile(text: string, file: string, config: SharedConfig, isCredentials: boolean): void {
  const reading = new FileReading(file, config, isCredentials);
  // The SDK throws on a header it forbids, and then reads the whole file as empty.
  const forbidden = text.includes('__proto__') ? FORBIDDEN_HEADER.exec(text) : null;
  if (forbidden) {
    const line = text.slice(0, forbidden.index).split('\n').length;
    reading.warn(line, l10n.t('The AWS SDK rejects [{0}] and ignores this whole file; rename the section.', forbidden[1]));
  } else {
    readIni(text, reading);
    reading.end();
  }
  const { problems } = reading;
  problems.sort((a, b) => a.line - b.line);
  config.problems.push(...problems.slice(0, MAX_FILE_PROBLEMS));
  if (problems.length > MAX_FILE_PROBLEMS) {
    // A broken large file is not a log of its own.
    const message = l10n.t('{0} more problems from this line on are not listed.', problems.length - MAX_FILE_PROBLEMS);
    config.problems.push({ file, line: problems[MAX_FILE_PROBLEMS].line, message });
  }
}

/** One file's sections into the profiles. A class, so both files' readIni calls the same methods and stays optimised. */
class FileReading implements IniVisitor {
  readonly problems: ProfileFileProblem[] = [];
  private readonly bareDefault = { lines: [] as number[], entries: new Map<string, string>() };

  constructor(
    private readonly file: string,
    private readonly config: SharedConfig,
    private readonly isCredentials: boolean,
  ) {}

  warn(line: number, message: string): void {
    this.problems.push({ file: this.file, line, message });
  }

  section(header: string, line: number): Map<string, string> | undefined {
    const { config, isCredentials } = this;
    const section = sectionOf(header);
    const type = section?.type;
    const name = section?.name ?? '';
    if (isCredentials) {
      if (section && type === undefined) {
        return this.profileOf(name, line).settings;
      }
      this.warn(line, type === 'profile' ? ignoredIn(header, name) : ignoredSection(header, true));
    } else if (type === 'profile' && name !== '__proto__') {
      return this.profileOf(name, line).settings;
    } else if (type === 'sso-session' || type === 'services') {
      const sections = type === 'services' ? config.services : config.ssoSessions;
      const settings = (sections.get(name) as Map<string, string> | undefined) ?? new Map<string, string>();
      sections.set(name, settings);
      return settings;
    } else if (header === 'default') {
      this.bareDefault.lines.push(line);
      return this.bareDefault.entries;
    } else if (header !== 'plugins' && header !== 'preview') {
      // Not [plugins] or [preview]: the AWS CLI's own sections, not misspelt profiles.
      this.warn(line, type === undefined && SDK_NAME.test(header) ? ignoredIn(header, `profile ${header}`) : ignoredSection(header, false));
    }
    return undefined;
  }

  /** The SDK replaces [default] wholesale with a [profile default] that has keys. */
  end(): void {
    const profileDefault = this.config.profiles.get('default');
    for (const line of this.bareDefault.lines) {
      if (profileDefault?.settings.size) {
        this.warn(line, l10n.t('The AWS SDK ignores [default]: [profile default] is also defined.'));
      } else {
        this.profileOf('default', line).settings = this.bareDefault.entries;
      }
    }
  }

  private profileOf(name: string, line: number): FileProfile {
    const { config, file, isCredentials } = this;
    let profile = config.profiles.get(name);
    if (!profile) {
      profile = { name, sortKey: name.toLowerCase(), settings: new Map(), configLine: 0, credentialsLine: 0 };
      config.profiles.set(name, profile);
    }
    if ((isCredentials ? profile.credentialsLine : profile.configLine) !== 0) {
      (profile.moreSections ??= []).push({ file, line });
    } else if (isCredentials) {
      profile.credentialsLine = line;
      // Kept before the credentials file's keys replace them.
      for (const key of CONFIG_FIRST_KEYS) {
        const value = profile.settings.get(key);
        if (value !== undefined) {
          (profile.configValues ??= new Map()).set(key, value);
        }
      }
    } else {
      profile.configLine = line;
    }
    return profile;
  }
}

/** A section meant for the other file, or spelt as in the other file. */
function ignoredIn(header: string, spelling: string): string {
  return l10n.t('The AWS SDK ignores [{0}] in this file: write [{1}].', header, spelling);
}

function ignoredSection(header: string, isCredentials: boolean): string {
  return isCredentials
    ? l10n.t('The AWS SDK ignores [{0}] here: a profile is [NAME]; other sections go in the config file.', header)
    : l10n.t('The AWS SDK ignores [{0}]: write [profile NAME], NAME of letters, digits and - _ @ + . % : /.', header);
}
