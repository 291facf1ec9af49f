import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoSeed, startEmulator, writeAwsConfig, type AwsConfigFiles, type Emulator, type Seed } from '../emulator';
import { testApi } from './driver';

export interface EmulatorAccount {
  emulator: Emulator;
  /** The folder of the AWS config and credentials files. */
  awsDir: string;
  files: AwsConfigFiles;
}

/**
 * For the enclosing describe: an emulator with the seed (the demo account unless told) inside the extension host (so a test
 * can read stored passwords and requests), and the extension pointed at it through the same
 * variables a user would set. Returns a getter, valid once the before hook has run.
 */
export function useEmulatorAccount(seed: Seed = demoSeed()): () => EmulatorAccount {
  let account: EmulatorAccount | undefined;
  let savedEnv: NodeJS.ProcessEnv = {};
  before(async () => {
    const emulator = await startEmulator({ seed });
    const awsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iampw-it-'));
    const files = writeAwsConfig(awsDir, emulator, seed);
    account = { emulator, awsDir, files };
    savedEnv = { ...process.env };
    process.env.AWS_CONFIG_FILE = files.configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
    await (await testApi()).store.load();
  });
  after(async () => {
    process.env.AWS_CONFIG_FILE = savedEnv.AWS_CONFIG_FILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = savedEnv.AWS_SHARED_CREDENTIALS_FILE;
    await (await testApi()).store.load();
    await account?.emulator.stop();
    if (account) {
      fs.rmSync(account.awsDir, { recursive: true, force: true });
    }
  });
  return () => {
    if (!account) {
      throw new Error('the emulator account is used before its before hook ran');
    }
    return account;
  };
}
