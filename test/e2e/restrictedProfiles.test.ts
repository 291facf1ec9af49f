// Restricted Mode for real, with AWS files where a workspace's author could have written them. Each
// window below is a VS Code started with workspace trust on, whose folder the person declines to
// trust, and whose extension host inherits AWS variables that name files inside that folder (as an
// .envrc or a dev container would). Every endpoint is a relay in front of the emulator that counts
// connections, so "nothing was sent" means not even a TCP connection reached it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLatencyRelay, writeAwsConfig, type AccessKeySeed, type LatencyRelay, type Seed } from '../emulator';
import { LOG_CHANNEL, openSession, session, SESSION_START_TIMEOUT_MS, useSession, type E2eSession, type SessionOptions, type SessionSetup } from './session';
import { eventually } from './workbench';

const CHANGE_PASSWORD = 'AWS IAM: Change Password...';
const SHOW_POLICY = 'AWS IAM: Show Account Password Policy';
/** How long after Cancel a late request would have had to arrive; the flow ends at the answer. */
const QUIET_MS = 3_000;

interface Endpoint {
  /** What endpoint_url names. */
  url: string;
  relay: LatencyRelay;
}

/** A relay with no added latency in front of the emulator's http or https port: it counts every connection. */
async function countingEndpoint({ run, emulator }: SessionSetup, scheme: 'http' | 'https'): Promise<Endpoint> {
  const target = scheme === 'https' ? emulator.httpsUrl : emulator.url;
  if (!target) {
    throw new Error('the emulator was started without https');
  }
  const relay = await startLatencyRelay({ host: '127.0.0.1', port: Number(new URL(target).port) }, 0);
  run.track({ name: `${scheme} counting relay`, stop: () => relay.stop() });
  return { url: `${scheme}://127.0.0.1:${relay.port}`, relay };
}

function aliceKey(seed: Seed): AccessKeySeed {
  const key = seed.users?.find((user) => user.name === 'alice')?.accessKeys?.[0];
  if (!key) {
    throw new Error('the demo seed no longer has access keys for alice');
  }
  return key;
}

function ini(sections: Record<string, Record<string, string>>): string {
  return Object.entries(sections)
    .map(([name, settings]) => [`[${name}]`, ...Object.entries(settings).map(([key, value]) => `${key} = ${value}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

/**
 * Before the enclosing describe's tests: a VS Code with workspace trust on whose extension host gets
 * `environment`'s variables, its folder declined at the trust prompt; session() is that window until
 * after the tests.
 */
function inRestrictedWindow(name: string, environment: NonNullable<SessionOptions['environment']>): void {
  let window: E2eSession | undefined;
  let restoreSuiteSession: (() => void) | undefined;
  let failed = false;

  before(async function () {
    this.timeout(SESSION_START_TIMEOUT_MS + 60_000);
    const startedAt = Date.now();
    try {
      window = await openSession({ name, readyTimeoutMs: SESSION_START_TIMEOUT_MS, workspaceTrust: true, browser: session().browser, environment });
      restoreSuiteSession = useSession(window);
      await window.workbench.declineWorkspaceTrust();
      await window.workbench.setLogLevel(LOG_CHANNEL, 'Trace');
    } catch (error) {
      failed = true;
      throw error;
    }
    console.log(`    VS Code in Restricted Mode ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; run folder ${window.run.dirs.root}`);
  });

  afterEach(async function () {
    failed ||= this.currentTest?.state === 'failed';
    await window?.workbench.closeDialogs();
  });

  after(async () => {
    restoreSuiteSession?.();
    await window?.run.close({ keep: failed });
  });
}

/** What reached the emulator after its first `count` requests, as "service Action" lines. */
function requestsAfter(count: number): string[] {
  return session()
    .emulator.requests.slice(count)
    .map((request) => `${request.service} ${request.action ?? '?'}`);
}

interface Question {
  /** The palette title of the command that opens the session. */
  command: string;
  /** The modal question, word for word. */
  message: string;
  /** Its button that goes on (the other is VS Code's Cancel). */
  yes: string;
  endpoint: Endpoint;
}

/**
 * Runs the command, sees the question before anything reached the endpoint (not a connection, not
 * GetCallerIdentity), answers Cancel, and after QUIET_MS still nothing has reached it and no password
 * box was ever shown.
 */
async function cancelSendsNothing({ command, message, yes, endpoint }: Question): Promise<void> {
  const { workbench, emulator } = session();
  const [connections, requests] = [endpoint.relay.connections, emulator.requests.length];
  const passwordBoxShown = await workbench.watchForPasswordBox();
  await workbench.runCommand(command);
  const question = await workbench.see(workbench.dialog(message), 'the Restricted Mode question');
  assert.equal((await question.locator('.dialog-message-text').innerText()).trim(), message);
  // The order of a dialog's buttons depends on the platform.
  assert.deepEqual((await workbench.dialogButtons(question)).sort(), [yes, 'Cancel'].sort());
  assert.match(await question.locator('.dialog-message-detail').innerText(), /Nothing has been sent yet\.$/);
  assert.equal(endpoint.relay.connections, connections, 'a connection reached the endpoint before the answer');
  assert.deepEqual(requestsAfter(requests), [], 'a request reached the emulator before the answer');

  await workbench.dialogButton(question, 'Cancel').click();
  await workbench.seeGone(question, 'the Restricted Mode question');
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  assert.equal(endpoint.relay.connections, connections, 'a connection reached the endpoint after Cancel');
  assert.deepEqual(requestsAfter(requests), [], 'a request reached the emulator after Cancel');
  assert.equal(await passwordBoxShown(), false, 'a password box was shown');
}

/** The control: the same command, answered `yes`, reaches the endpoint with `expected` ("service Action"). */
async function goingOnReaches({ command, message, yes, endpoint }: Question, expected: string): Promise<void> {
  const { workbench, emulator } = session();
  const [connections, requests] = [endpoint.relay.connections, emulator.requests.length];
  await workbench.runCommand(command);
  const question = await workbench.see(workbench.dialog(message), 'the Restricted Mode question');
  await workbench.dialogButton(question, yes).click();
  await eventually(() => requestsAfter(requests).includes(expected), `${expected} to reach the emulator after ${yes}`);
  assert.ok(endpoint.relay.connections > connections, 'the request came through the endpoint the files name');
}

/** After the control of Change Password: its first box is open; Escape ends the flow with nothing typed. */
async function leaveCurrentPasswordBox(): Promise<void> {
  const { workbench } = session();
  await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
  await workbench.closeQuickInput();
}

/** The question names the first value read from, or naming, a path inside the folder, and that path. */
const insideQuestion = (profile: string, what: string, file: string): string =>
  `This workspace is not trusted, and profile ${profile} takes ${what} from ${file}, inside it. Use the profile?`;

describe('Restricted Mode for real: profiles that files inside the untrusted folder decide', () => {
  describe('keys in the environment, AWS_CONFIG_FILE inside the folder', () => {
    let endpoint: Endpoint;
    let configInside: string;
    let envKeyId: string;
    inRestrictedWindow('e2e-restricted-env', async (setup) => {
      endpoint = await countingEndpoint(setup, 'http');
      configInside = path.join(setup.run.dirs.workspaceDir, 'aws-config');
      const where = { region: 'us-east-1', endpoint_url: endpoint.url };
      fs.writeFileSync(configInside, ini({ default: where, 'profile alice': where }));
      const key = aliceKey(setup.seed);
      envKeyId = key.accessKeyId;
      // The credentials file stays outside: alice's keys are there, her endpoint in the file inside.
      return { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey, AWS_CONFIG_FILE: configInside };
    });

    it("the environment's keys with [default]'s endpoint_url from the file inside: Change Password asks before anything reaches that endpoint, Cancel sends nothing ever, Use Profile reaches it", async () => {
      const { workbench, emulator } = session();
      assert.equal(await workbench.profileText(), '(environment variables)', 'AWS_ACCESS_KEY_ID makes the environment profile current');
      const question: Question = {
        command: CHANGE_PASSWORD,
        message: insideQuestion('(environment variables)', 'endpoint_url of profile default', configInside),
        yes: 'Use Profile',
        endpoint,
      };
      await cancelSendsNothing(question);

      const requests = emulator.requests.length;
      await goingOnReaches(question, 'sts GetCallerIdentity');
      assert.equal(emulator.requests[requests]?.accessKeyId, envKeyId, "signed with the environment's key");
      await leaveCurrentPasswordBox();
    });

    it('a named profile read from the AWS_CONFIG_FILE inside the folder: Change Password asks first, Cancel sends nothing ever, Use Profile reaches its endpoint_url', async () => {
      await session().workbench.switchProfile('alice');
      const question: Question = {
        command: CHANGE_PASSWORD,
        message: insideQuestion('alice', 'endpoint_url of profile alice', configInside),
        yes: 'Use Profile',
        endpoint,
      };
      await cancelSendsNothing(question);
      await goingOnReaches(question, 'sts GetCallerIdentity');
      await leaveCurrentPasswordBox();
    });
  });

  describe('AWS_SHARED_CREDENTIALS_FILE inside the folder, AWS_CONFIG_FILE outside', () => {
    let endpoint: Endpoint;
    let credentialsInside: string;
    let marker: string;
    inRestrictedWindow('e2e-restricted-chain', async (setup) => {
      endpoint = await countingEndpoint(setup, 'http');
      const outside = path.join(setup.run.dirs.root, 'aws-outside');
      const files = writeAwsConfig(outside, setup.emulator, setup.seed, { endpointUrl: endpoint.url });
      credentialsInside = path.join(setup.run.dirs.workspaceDir, 'aws-credentials');
      fs.renameSync(files.credentialsFile, credentialsInside);
      // A program a profile outside the folder runs for credentials: it leaves a mark, then hands out alice's keys.
      marker = path.join(setup.run.dirs.root, 'credential-process-ran');
      const key = aliceKey(setup.seed);
      const script = path.join(outside, 'credential-process.sh');
      const keys = JSON.stringify({ Version: 1, AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey });
      fs.writeFileSync(script, `#!/bin/sh\necho ran > '${marker}'\necho '${keys}'\n`, { mode: 0o755 });
      fs.appendFileSync(
        files.configFile,
        `\n${ini({ 'profile from-process': { region: 'us-east-1', endpoint_url: endpoint.url, credential_process: script } })}`,
      );
      return { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsInside };
    });

    it('a role whose source_profile has its keys in the credentials file inside the folder: Show Account Password Policy asks first, Cancel sends nothing ever, Use Profile reaches the endpoint', async () => {
      const { workbench } = session();
      await workbench.switchProfile('readonly-role');
      // readonly-role itself is in the config outside: only its source_profile, alice, is read from inside.
      const question: Question = { command: SHOW_POLICY, message: insideQuestion('readonly-role', '[alice]', credentialsInside), yes: 'Use Profile', endpoint };
      await cancelSendsNothing(question);
      await goingOnReaches(question, 'sts AssumeRole');
      const policy = await workbench.see(workbench.dialog('Password policy of the account of profile readonly-role'), 'the password policy');
      await workbench.dialogButton(policy, 'OK').click();
      await workbench.seeGone(policy, 'the password policy');
    });

    it("a profile's credential_process: Change Password asks before running it, on Cancel it never ran and nothing was sent, on Run it ran", async () => {
      const { workbench } = session();
      await workbench.switchProfile('from-process');
      const question: Question = {
        command: CHANGE_PASSWORD,
        message: 'This workspace is not trusted. Profile from-process gets its credentials by running its credential_process program: run it?',
        yes: 'Run',
        endpoint,
      };
      await cancelSendsNothing(question);
      assert.equal(fs.existsSync(marker), false, 'the credential_process ran although the answer was Cancel');

      await goingOnReaches(question, 'sts GetCallerIdentity');
      assert.equal(fs.existsSync(marker), true, 'the control: Run runs the credential_process');
      await leaveCurrentPasswordBox();
    });

    it('an SSO profile without a session: the failure says to run aws sso login, with no button that opens a terminal', async () => {
      const { workbench } = session();
      await workbench.switchProfile('readonly-sso');
      await workbench.runCommand(SHOW_POLICY);
      const failure = await workbench.see(workbench.toast('The SSO session of profile readonly-sso has expired or is missing.'), 'the SSO failure');
      await workbench.expandToast(failure);
      assert.match(await failure.locator('.notification-list-item-message').innerText(), /aws sso login --profile readonly-sso/, 'it still says what to run');
      // A trusted window adds Run aws sso login before Show Logs (test/integration/sso.test.ts).
      assert.deepEqual(await failure.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts(), ['Show Logs']);
    });
  });

  describe('AWS_CA_BUNDLE inside the folder, the AWS files outside', () => {
    let endpoint: Endpoint;
    let caInside: string;
    let files: { config: string; credentials: string };
    inRestrictedWindow('e2e-restricted-ca', async (setup) => {
      endpoint = await countingEndpoint(setup, 'https');
      caInside = path.join(setup.run.dirs.workspaceDir, 'corporate-ca.pem');
      fs.writeFileSync(caInside, setup.emulator.caCertPem ?? '');
      const outside = path.join(setup.run.dirs.root, 'aws-outside');
      fs.mkdirSync(outside);
      const key = aliceKey(setup.seed);
      files = { config: path.join(outside, 'config'), credentials: path.join(outside, 'credentials') };
      fs.writeFileSync(files.config, ini({ default: { region: 'us-east-1', endpoint_url: endpoint.url } }));
      fs.writeFileSync(files.credentials, ini({ default: { aws_access_key_id: key.accessKeyId, aws_secret_access_key: key.secretAccessKey } }));
      return { AWS_CONFIG_FILE: files.config, AWS_SHARED_CREDENTIALS_FILE: files.credentials, AWS_CA_BUNDLE: caInside };
    });

    it('a profile outside the folder with AWS_CA_BUNDLE inside it: Change Password asks first, Cancel sends nothing ever, Use Profile reaches the https endpoint that CA signs', async () => {
      const { workbench, emulator } = session();
      assert.equal(await workbench.profileText(), 'default');
      const question: Question = { command: CHANGE_PASSWORD, message: insideQuestion('default', 'AWS_CA_BUNDLE', caInside), yes: 'Use Profile', endpoint };
      await cancelSendsNothing(question);
      assert.equal(emulator.tlsHandshakes, 0, 'a TLS handshake with the endpoint');
      await goingOnReaches(question, 'sts GetCallerIdentity');
      assert.ok(emulator.tlsHandshakes > 0, 'the control went over TLS, trusting the CA bundle');
      await leaveCurrentPasswordBox();
    });

    it('with no profile at all, Switch Profile offers to open the credentials file and no aws configure terminal', async () => {
      const { workbench, page } = session();
      fs.rmSync(files.config);
      fs.rmSync(files.credentials);
      const placeholder = page.locator('.quick-input-widget input');
      // The store reloads when the file watcher reports the deletions.
      await eventually(async () => {
        await workbench.closeQuickInput();
        await workbench.profileItem.click();
        await workbench.see(workbench.quickInputTitle.filter({ hasText: 'Switch Profile' }), 'the Switch Profile picker');
        return ((await placeholder.getAttribute('placeholder')) ?? '').startsWith('No AWS profiles in');
      }, 'the picker for no profiles');
      await workbench.see(workbench.quickInputRow('Open the credentials file'), 'Open the credentials file');
      // A trusted window adds Run aws configure in a terminal (test/integration/changePassword.test.ts).
      assert.deepEqual(await workbench.quickInputLabels(), ['Open the credentials file']);
      await workbench.closeQuickInput();
    });
  });
});
