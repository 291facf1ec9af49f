import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountsSeed } from './accounts';
import { demoSeed, writeAwsConfig } from './seed';
import { startEmulator, type RequestRecord } from './server';
import type { Seed } from './state';

const USAGE = 'usage: node out/test/emulator/cli.js [--port N] [--https] [--seed demo|accounts|file.json] [--aws-dir DIR]';

/** The seeds `--seed` knows by name; any other value is a JSON file. */
const NAMED_SEEDS: Record<string, () => Seed> = { demo: demoSeed, accounts: accountsSeed };

interface CliOptions {
  port: number;
  https: boolean;
  seed: string;
  awsDir?: string;
}

function parseArguments(args: string[]): CliOptions {
  const options: CliOptions = { port: 0, https: false, seed: 'demo' };
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index];
    const value = (): string => {
      const next = args[index + 1];
      if (next === undefined) {
        throw new Error(`${flag} needs a value\n${USAGE}`);
      }
      index += 1;
      return next;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        options.port = Number(text);
        if (!/^\d+$/.test(text) || options.port > 65535) {
          throw new Error(`--port must be a port number, got ${text}`);
        }
        break;
      }
      case '--https':
        options.https = true;
        break;
      case '--seed':
        options.seed = value();
        break;
      case '--aws-dir':
        options.awsDir = value();
        break;
      default:
        throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  return options;
}

/** One line per request on stderr; records hold no parameter values, so no passwords. */
function describe(record: RequestRecord): string {
  const fault = record.fault ? ` [fault: ${record.fault}]` : '';
  const status = record.status === undefined ? 'no response' : String(record.status);
  const caller = record.caller ?? '(unauthenticated)';
  return `${record.time.toISOString()} ${record.service} ${record.action ?? '-'} ${caller} -> ${record.outcome} ${status}${fault}`;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const named = Object.hasOwn(NAMED_SEEDS, options.seed) ? NAMED_SEEDS[options.seed] : undefined;
  const seed: Seed = named ? named() : (JSON.parse(readFileSync(options.seed, 'utf8')) as Seed);
  const emulator = await startEmulator({
    seed,
    port: options.port,
    https: options.https,
    onRequest: (record) => console.error(describe(record)),
  });
  const awsDir = options.awsDir ?? mkdtempSync(join(tmpdir(), 'iam-emulator-'));
  const files = writeAwsConfig(awsDir, emulator, seed);
  console.log(`IAM_EMULATOR_URL=${emulator.url}`);
  if (emulator.httpsUrl !== undefined && emulator.caCertPem !== undefined) {
    const httpsFiles = writeAwsConfig(join(awsDir, 'https'), emulator, seed, { https: true });
    console.log(`IAM_EMULATOR_HTTPS_URL=${emulator.httpsUrl}`);
    console.log(`IAM_EMULATOR_CA_BUNDLE=${httpsFiles.caBundleFile}`);
  }
  console.log(`AWS_CONFIG_FILE=${files.configFile}`);
  console.log(`AWS_SHARED_CREDENTIALS_FILE=${files.credentialsFile}`);
  console.error('IAM/STS emulator running; stop it with Ctrl+C.');

  const shutDown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
