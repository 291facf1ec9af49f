import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { demoSeed, startEmulator, startLatencyRelay, writeAwsConfig, type Emulator, type LatencyRelay } from '../emulator';
import { closedPort } from '../emulator/testSupport';
import { requireTinyproxy, Tinyproxy } from '../emulator/tinyproxy';
import { Driver, testApi } from './driver';
import { PASSWORDS } from './passwords';

const REMOTE_HOST = '127.0.0.2';
const REMOTE_PROFILE = 'alice-remote';

/**
 * VS Code's own proxy support (http.proxySupport, default "override") sends loopback requests
 * DIRECT through the extension's own agent, so a CONNECT to the emulator on 127.0.0.1 in the
 * proxy's log can only come from the extension reading http.proxy itself.
 */
describe('Proxies in VS Code: a change through tinyproxy, by the http.proxy user setting', function () {
  this.timeout(60_000);
  let api: TestApi;
  let emulator: Emulator;
  let proxy: Tinyproxy;
  /** The emulator's HTTPS port again, on an address VS Code's proxy support does not treat as local. */
  let remote: LatencyRelay;
  let awsDir: string;
  let driver: Driver;
  let savedEnv: NodeJS.ProcessEnv = {};
  const http = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('http');

  before(async function () {
    requireTinyproxy(this);
    api = await testApi();
    emulator = await startEmulator({ seed: demoSeed(), https: true });
    awsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iampw-it-proxy-'));
    // Profiles pointing at the emulator's HTTPS endpoint, with its certificate as their ca_bundle.
    const files = writeAwsConfig(awsDir, emulator, demoSeed(), { https: true });
    remote = await startLatencyRelay({ host: '127.0.0.1', port: Number(new URL(emulator.httpsUrl ?? '').port) }, 0, { host: REMOTE_HOST });
    const alice = demoSeed().users?.find((user) => user.name === 'alice')?.accessKeys?.[0] ?? assert.fail('alice has no access keys');
    fs.appendFileSync(
      files.configFile,
      `\n[profile ${REMOTE_PROFILE}]\nregion = us-east-1\nendpoint_url = https://${REMOTE_HOST}:${remote.port}\nca_bundle = ${files.caBundleFile}\n`,
    );
    fs.appendFileSync(
      files.credentialsFile,
      `\n[${REMOTE_PROFILE}]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
    );
    savedEnv = { ...process.env };
    process.env.AWS_CONFIG_FILE = files.configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
    await api.store.load();
    // In the run folder, so the launcher's leak audit searches the proxy's log too.
    const runDir = process.env.IAMPW_TEST_RESULTS ? path.dirname(process.env.IAMPW_TEST_RESULTS) : awsDir;
    const dir = fs.mkdtempSync(path.join(runDir, 'tinyproxy-'));
    proxy = await Tinyproxy.start({ connectPorts: [Number(new URL(emulator.httpsUrl ?? '').port), remote.port], dir });
  });

  after(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    process.env.AWS_CONFIG_FILE = savedEnv.AWS_CONFIG_FILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = savedEnv.AWS_SHARED_CREDENTIALS_FILE;
    await api?.store.load();
    await proxy?.stop();
    await remote?.stop();
    await emulator?.stop();
    fs.rmSync(awsDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    driver = new Driver(api);
  });

  afterEach(async () => {
    driver.restore();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  /** Changes alice's password through the boxes; `beforeLastEnter` runs just before the confirm box's Enter. */
  async function changePassword(from: string, to: string, profile = 'alice', beforeLastEnter = (): void => undefined): Promise<void> {
    await api.store.pick(profile);
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), from);
    await driver.enter(await driver.nextInputBox(), to);
    driver.answerNotification(/^Password changed/, 'Close');
    const confirm = await driver.nextInputBox();
    beforeLastEnter();
    await driver.enter(confirm, to);
    assert.equal(await done, 'changed', JSON.stringify(driver.notifications));
    assert.equal(emulator.passwordOf('alice'), to);
  }

  it('http.proxy set: the change reaches the emulator through a CONNECT tunnel in the proxy log', async () => {
    await http().update('proxy', proxy.url(), vscode.ConfigurationTarget.Global);
    await changePassword(PASSWORDS.aliceInitial, PASSWORDS.aliceNew);
    const emulatorHost = new URL(emulator.httpsUrl ?? '').host;
    assert.ok(proxy.connects().length > 0, proxy.log());
    assert.ok(
      proxy.connects().every((target) => target === emulatorHost),
      proxy.connects().join(', '),
    );
    assert.ok(emulator.requests.some((r) => r.action === 'ChangePassword'));
  });

  it('http.noProxy lists the emulator: the next change goes direct, with no new CONNECT', async () => {
    await http().update('noProxy', ['127.0.0.1'], vscode.ConfigurationTarget.Global);
    const before = proxy.connects().length;
    await changePassword(PASSWORDS.aliceNew, PASSWORDS.throughProxy);
    assert.equal(proxy.connects().length, before);
  });

  /**
   * What VS Code's own proxy support does to an extension's https.Agent: measured, as the extension's
   * design depends on it (README, "Network"). One request, answered or not: did our agent open its
   * connection, and did the proxy see a CONNECT for it?
   */
  async function probe(host: string): Promise<{ ownAgentConnected: boolean; proxyConnected: boolean }> {
    let ownAgentConnected = false;
    class OwnAgent extends https.Agent {
      override createConnection(...args: Parameters<https.Agent['createConnection']>): ReturnType<https.Agent['createConnection']> {
        ownAgentConnected = true;
        return super.createConnection(...args);
      }
    }
    const agent = new OwnAgent({ keepAlive: true });
    const port = await closedPort();
    const request = https.request({ host, port, agent, rejectUnauthorized: false });
    await new Promise<void>((resolve) => {
      request.on('error', () => resolve());
      request.on('response', () => resolve());
      request.end();
    });
    agent.destroy();
    return { ownAgentConnected, proxyConnected: proxy.connects().includes(`${host}:${port}`) };
  }

  it('measured: with http.proxySupport "override", VS Code replaces our https.Agent for other hosts and tunnels them itself; loopback keeps ours', async () => {
    await http().update('proxy', proxy.url(), vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(http().get('proxySupport'), 'override');
    assert.deepEqual(await probe('127.0.0.2'), { ownAgentConnected: false, proxyConnected: true });
    assert.deepEqual(await probe('127.0.0.1'), { ownAgentConnected: true, proxyConnected: false });
  });

  /**
   * To a host VS Code's proxy support routes itself, it opens a new connection for every request;
   * the session asks it for the route once and holds the connection itself, so the last Enter
   * costs no new connection (README, "Inside VS Code").
   */
  async function changeToRemoteHost(): Promise<{ connections: number; afterLastEnter: number; connectsAfterLastEnter: number; reused: boolean }> {
    emulator.setPassword('alice', PASSWORDS.aliceInitial);
    const before = { relay: remote.connections, requests: emulator.requests.length };
    const atLastEnter = { relay: 0, connects: 0 };
    await changePassword(PASSWORDS.aliceInitial, PASSWORDS.throughProxy, REMOTE_PROFILE, () => {
      atLastEnter.relay = remote.connections;
      atLastEnter.connects = proxy.connects().length;
    });
    const requests = emulator.requests.slice(before.requests);
    const change = requests.find((request) => request.action === 'ChangePassword') ?? assert.fail('no ChangePassword reached the emulator');
    return {
      connections: remote.connections - before.relay,
      afterLastEnter: remote.connections - atLastEnter.relay,
      connectsAfterLastEnter: proxy.connects().length - atLastEnter.connects,
      reused: requests.some((request) => request !== change && request.connection === change.connection),
    };
  }

  it(`to ${REMOTE_HOST}, directly: ChangePassword goes over a connection the checks opened, none opened after the last Enter`, async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(http().get('proxySupport'), 'override');
    const change = await changeToRemoteHost();
    assert.deepEqual({ afterLastEnter: change.afterLastEnter, reused: change.reused }, { afterLastEnter: 0, reused: true }, JSON.stringify(change));
    assert.ok(change.connections <= 2, JSON.stringify(change));
  });

  it(`to ${REMOTE_HOST}, through http.proxy: the same, and no CONNECT after the last Enter`, async () => {
    await http().update('proxy', proxy.url(), vscode.ConfigurationTarget.Global);
    const connectsBefore = proxy.connects().length;
    const change = await changeToRemoteHost();
    const connects = proxy.connects().slice(connectsBefore);
    assert.deepEqual(
      { afterLastEnter: change.afterLastEnter, connectsAfterLastEnter: change.connectsAfterLastEnter, reused: change.reused },
      { afterLastEnter: 0, connectsAfterLastEnter: 0, reused: true },
      JSON.stringify(change),
    );
    assert.ok(connects.length > 0 && connects.length <= 2, connects.join(', '));
    assert.ok(
      connects.every((target) => target === `${REMOTE_HOST}:${remote.port}`),
      connects.join(', '),
    );
  });
});
