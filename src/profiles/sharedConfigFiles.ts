/** The AWS shared config and credentials files, read and merged into profiles as the SDK's loadSharedConfigFiles and parseKnownFiles do. */
import { isUtf8 } from 'node:buffer';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { IniVisitor, readIni } from './ini';

export interface AwsFilePaths {
  configFile: string;
  credentialsFile: string;
}

export interface SectionLocation {
  file: string;
  /** 1-based */
  line: number;
}

export interface ProfileFileProblem extends SectionLocation {
  message: string;
}

/** A section's keys; secret values are redacted. */
export type Settings = ReadonlyMap<string, string>;

/** A profile's sections from both files: the credentials file's keys win, key by key. */
export interface FileProfile {
  name: string;
  settings: Map<string, string>;
  /** The config file's values of CONFIG_FIRST_KEYS, kept when the credentials file also has the profile. */
  configValues?: ReadonlyMap<string, string>;
  /** The credentials file's keys of a profile the config file has too: which file each value is read from. */
  credentialsSettings?: Map<string, string>;
  sections: SectionLocation[];
}

/** Where a value that decides where a request goes, or what runs, is written. */
export type ValueOrigin = { file: string } | { variable: string } | { setting: string };

export interface SharedConfig {
  profiles: Map<string, FileProfile>;
  ssoSessions: Map<string, Map<string, string>>;
  services: Map<string, Map<string, string>>;
  problems: ProfileFileProblem[];
}

const MAX_FILE_PROBLEMS = 1000;
const SECTION_TYPES: readonly string[] = ['profile', 'sso-session', 'services'];
/** [type name] or [type "name"], as parseIni's prefixKeyRegex. */
const PREFIXED_HEADER = /^([\w-]+)\s(["'])?([\w@+.%:/-]+)\2$/;
const SDK_NAME = /^[\w@+.%:/-]+$/;
/** A header line the SDK throws on, with blanks and a comment around it (`[^\S\n]`: whitespace within the line). */
const FORBIDDEN_HEADER = /^[^\S\n]*\[(__proto__|profile __proto__)\][^\S\n]*(?:[^\S\n][#;][^\n]*)?$/;
/** The SDK's loadConfig reads these from the config file first. */
const CONFIG_FIRST_KEYS = ['endpoint_url', 'services', 'ignore_configured_endpoint_urls', 'use_fips_endpoint', 'use_dualstack_endpoint', 'sdk_ua_app_id'];

/** As the SDK: the variable, else ~/.aws; a leading ~/ is the home folder. */
export function awsFilePaths(env: NodeJS.ProcessEnv, homeDir: string): AwsFilePaths {
  const expand = (file: string): string => (file.startsWith('~/') ? path.resolve(homeDir, file.slice(2)) : path.resolve(file));
  return {
    configFile: expand(env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials')),
  };
}

/** A missing, unreadable or non-regular file (a FIFO, /dev/null) reads as empty, as in the SDK. */
export async function readSharedConfigFile(file: string): Promise<{ text?: string; problems: ProfileFileProblem[] }> {
  const ignored = (message: string): { problems: ProfileFileProblem[] } => ({ problems: [{ file, line: 1, message }] });
  let handle: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK so that a FIFO at the path cannot hang the open.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
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
    if (bytes.includes(0)) {
      return ignored(l10n.t('The file contains NUL bytes, so it is not a text file; it is ignored.'));
    }
    if (isUtf8(bytes)) {
      return { text, problems: [] };
    }
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    return {
      text,
      problems: [{ file, line, message: l10n.t('Not UTF-8 (first bad byte on this line): the AWS SDK reads bad bytes as U+FFFD. Save the file as UTF-8.') }],
    };
  } catch {
    return { problems: [] };
  } finally {
    await handle?.close();
  }
}

export function readSharedConfig(configText: string | undefined, credentialsText: string | undefined, paths: AwsFilePaths): SharedConfig {
  const config: SharedConfig = { profiles: new Map(), ssoSessions: new Map(), services: new Map(), problems: [] };
  readFile(configText ?? '', paths.configFile, config, false);
  readFile(credentialsText ?? '', paths.credentialsFile, config, true);
  return config;
}

/** As parseIni and getConfigData: [type name], [type "name"] or a literal [type.name] is a typed section, any other header a profile. */
function sectionOf(header: string): { type?: string; name: string } | undefined {
  const prefixed = PREFIXED_HEADER.exec(header);
  if (prefixed) {
    const [, type, , name] = prefixed;
    return SECTION_TYPES.includes(type) ? { type, name } : undefined;
  }
  const dot = header.indexOf('.');
  const type = dot > 0 ? header.slice(0, dot) : '';
  return SECTION_TYPES.includes(type) ? { type, name: header.slice(dot + 1) } : header === '' ? undefined : { name: header };
}

function readFile(text: string, file: string, config: SharedConfig, isCredentials: boolean): void {
  const reading = new FileReading(file, config, isCredentials);
  // The SDK throws on a header it forbids, and then reads the whole file as empty.
  // Line by line, split as the SDK splits them: a multiline regex would also start lines at \r and U+2028.
  const lines = text.includes('__proto__') ? text.split('\n') : [];
  const line = lines.findIndex((candidate) => FORBIDDEN_HEADER.test(candidate));
  const name = line >= 0 ? FORBIDDEN_HEADER.exec(lines[line])?.[1] : undefined;
  if (name !== undefined) {
    reading.warn(line + 1, l10n.t('The AWS SDK rejects [{0}] and ignores this whole file; rename the section.', name));
  } else {
    readIni(text, reading);
    reading.end();
  }
  const { problems } = reading;
  problems.sort((a, b) => a.line - b.line);
  config.problems.push(...problems.slice(0, MAX_FILE_PROBLEMS));
  if (problems.length > MAX_FILE_PROBLEMS) {
    const message = l10n.t('{0} more problems from this line on are not listed.', problems.length - MAX_FILE_PROBLEMS);
    config.problems.push({ file, line: problems[MAX_FILE_PROBLEMS].line, message });
  }
}

class FileReading implements IniVisitor {
  readonly problems: ProfileFileProblem[] = [];
  /** The config file's [default]: getConfigData takes it unless a [profile default] has keys. */
  private bareDefault?: FileProfile;

  constructor(
    private readonly file: string,
    private readonly config: SharedConfig,
    private readonly isCredentials: boolean,
  ) {}

  warn(line: number, message: string): void {
    this.problems.push({ file: this.file, line, message });
  }

  section(header: string, line: number): Map<string, string> | undefined {
    const section = sectionOf(header);
    const type = section?.type;
    const name = section?.name ?? '';
    if (this.isCredentials) {
      if (section && type === undefined) {
        return this.profileOf(name, line);
      }
      this.warn(
        line,
        type === 'profile'
          ? l10n.t('The AWS SDK ignores [{0}] in this file: write [{1}].', header, name)
          : l10n.t('The AWS SDK ignores [{0}] here: a profile is [NAME]; other sections go in the config file.', header),
      );
    } else if (type === 'profile' && name !== '__proto__') {
      return this.profileOf(name, line);
    } else if (type === 'sso-session' || type === 'services') {
      const sections = type === 'services' ? this.config.services : this.config.ssoSessions;
      const settings = sections.get(name) ?? new Map<string, string>();
      sections.set(name, settings);
      return settings;
    } else if (header === 'default') {
      this.bareDefault ??= { name, settings: new Map(), sections: [] };
      this.bareDefault.sections.push({ file: this.file, line });
      return this.bareDefault.settings;
    } else if (header !== 'plugins' && header !== 'preview') {
      // [plugins] and [preview] are the AWS CLI's own sections, not misspelt profiles.
      this.warn(
        line,
        type === undefined && SDK_NAME.test(header)
          ? l10n.t('The AWS SDK ignores [{0}] in this file: write [{1}].', header, `profile ${header}`)
          : l10n.t('The AWS SDK ignores [{0}]: write [profile NAME], NAME of letters, digits and - _ @ + . % : /.', header),
      );
    }
    return undefined;
  }

  end(): void {
    if (this.isCredentials) {
      // The credentials file's keys win, key by key.
      for (const { settings, credentialsSettings } of this.config.profiles.values()) {
        credentialsSettings?.forEach((value, key) => settings.set(key, value));
      }
      return;
    }
    const bare = this.bareDefault;
    const profileDefault = this.config.profiles.get('default');
    if (bare && profileDefault?.settings.size) {
      for (const { line } of bare.sections) {
        this.warn(line, l10n.t('The AWS SDK ignores [default]: [profile default] is also defined.'));
      }
    } else if (bare) {
      bare.sections.push(...(profileDefault?.sections ?? []));
      bare.sections.sort((a, b) => a.line - b.line);
      this.config.profiles.set('default', bare);
    }
  }

  private profileOf(name: string, line: number): Map<string, string> {
    const section = { file: this.file, line };
    let profile = this.config.profiles.get(name);
    if (!profile) {
      // A profile the credentials file adds has no config file values.
      profile = { name, settings: new Map(), configValues: this.isCredentials ? new Map() : undefined, sections: [section] };
      this.config.profiles.set(name, profile);
      return profile.settings;
    }
    profile.sections.push(section);
    // A config file section, or one more of a profile the credentials file added: its keys go straight in.
    if (!this.isCredentials || (profile.configValues && !profile.credentialsSettings)) {
      return profile.settings;
    }
    profile.configValues ??= configFirstValues(profile.settings);
    profile.credentialsSettings ??= new Map();
    return profile.credentialsSettings;
  }
}

/** The file a profile's key is read from, as loadConfig and fromIni read it: CONFIG_FIRST_KEYS from the config file first. */
export function fileOfKey(profile: FileProfile, key: string, paths: AwsFilePaths): string {
  const fromCredentials = profile.credentialsSettings;
  if (!fromCredentials) {
    return profile.sections[0].file;
  }
  const configFirst = CONFIG_FIRST_KEYS.includes(key) && profile.configValues?.has(key);
  return fromCredentials.has(key) && !configFirst ? paths.credentialsFile : paths.configFile;
}

function configFirstValues(settings: Map<string, string>): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const key of CONFIG_FIRST_KEYS) {
    const value = settings.get(key);
    if (value !== undefined) {
      values.set(key, value);
    }
  }
  return values;
}
