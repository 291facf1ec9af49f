/**
 * Opens the extension's own AWS session for a profile of a written AWS config, as the flows do,
 * and captures every log line so tests can assert on what a user would find in the log.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionFailure, type ErrorContext } from '../../src/aws/sessionFailure';
import { AwsSession, openSession } from '../../src/aws/awsSession';
import type { HostProxy } from '../../src/aws/hostProxy';
import type { Logger } from '../../src/aws/log';
import { MfaSessionCache } from '../../src/aws/mfaSessionCache';
import { loadProfiles } from '../../src/profiles/profileList';
import type { AttemptRecord } from '../../src/aws/requestTrace';
import type { SessionSettings } from '../../src/aws/sessionSettings';
import { settingDefaults } from '../harness/settingDefaults';
import { demoSeed, startEmulator, writeAwsConfig, type AwsConfigFiles, type Emulator, type EmulatorOptions } from './index';

export type { SessionSettings };

export const ALICE_PASSWORD = 'Correct-Horse-1';
export const NEW_PASSWORD = 'Fresh-Start-2026!';
export const ALICE_MFA_CODE = '123456';
export const CAROL_MFA_CODE = '654321';

export type LogLevel = keyof Logger;

export interface LogLine {
  level: LogLevel;
  message: string;
}

/** A Logger that keeps every line, at every level including trace. */
export class CapturingLogger implements Logger {
  readonly lines: LogLine[] = [];

  /** onLine sees each line as it is written, before the code that wrote it goes on. */
  constructor(private readonly onLine?: (line: LogLine) => void) {}

  trace(message: string): void {
    this.push({ level: 'trace', message });
  }
  debug(message: string): void {
    this.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.push({ level: 'error', message });
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    this.onLine?.(line);
  }

  at(level: LogLevel): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }

  text(): string {
    return this.lines.map((line) => `[${line.level}] ${line.message}`).join('\n');
  }
}

export interface PreparedSession {
  session: AwsSession;
  errorContext: ErrorContext;
  logger: CapturingLogger;
  /** Every serial the MFA prompt was asked for, in order. */
  mfaPrompts: string[];
}

export interface PrepareOptions {
  settings?: Partial<SessionSettings>;
  /** What the MFA prompt answers; undefined is a cancelled prompt. */
  mfaCode?: string;
  /** Where GetSessionToken sessions are kept; a new, empty cache by default. */
  mfaSessions?: MfaSessionCache;
  /** Sees each log line as it is written. */
  onLog?: (line: LogLine) => void;
  /** The environment HTTPS_PROXY and NO_PROXY are read from; none by default, whatever this machine has. */
  env?: Record<string, string>;
  /** VS Code's own proxy support, as the extension host would offer it; none by default. */
  hostProxy?: HostProxy;
}

/**
 * A session for one profile, opened as the flows open it. Only the two file paths are taken from
 * the environment given to loadProfiles, so this machine's AWS_* variables (AWS_CA_BUNDLE is set
 * here) cannot leak into a test; nor can its proxy variables.
 */
export async function prepareSession(files: AwsConfigFiles, profileName: string, prepare: PrepareOptions = {}): Promise<PreparedSession> {
  // Timeouts may be fractions here, so tests can use short ones.
  const settings = { ...settingDefaults(), ...prepare.settings };
  const list = await loadProfiles({ AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, tmpdir());
  const logger = new CapturingLogger(prepare.onLog);
  const mfaPrompts: string[] = [];
  const opening = await openSession({
    list,
    profileName,
    settings,
    logger,
    clientName: ['vscode-iam-password', 'test'],
    env: prepare.env ?? {},
    hostProxy: prepare.hostProxy,
    mfaSessions: prepare.mfaSessions ?? new MfaSessionCache(),
    askMfaCode: async (serial) => {
      mfaPrompts.push(serial);
      return prepare.mfaCode;
    },
  });
  if ('refusal' in opening) {
    throw new Error(`the extension would refuse this session: ${opening.refusal}`);
  }
  return { session: opening.session, errorContext: opening.session.errorContext, logger, mfaPrompts };
}

/** The attempts of the operation's own call (not those of the calls that got its credentials). */
export function operationAttempts(failure: SessionFailure): AttemptRecord[] {
  return failure.calls.find((call) => call.role === 'operation')?.attempts ?? [];
}

/** An emulator with the demo seed and the AWS config pair written for it in a temporary directory. */
export class EmulatorFixture {
  private readonly sessions: AwsSession[] = [];
  /** The MFA sessions every open() shares, as the flows of one window share theirs. */
  readonly mfaSessions = new MfaSessionCache();

  private constructor(
    readonly emulator: Emulator,
    readonly dir: string,
    readonly files: AwsConfigFiles,
  ) {}

  static async start(options: EmulatorOptions = {}, config: { https?: boolean } = {}): Promise<EmulatorFixture> {
    const seed = options.seed ?? demoSeed();
    const emulator = await startEmulator({ ...options, seed });
    const dir = mkdtempSync(join(tmpdir(), 'iam-core-client-'));
    return new EmulatorFixture(emulator, dir, writeAwsConfig(dir, emulator, seed, config));
  }

  /** Adds a static-key profile pointing at the emulator, for keys the seed does not know. */
  addStaticProfile(name: string, accessKeyId: string, secretAccessKey: string): void {
    appendFileSync(this.files.credentialsFile, `\n[${name}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
    appendFileSync(this.files.configFile, `\n[profile ${name}]\nregion = us-east-1\nendpoint_url = ${this.emulator.url}\n`);
  }

  /** The extension's session for a profile of the written config; stop() disposes it. */
  async open(profile: string, prepare: PrepareOptions = {}): Promise<{ session: AwsSession; prepared: PreparedSession }> {
    const prepared = await prepareSession(this.files, profile, { mfaSessions: this.mfaSessions, ...prepare });
    this.sessions.push(prepared.session);
    return { session: prepared.session, prepared };
  }

  /** ChangePassword requests the emulator received (each retry is one). */
  changePasswordRequests(): number {
    return this.emulator.requests.filter((request) => request.action === 'ChangePassword').length;
  }

  async stop(): Promise<void> {
    this.sessions.splice(0).forEach((session) => session.dispose());
    this.mfaSessions.dispose();
    await this.emulator.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Awaits a rejection and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail, but it succeeded');
    },
    (error: unknown) => error,
  );
}
