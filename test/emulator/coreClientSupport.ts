/**
 * Builds the IAM client's ConnectOptions from a written AWS config and a profile name with the
 * extension's own planConnection(), and captures every log line so tests can assert on what a
 * user would find in the log.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionSettings, DEFAULT_CONNECTION_SETTINGS, planConnection } from '../../src/core/connectionPlan';
import type { ErrorContext } from '../../src/core/errors';
import { connect, type ConnectOptions, type IamConnection } from '../../src/core/iam';
import type { Logger } from '../../src/core/log';
import { loadProfiles, ProfileInfo } from '../../src/core/profiles';
import { demoSeed, startEmulator, writeAwsConfig, type AwsConfigFiles, type Emulator, type EmulatorOptions } from './index';

export type { ConnectionSettings };

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

  trace(message: string): void {
    this.lines.push({ level: 'trace', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }

  at(level: LogLevel): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }

  text(): string {
    return this.lines.map((line) => `[${line.level}] ${line.message}`).join('\n');
  }
}


export interface PreparedConnection {
  profile: ProfileInfo;
  options: ConnectOptions;
  errorContext: ErrorContext;
  logger: CapturingLogger;
  /** Every serial the MFA provider was asked for, in order. */
  mfaPrompts: string[];
}

export interface PrepareOptions {
  settings?: Partial<ConnectionSettings>;
  /** What the MFA prompt answers; undefined is a cancelled prompt. */
  mfaCode?: string;
}

/**
 * ConnectOptions for one profile, resolved as openConnection() resolves them. Only the two file
 * paths are taken from the environment given to loadProfiles, so this machine's AWS_* variables
 * (AWS_CA_BUNDLE is set here) cannot leak into a test.
 */
export async function prepareConnection(files: AwsConfigFiles, profileName: string, prepare: PrepareOptions = {}): Promise<PreparedConnection> {
  // Timeouts may be fractions here, so tests can use short ones.
  const settings = { ...DEFAULT_CONNECTION_SETTINGS, ...prepare.settings };
  const list = await loadProfiles({ AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, tmpdir());
  const logger = new CapturingLogger();
  const mfaPrompts: string[] = [];
  const plan = planConnection(list, profileName, settings, logger, async (serial) => {
    mfaPrompts.push(serial);
    return prepare.mfaCode;
  });
  if ('refusal' in plan) {
    throw new Error(`the extension would refuse this connection: ${plan.refusal}`);
  }
  const { profile, options, errorContext } = plan;
  return { profile, options, errorContext, logger, mfaPrompts };
}

/** An emulator with the demo seed and the AWS config pair written for it in a temporary directory. */
export class EmulatorFixture {
  private readonly connections: IamConnection[] = [];

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

  /** The extension's client for a profile of the written config; stop() closes it. */
  async open(profile: string, prepare: PrepareOptions = {}): Promise<{ iam: IamConnection; prepared: PreparedConnection }> {
    const prepared = await prepareConnection(this.files, profile, prepare);
    const iam = connect(prepared.options);
    this.connections.push(iam);
    return { iam, prepared };
  }

  /** ChangePassword requests the emulator received (each retry is one). */
  changePasswordRequests(): number {
    return this.emulator.requests.filter((request) => request.action === 'ChangePassword').length;
  }

  async stop(): Promise<void> {
    this.connections.splice(0).forEach((connection) => connection.dispose());
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
