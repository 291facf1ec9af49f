import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import vscode = require('vscode');
import type { TestApi } from '../../src/extension';
import { demoSeed, startEmulator, writeAwsConfig, type Emulator } from '../emulator';
import { closedPort } from '../emulator/testSupport';
import { requireTinyproxy, Tinyproxy } from '../emulator/tinyproxy';
import { Driver, testApi } from './driver';
import { PASSWORDS } from './passwords';

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
    savedEnv = { ...process.env };
    process.env.AWS_CONFIG_FILE = files.configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
    await api.store.load();
    // In the run folder, so the launcher's leak audit searches the proxy's log too.
    const runDir = process.env.IAMPW_TEST_RESULTS ? path.dirname(process.env.IAMPW_TEST_RESULTS) : awsDir;
    const dir = fs.mkdtempSync(path.join(runDir, 'tinyproxy-'));
    proxy = await Tinyproxy.start({ connectPorts: [Number(new URL(emulator.httpsUrl ?? '').port)], dir });
  });

  after(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
    process.env.AWS_CONFIG_FILE = savedEnv.AWS_CONFIG_FILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = savedEnv.AWS_SHARED_CREDENTIALS_FILE;
    await api?.store.load();
    await proxy?.stop();
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

  async function changePassword(from: string, to: string): Promise<void> {
    await api.store.pick('alice');
    const done = vscode.commands.executeCommand('iamPassword.changePassword');
    await driver.enter(await driver.nextInputBox(), from);
    await driver.enter(await driver.nextInputBox(), to);
    driver.answerNotification(/^Password changed/, 'Close');
    await driver.enter(await driver.nextInputBox(), to);
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
});
