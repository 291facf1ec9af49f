/** Remembering an MFA device for a profile: one `mfa_serial` line added to its section, every other byte of the file kept. */
import { promises as fs } from 'node:fs';
import type { ProfileInfo } from './profileList';

export interface MfaSerialEdit {
  file: string;
  /** The section's header line, 1-based; the new line goes right below it. */
  line: number;
  text: string;
}

/** The config file's section when it has one (the AWS CLI reads mfa_serial there), else the credentials file's. */
export function mfaSerialEdit(configFile: string, profile: ProfileInfo, serial: string): MfaSerialEdit | undefined {
  const section = profile.sections.find(({ file }) => file === configFile) ?? profile.sections[0];
  return section && { file: section.file, line: section.line, text: `mfa_serial = ${serial}` };
}

/** The text with the line inserted below the header, in the file's own line ending; undefined when that line is no longer the profile's header. */
export function withLineBelowHeader(text: string, edit: MfaSerialEdit, profileName: string): string | undefined {
  const lines = text.split('\n');
  const header = lines[edit.line - 1];
  const name = header
    ?.trim()
    .replace(/^\[(?:profile\s+)?["']?/, '')
    .replace(/["']?\][^\]]*$/, '');
  if (header === undefined || !header.trim().startsWith('[') || name !== profileName) {
    return undefined;
  }
  const crlf = header.endsWith('\r');
  // A header on the last line, without a newline, gets one, so the new line is not glued to it.
  if (edit.line === lines.length) {
    return `${text}${crlf ? '\r\n' : '\n'}${edit.text}`;
  }
  return [...lines.slice(0, edit.line), `${edit.text}${crlf ? '\r' : ''}`, ...lines.slice(edit.line)].join('\n');
}

/** False when the file changed so that the header moved: the person is told to add the line themselves. */
export async function writeMfaSerial(edit: MfaSerialEdit, profileName: string): Promise<boolean> {
  const text = await fs.readFile(edit.file, 'utf8');
  const changed = withLineBelowHeader(text, edit, profileName);
  if (changed === undefined) {
    return false;
  }
  await fs.writeFile(edit.file, changed);
  return true;
}
