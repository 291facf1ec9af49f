/**
 * What a section header means: to the AWS SDK (parseIni + getConfigData), which this extension
 * follows because it fetches the credentials, and to the AWS CLI (botocore's build_profile_map,
 * which splits a header as a shell would), for the warnings where the two differ.
 */
import * as l10n from '@vscode/l10n';
import { splitSectionHeader } from './ini';

export type SectionType = 'profile' | 'sso-session' | 'services';

export type HeaderMeaning =
  | { kind: 'typed'; type: SectionType; name: string; sdkOnlySpelling: boolean }
  | { kind: 'plain'; name: string }
  | { kind: 'ignored'; reason: string };

const SECTION_TYPES: readonly SectionType[] = ['profile', 'sso-session', 'services'];
const SDK_NAME = /^[\w@+.%:/-]+$/;

function sectionType(prefix: string): SectionType | undefined {
  return prefix === 'profile' || prefix === 'sso-session' || prefix === 'services' ? prefix : undefined;
}

/**
 * Which of the SDK's spellings a typed header uses ([profile x], [profile "x"], [profile\tx],
 * [profile.x]): two headers of one profile are the same text exactly when their forms are equal.
 */
export function headerForm(header: string, type: SectionType): number {
  return header.charCodeAt(type.length) * 0x10000 + header.charCodeAt(type.length + 1);
}

/**
 * The AWS CLI refuses a file that repeats a section header (configparser is strict). A profile's
 * repeat is known from its first line and form in the file; only other headers (few) are held.
 * No other header's text can be a profile's, except one only the CLI reads ([profile x];c).
 */
export class HeaderRepeats {
  private readonly others = new Map<string, number>();
  private cliOnly = false;

  constructor(private readonly warn: (line: number, message: string) => void) {}

  /** A profile's header; `first` is the line of the profile's first header in this file (0: none), `sameForm` whether this one is spelt alike. */
  profile(header: string, line: number, first: number, sameForm: boolean): void {
    if (first !== 0 && sameForm) {
      this.warn(line, repeated(header, first));
    } else if (first !== 0 || this.cliOnly) {
      // Another spelling of the profile, or a header only the CLI reads came before: compare texts.
      this.other(header, line);
    }
  }

  /** A header only the AWS CLI reads, which is not a repeat of a profile's first header. */
  cliOnlyHeader(header: string, line: number): void {
    this.cliOnly = true;
    this.other(header, line);
  }

  other(header: string, line: number): void {
    // configparser keeps [DEFAULT] apart and never calls it a repeat.
    if (header === 'DEFAULT') {
      return;
    }
    const first = this.others.get(header);
    if (first === undefined) {
      this.others.set(header, line);
    } else {
      this.warn(line, repeated(header, first));
    }
  }
}

function repeated(header: string, first: number): string {
  return l10n.t('The AWS CLI refuses the whole file: section [{0}] appears twice (first on line {1}). The AWS SDK and this extension read both, later keys winning.', header, first);
}

/** What the SDK makes of a header, before the file type is known. */
export function headerMeaning(header: string): HeaderMeaning {
  if (header === '') {
    return { kind: 'ignored', reason: l10n.t('the section name is empty (and the AWS CLI refuses the whole file)') };
  }
  const split = splitSectionHeader(header);
  if (split) {
    const type = sectionType(split.prefix);
    return type
      ? { kind: 'typed', type, name: split.name, sdkOnlySpelling: false }
      : { kind: 'ignored', reason: l10n.t('"{0}" is not a section type (profile, sso-session, services)', split.prefix) };
  }
  // The SDK joins type and name with "." internally, so it also accepts a literal [profile.x].
  const dot = header.indexOf('.');
  const type = dot > 0 ? sectionType(header.slice(0, dot)) : undefined;
  if (type) {
    return { kind: 'typed', type, name: header.slice(dot + 1), sdkOnlySpelling: true };
  }
  return { kind: 'plain', name: header };
}

/**
 * The warning for a config-file header the SDK ignores (`reason`), saying what the AWS CLI reads
 * instead: botocore takes any header that starts with "profile" (or "sso-session", "services")
 * and splits in two words as a shell would, so [profile  x], [profile "a b"] and [profilex y] are
 * profiles for it.
 */
export function ignoredConfigHeader(header: string, reason: string): string {
  const cli = cliConfigSection(header);
  if (!cli) {
    return l10n.t('Section [{0}] is ignored: {1}.', header, reason);
  }
  const fix = SDK_NAME.test(cli.name) ? l10n.t('Write [{0} {1}].', cli.type, cli.name) : l10n.t('Rename it with only letters, digits and - _ @ + . % : / characters.');
  return [
    l10n.t({
      message: 'Section [{0}] is {1} "{2}" for the AWS CLI, but the AWS SDK ignores it ({3}), and so does this extension.',
      args: [header, cli.type, cli.name, reason],
      comment: '{1} is profile, sso-session or services',
    }),
    fix,
  ].join(' ');
}

/** The warning for a credentials-file header the SDK does not read as a profile. */
export function ignoredCredentialsHeader(header: string, meaning: HeaderMeaning): string {
  if (meaning.kind === 'typed' && meaning.type === 'profile') {
    return l10n.t(
      'Section [{0}] is not profile "{1}": in the credentials file a profile is written [{1}] (the AWS CLI reads this one as profile "{0}", the AWS SDK as "profile.{1}"). It is ignored.',
      header,
      meaning.name,
    );
  }
  if (meaning.kind === 'typed') {
    return l10n.t('Section [{0}] belongs in the config file (the AWS CLI reads it as profile "{0}" here); it is ignored.', header);
  }
  const reason = meaning.kind === 'ignored' ? meaning.reason : '';
  // configparser takes any header as a section name, and botocore every credentials-file section as a profile.
  return header === ''
    ? l10n.t('Section [] is ignored: {0}.', reason)
    : l10n.t('Section [{0}] is profile "{0}" for the AWS CLI, but the AWS SDK ignores it ({1}), and so does this extension.', header, reason);
}

/** botocore's reading of a config-file header: a profile, sso-session or services section, or none. */
export function cliConfigSection(header: string): { type: SectionType; name: string } | undefined {
  if (header === 'default') {
    return { type: 'profile', name: 'default' };
  }
  const type = SECTION_TYPES.find((prefix) => header.startsWith(prefix));
  const words = type ? shellWords(header) : undefined;
  return type && words?.length === 2 ? { type, name: words[1] } : undefined;
}

/** Python's shlex.split (POSIX mode, no comments); undefined where it raises (an open quote, a final backslash). */
export function shellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (quote === "'") {
      if (char === "'") {
        quote = '';
      } else {
        word += char;
      }
    } else if (quote === '"') {
      if (char === '"') {
        quote = '';
      } else if (char === '\\' && (text[at + 1] === '"' || text[at + 1] === '\\')) {
        word += text[++at];
      } else {
        word += char;
      }
    } else if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
    } else {
      inWord = true;
      if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '\\') {
        if (at + 1 >= text.length) {
          return undefined;
        }
        word += text[++at];
      } else {
        word += char;
      }
    }
  }
  if (quote) {
    return undefined;
  }
  if (inWord) {
    words.push(word);
  }
  return words;
}
