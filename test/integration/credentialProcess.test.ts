// No password on a command line: the only program a change runs is the profile's credential_process
// (the SDK runs it again for each call while its credentials are about to expire, ChangePassword's
// included), and neither its arguments nor its environment ever hold a password of the flow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { delay, Driver, testApi } from './driver';
import { useEmulatorAccount } from './emulatorAccount';
import { PASSWORDS } from './passwords';

/** The processes below `root` now (by their parent in /proc/PID/stat), with their command line and environment. */
function descendants(root: number): { pid: number; cmdline: Buffer; environ: Buffer }[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    const stat = /^\d+$/.test(entry) ? readOrEmpty(`/proc/${entry}/stat`).toString('latin1') : '';
    // The name in parentheses may hold spaces; the parent is the second field after it.
    const parent = /\) \S+ (\d+)/.exec(stat)?.[1];
    if (parent) {
      parents.set(Number(entry), Number(parent));
    }
  }
  const below = (pid: number): boolean => {
    for (let up = parents.get(pid); up !== undefined; up = parents.get(up)) {
      if (up === root) {
        return true;
      }
    }
    return false;
  };
  return [...parents.keys()].filter(below).map((pid) => ({ pid, cmdline: readOrEmpty(`/proc/${pid}/cmdline`), environ: readOrEmpty(`/proc/${pid}/environ`) }));
}

/** A process may end between listing and reading. */
function readOrEmpty(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

describe('no password on a command line: the credential_process a change runs', function () {
  this.timeout(60_000);
  const account = useEmulatorAccount();
  let api: TestApi;
  let driver: Driver;

  before(async function () {
    if (process.platform !== 'linux') {
      this.skip();
    }
    api = await testApi();
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    await api.store.pick('alice');
  });

  it('runs the credential_process for ChangePassword too, and neither its arguments nor its environment, nor any process below the extension host, ever holds a password', async () => {
    const { emulator, files, awsDir } = account();
    // alice's keys with an MFA session, as a vault would hand them out; said to expire within 5 minutes, so the SDK runs the program again for every call.
    const keys = emulator.createSession({ type: 'user', userName: 'alice' }, { mfaAuthenticated: true });
    const record = path.join(awsDir, 'credential-process-record');
    // Two entries a run: the program, and the shell that started it.
    const runs = (): number => (fs.existsSync(record) ? fs.readFileSync(record, 'latin1').split('\n--\n').length - 1 : 0) / 2;
    const script = path.join(awsDir, 'vault-credentials.sh');
    fs.writeFileSync(
      script,
      [
        '#!/bin/sh',
        // Its own argv and environment, and those of the shell the SDK started it with, NUL-separated as /proc keeps them.
        `for p in $$ $PPID; do cat /proc/$p/cmdline /proc/$p/environ >> '${record}'; printf '\\n--\\n' >> '${record}'; done`,
        // Long enough for the sampler below to see it.
        'sleep 0.1',
        `printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s","SessionToken":"%s","Expiration":"%s"}\\n' '${keys.accessKeyId}' '${keys.secretAccessKey}' '${keys.sessionToken}' "$(date -u -d '+2 minutes' +%Y-%m-%dT%H:%M:%SZ)"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    fs.appendFileSync(
      files.configFile,
      `\n[profile from-vault]\nregion = us-east-1\nendpoint_url = ${emulator.url}\ncredential_process = ${script} --role alice\n`,
    );
    await api.store.load();
    await api.store.pick('from-vault');

    const seen = new Map<number, string>();
    const holding: string[] = [];
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples++;
        for (const { pid, cmdline, environ } of descendants(process.pid)) {
          seen.set(pid, cmdline.toString('utf8').replace(/\0/g, ' ').trim());
          for (const [name, password] of Object.entries(PASSWORDS)) {
            if (cmdline.includes(password) || environ.includes(password)) {
              holding.push(`process ${pid} holds the password ${name}`);
            }
          }
        }
        await delay(5);
      }
    })();
    let runsBeforeChange = 0;
    try {
      const done = vscode.commands.executeCommand('iamPassword.changePassword');
      await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceInitial);
      await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceNew);
      runsBeforeChange = runs();
      await driver.enter(await driver.nextInputBox(), PASSWORDS.aliceNew);
      assert.equal(await done, 'changed');
    } finally {
      sampling = false;
      await sampler;
    }
    assert.equal(emulator.passwordOf('alice'), PASSWORDS.aliceNew);
    // Ran again once both passwords were in the flow: for ChangePassword itself.
    assert.ok(
      runs() > runsBeforeChange && runsBeforeChange > 0,
      `the credential_process ran ${runsBeforeChange} times before the last Enter, ${runs()} in all`,
    );
    const recorded = fs.readFileSync(record);
    assert.ok(recorded.includes('--role\0alice') && recorded.includes('AWS_CONFIG_FILE='), 'the record holds the argv and environment');
    const inRecord = Object.entries(PASSWORDS)
      .filter(([, password]) => recorded.includes(password))
      .map(([name]) => name);
    assert.deepEqual(inRecord, [], 'a password in the credential_process argv or environment');
    assert.deepEqual(holding, []);
    assert.ok(
      [...seen.values()].some((cmdline) => cmdline.includes(script)),
      `${samples} samples never saw the credential_process below the extension host: ${JSON.stringify([...seen.values()])}`,
    );
  });
});
