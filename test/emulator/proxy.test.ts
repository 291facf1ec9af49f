import assert from 'node:assert/strict';
import dns from 'node:dns';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { SessionFailure } from '../../src/aws/sessionFailure';
import { describeError } from '../../src/aws/describeFailure';
import type { HostProxy } from '../../src/aws/hostProxy';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD, operationAttempts, PrepareOptions, rejectionOf } from './coreClientSupport';
import { startLatencyRelay, type LatencyRelay } from './index';
import { closedPort } from './testSupport';
import { requireTinyproxy, Tinyproxy } from './tinyproxy';
import { secretEncodings } from '../harness/leakAudit';
import fc from 'fast-check';

const PROXY_USER = { user: 'proxyuser', password: 'Proxy-Pass.9x' };

describe('Proxies: the extension session through tinyproxy, TLS inside the tunnel', function () {
  let fixture: EmulatorFixture;
  let proxy: Tinyproxy | undefined;
  let httpsUrl: string;
  let emulatorHost: string;
  let caBundle: string;

  before(function () {
    requireTinyproxy(this);
  });

  beforeEach(async function () {
    fixture = await EmulatorFixture.start({ https: true });
    httpsUrl = fixture.emulator.httpsUrl ?? assert.fail('the emulator serves https');
    emulatorHost = new URL(httpsUrl).host;
    caBundle = join(fixture.dir, 'emulator-ca.pem');
    writeFileSync(caBundle, fixture.emulator.caCertPem ?? assert.fail('the emulator serves https'));
  });

  afterEach(async function () {
    await proxy?.stop();
    proxy = undefined;
    await fixture.stop();
  });

  async function startProxy(options: { auth?: boolean; connectPort?: number } = {}): Promise<Tinyproxy> {
    proxy = await Tinyproxy.start({
      connectPorts: [options.connectPort ?? Number(new URL(httpsUrl).port)],
      ...(options.auth ? { basicAuth: PROXY_USER } : {}),
    });
    return proxy;
  }

  function open(prepare: PrepareOptions): ReturnType<EmulatorFixture['open']> {
    return fixture.open('alice', { ...prepare, settings: { endpointUrl: httpsUrl, caBundle, ...prepare.settings } });
  }

  async function changeThrough(prepare: PrepareOptions): Promise<string> {
    const { session, prepared } = await open(prepare);
    assert.equal((await session.whoAmI()).name, 'alice');
    await session.getPasswordPolicy();
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    const log = prepared.logger.text();
    assert.ok(!log.includes(NEW_PASSWORD) && !log.includes(ALICE_PASSWORD), 'a password in the log');
    return log;
  }

  async function failure(prepare: PrepareOptions): Promise<{ error: SessionFailure; report: ReturnType<typeof describeError> }> {
    const { session, prepared } = await open(prepare);
    const error = await rejectionOf(session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
    assert.ok(error instanceof SessionFailure, String(error));
    const attempts = operationAttempts(error);
    assert.ok(attempts.length > 0 && attempts.every((attempt) => !attempt.written), JSON.stringify(attempts));
    assert.equal(error.outcome, 'notChanged');
    assert.equal(fixture.emulator.requests.length, 0);
    assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
    return { error, report: describeError(error, prepared.errorContext) };
  }

  it('HTTPS_PROXY alone: every request goes through a CONNECT tunnel, and the emulator gets them', async function () {
    const tinyproxy = await startProxy();
    const log = await changeThrough({ env: { HTTPS_PROXY: tinyproxy.url() } });
    // One tunnel, kept alive for all three requests.
    assert.deepEqual(tinyproxy.connects(), [emulatorHost]);
    assert.deepEqual(
      fixture.emulator.requests.map((r) => r.action),
      ['GetCallerIdentity', 'GetAccountPasswordPolicy', 'ChangePassword'],
    );
    assert.match(log, new RegExp(`HTTPS requests go through proxy http://127\\.0\\.0\\.1:${tinyproxy.port} \\(the HTTPS_PROXY environment variable\\)`));
  });

  /** What a flow does with a proxy value: open the session, and if it opens, ask who am I; with every host name looked up meanwhile. */
  async function attempt(prepare: PrepareOptions): Promise<{ opened: boolean; shown: string; log: string[]; lookups: string[] }> {
    const log: string[] = [];
    const lookups: string[] = [];
    const lookup = dns.lookup;
    dns.lookup = ((hostname: string, ...rest: unknown[]) => {
      lookups.push(hostname);
      return (lookup as (...args: unknown[]) => unknown)(hostname, ...rest);
    }) as typeof dns.lookup;
    try {
      let opened: Awaited<ReturnType<typeof open>>;
      try {
        opened = await open({ ...prepare, onLog: (line) => log.push(line.message) });
      } catch (refused) {
        // A refusal: the flow shows it and logs it (showRefusal).
        return { opened: false, shown: (refused as Error).message, log, lookups };
      }
      const error = await rejectionOf(opened.session.whoAmI());
      const report = error instanceof SessionFailure ? describeError(error, opened.prepared.errorContext) : undefined;
      return { opened: true, shown: `${String(error)} ${JSON.stringify(report)}`, log, lookups };
    } finally {
      dns.lookup = lookup;
    }
  }

  function assertHidden(password: string, seen: { shown: string; log: string[] }): void {
    for (const [encoding, text] of Object.entries(secretEncodings(password))) {
      assert.ok(!seen.shown.includes(text), `the proxy password (${encoding}) in the message shown: ${seen.shown}`);
      assert.ok(!seen.log.some((line) => line.includes(text)), `the proxy password (${encoding}) in the log`);
    }
  }

  it('a proxy URL that a password stops from parsing, or whose host it moves: refused before any lookup, the password in no log line and no message shown', async function () {
    const cases: [PrepareOptions, string][] = [
      [{ env: { HTTPS_PROXY: 'http://alice:pa#ss-W0rd@proxy.corp:3128' } }, 'pa#ss-W0rd'],
      [{ env: { HTTPS_PROXY: 'alice:Secret-W0rd@proxy.corp:99999' } }, 'Secret-W0rd'],
      // Parses as host "ss" with the path /W0rd@proxy.corp:3128: taken, "ss" would be looked up and sent the request.
      [{ env: { HTTPS_PROXY: 'http://alice:p@ss/W0rd@proxy.corp:3128' } }, 'p@ss/W0rd'],
      [{ settings: { http: { proxy: 'http://alice:p@ss/W0rd@proxy.corp:3128', proxyStrictSSL: true, noProxy: [] } } }, 'p@ss/W0rd'],
      // Parses, but a % that starts no escape cannot be decoded into the Proxy-Authorization header.
      [{ env: { HTTPS_PROXY: 'http://alice:100%W0rd@proxy.corp:3128' } }, '100%W0rd'],
    ];
    for (const [prepare, password] of cases) {
      const seen = await attempt(prepare);
      assert.equal(seen.opened, false, `${JSON.stringify(prepare)} opened a session`);
      assert.match(seen.shown, /is not a URL of the form http:\/\/user:password@host:port: (http:\/\/)?\*\*\*@proxy\.corp:\d+\. .*Nothing was sent\./);
      assertHidden(password, seen);
      assert.ok(!seen.shown.includes('W0rd'), seen.shown);
      assert.deepEqual(seen.lookups, []);
    }
    assert.equal(fixture.emulator.requests.length, 0);
  });

  it('a proxy URL with an unencoded @ in its password is read up to the last @: the proxy gets that password, and no log line or message holds it', async function () {
    const password = 'Proxy@Pass.9x';
    const heads: string[] = [];
    // A proxy that refuses every CONNECT with 407 and keeps what it was sent (tinyproxy takes no @ in a password).
    const refusing = createServer((socket) =>
      socket.once('data', (head) => {
        heads.push(head.toString('latin1'));
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      }),
    );
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const port = (refusing.address() as AddressInfo).port;
      const seen = await attempt({ env: { HTTPS_PROXY: `http://proxyuser:${password}@127.0.0.1:${port}` }, settings: { maxAttempts: 1 } });
      assert.match(heads[0], new RegExp(`^CONNECT ${emulatorHost} HTTP/1\\.1\\r\\n`));
      assert.ok(heads[0].includes(`Proxy-Authorization: Basic ${Buffer.from(`proxyuser:${password}`).toString('base64')}\r\n`), heads[0]);
      assert.match(seen.shown, new RegExp(`The proxy http://proxyuser:\\*\\*\\*@127\\.0\\.0\\.1:${port} requires authentication`));
      assertHidden(password, seen);
      assert.equal(fixture.emulator.requests.length, 0);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('any proxy URL with user:password, parsed or not, down or refused: the password is in no log line and no message shown', async function () {
    const port = await closedPort();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'Z', '9', '@', ':', '/', '#', '?', '%', '.', ' ', '[', ']'), minLength: 1, maxLength: 10 }),
        fc.constantFrom('http://', 'https://', ''),
        fc.constantFrom(`127.0.0.1:${port}`, '127.0.0.1:99999', `[::1]:${port}`),
        fc.boolean(),
        async (secret, scheme, host, inSetting) => {
          const password = `Pw${secret}Z`;
          const value = `${scheme}alice:${password}@${host}`;
          const seen = await attempt(
            inSetting
              ? { settings: { http: { proxy: value, proxyStrictSSL: true, noProxy: [] }, maxAttempts: 1 } }
              : { env: { HTTPS_PROXY: value }, settings: { maxAttempts: 1 } },
          );
          assertHidden(password, seen);
          assert.deepEqual(seen.lookups, []);
        },
      ),
      { numRuns: 60 },
    );
    assert.equal(fixture.emulator.requests.length, 0);
  });

  it('https_proxy in lower case, with basic auth in the URL: the proxy password is never logged', async function () {
    const tinyproxy = await startProxy({ auth: true });
    const log = await changeThrough({ env: { https_proxy: tinyproxy.url(PROXY_USER) } });
    assert.equal(tinyproxy.connects()[0], emulatorHost);
    assert.match(log, /through proxy http:\/\/proxyuser:\*\*\*@127\.0\.0\.1:\d+ \(the https_proxy environment variable\)/);
    assert.ok(!log.includes(PROXY_USER.password) && !log.includes(encodeURIComponent(PROXY_USER.password)), 'the proxy password in the log');
  });

  it('the http.proxy setting wins over HTTPS_PROXY', async function () {
    const tinyproxy = await startProxy();
    const log = await changeThrough({
      env: { HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}` },
      settings: { http: { proxy: tinyproxy.url(), proxyStrictSSL: true, noProxy: [] } },
    });
    assert.equal(tinyproxy.connects()[0], emulatorHost);
    assert.match(log, /\(the http\.proxy setting\)/);
  });

  it('NO_PROXY bypasses the proxy: no CONNECT in its log', async function () {
    const tinyproxy = await startProxy();
    await changeThrough({ env: { HTTPS_PROXY: tinyproxy.url(), NO_PROXY: 'example.com, 127.0.0.1' } });
    assert.deepEqual(tinyproxy.connects(), []);
  });

  it('http.noProxy bypasses the proxy of the http.proxy setting', async function () {
    const tinyproxy = await startProxy();
    await changeThrough({ settings: { http: { proxy: tinyproxy.url(), proxyStrictSSL: true, noProxy: [emulatorHost] } } });
    assert.deepEqual(tinyproxy.connects(), []);
  });

  it('a plain-http loopback endpoint never goes through the proxy (the password would pass it in clear)', async function () {
    const tinyproxy = await startProxy();
    const { session } = await fixture.open('alice', { env: { HTTPS_PROXY: tinyproxy.url(), HTTP_PROXY: tinyproxy.url() } });
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.equal(tinyproxy.log().match(/Request \(file descriptor/g), null);
  });

  it('TLS is checked inside the tunnel: without the CA bundle, a certificate error and nothing sent', async function () {
    const tinyproxy = await startProxy();
    const { error, report } = await failure({ env: { HTTPS_PROXY: tinyproxy.url() }, settings: { caBundle: '' } });
    assert.equal(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(report.setting, 'iamPassword.caBundle');
    assert.equal(tinyproxy.connects()[0], emulatorHost);
  });

  it('407 from the proxy: explained, naming the variable; nothing sent', async function () {
    const tinyproxy = await startProxy({ auth: true });
    const { error, report } = await failure({ env: { HTTPS_PROXY: tinyproxy.url() } });
    assert.equal(error.code, 'ProxyAuthenticationRequired');
    assert.equal(report.title, `The proxy http://127.0.0.1:${tinyproxy.port} requires authentication (it answered 407).`);
    assert.match(report.detail, /Put the user name and password into the proxy URL in the HTTPS_PROXY environment variable.*Nothing was sent/);
    assert.deepEqual(report.actions, ['showLogs']);
  });

  it('407 for a wrong proxy password: explained, naming the setting, the password redacted', async function () {
    const tinyproxy = await startProxy({ auth: true });
    const wrong = { user: PROXY_USER.user, password: 'Wrong-Proxy-Pass' };
    const { report } = await failure({ settings: { http: { proxy: tinyproxy.url(wrong), proxyStrictSSL: true, noProxy: [] } } });
    assert.match(report.title, /The proxy http:\/\/proxyuser:\*\*\*@127\.0\.0\.1:\d+ requires authentication \(it answered 401\)/);
    assert.match(report.detail, /refused the user name and password in the proxy URL from the http\.proxy setting/);
    assert.equal(report.setting, 'http.proxy');
    assert.ok(!JSON.stringify(report).includes(wrong.password));
  });

  it('proxy down: "could not reach the proxy", naming the variable; nothing sent', async function () {
    const port = await closedPort();
    const { error, report } = await failure({ env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(report.title, `Could not reach the proxy http://127.0.0.1:${port} (connection refused).`);
    assert.match(report.detail, /comes from the HTTPS_PROXY environment variable.*Nothing was sent/);
  });

  it('a CONNECT the proxy refuses: "did not open a tunnel", with its status', async function () {
    const tinyproxy = await startProxy({ connectPort: 443 });
    const { error, report } = await failure({ env: { HTTPS_PROXY: tinyproxy.url() } });
    assert.equal(error.code, 'ProxyTunnelFailed');
    assert.match(
      report.title,
      new RegExp(`The proxy http://127\\.0\\.0\\.1:${tinyproxy.port} did not open a tunnel to ${emulatorHost.replace(/\./g, '\\.')} \\(it answered 403\\)`),
    );
  });

  it("the credential chain's own calls go the same way: a role profile's AssumeRole through the tunnel", async function () {
    await fixture.stop();
    fixture = await EmulatorFixture.start({ https: true }, { https: true });
    const tinyproxy = await startProxy({ connectPort: Number(new URL(fixture.emulator.httpsUrl ?? '').port) });
    const { session } = await fixture.open('readonly-role', { env: { HTTPS_PROXY: tinyproxy.url() } });
    assert.match((await session.whoAmI()).arn, /:assumed-role\/ReadOnly\//);
    assert.deepEqual(
      fixture.emulator.requests.map((r) => r.action),
      ['AssumeRole', 'GetCallerIdentity'],
    );
    assert.deepEqual(tinyproxy.connects(), [new URL(fixture.emulator.httpsUrl ?? '').host]);
  });

  it('a role profile with the proxy down: AssumeRole fails at the proxy, named, and nothing reaches the emulator', async function () {
    await fixture.stop();
    fixture = await EmulatorFixture.start({ https: true }, { https: true });
    const port = await closedPort();
    const { session, prepared } = await fixture.open('readonly-role', { env: { HTTPS_PROXY: `127.0.0.1:${port}` } });
    const error = await rejectionOf(session.whoAmI());
    assert.ok(error instanceof SessionFailure);
    assert.equal(error.failedAction, 'AssumeRole');
    assert.equal(error.failedCall?.role, 'credentials');
    const report = describeError(error, prepared.errorContext);
    assert.equal(report.title, `Could not reach the proxy http://127.0.0.1:${port} (connection refused).`);
    assert.equal(fixture.emulator.requests.length, 0);
  });

  it('a proxy that never answers CONNECT: "no connection through the proxy", with the connect timeout; nothing sent', async function () {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const { report } = await failure({ env: { HTTPS_PROXY: `http://127.0.0.1:${port}` }, settings: { connectTimeoutSeconds: 0.3, maxAttempts: 1 } });
      assert.equal(report.title, `No connection to ${emulatorHost} through the proxy http://127.0.0.1:${port} within 0.3 s.`);
      assert.match(report.detail, /comes from the HTTPS_PROXY environment variable.*connectTimeoutSeconds.*Nothing was sent/);
    } finally {
      held.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

/**
 * VS Code's own proxy support (http.proxySupport "override") opens a connection per request. A
 * session asks it where each origin goes and holds the connections on that route itself; here a
 * stand-in plays VS Code's resolver, and its request patch sends nothing (Node has none).
 */
describe("Proxies: the route VS Code resolves, held by the session's own agents", function () {
  let fixture: EmulatorFixture;
  let proxy: Tinyproxy | undefined;
  /** The emulator's HTTPS port again on 127.0.0.2, which VS Code's patch does not hand to the extension's agent. */
  let remote: LatencyRelay;
  let httpsUrl: string;
  let emulatorHost: string;
  let caBundle: string;
  /** What the stand-in was asked to resolve, and whether each exempted agent is exempt right now. */
  let asked: string[];
  let exemptions: (() => boolean)[];

  before(function () {
    requireTinyproxy(this);
  });

  beforeEach(async function () {
    fixture = await EmulatorFixture.start({ https: true });
    const port = Number(new URL(fixture.emulator.httpsUrl ?? assert.fail('the emulator serves https')).port);
    remote = await startLatencyRelay({ host: '127.0.0.1', port }, 0, { host: '127.0.0.2' });
    httpsUrl = `https://127.0.0.2:${remote.port}`;
    emulatorHost = new URL(httpsUrl).host;
    caBundle = join(fixture.dir, 'emulator-ca.pem');
    writeFileSync(caBundle, fixture.emulator.caCertPem ?? assert.fail('the emulator serves https'));
    asked = [];
    exemptions = [];
  });

  afterEach(async function () {
    await proxy?.stop();
    proxy = undefined;
    await fixture.stop();
    await remote.stop();
  });

  function vscodeResolving(proxyUrl: string | undefined): HostProxy {
    return {
      resolve: async (url) => {
        asked.push(url);
        return proxyUrl;
      },
      exempt: (agent, when) => {
        exemptions.push(when);
        return agent;
      },
    };
  }

  function open(hostProxy: HostProxy, prepare: PrepareOptions = {}): ReturnType<EmulatorFixture['open']> {
    return fixture.open('alice', { ...prepare, hostProxy, settings: { endpointUrl: httpsUrl, caBundle, ...prepare.settings } });
  }

  it('a proxy only VS Code knows (a system proxy, PAC): one tunnel through it, kept alive for all three requests', async function () {
    proxy = await Tinyproxy.start({ connectPorts: [remote.port] });
    const { session, prepared } = await open(vscodeResolving(proxy.url()));
    assert.equal((await session.whoAmI()).name, 'alice');
    await session.getPasswordPolicy();
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.deepEqual(proxy.connects(), [emulatorHost]);
    assert.deepEqual(asked, [`${httpsUrl}/`]);
    assert.deepEqual(
      exemptions.map((exempt) => exempt()),
      [true, true],
    );
    assert.match(prepared.logger.text(), /through proxy http:\/\/127\.0\.0\.1:\d+, as VS Code resolves it; the session holds its connections/);
  });

  it('VS Code resolves direct (its noProxy matched): no tunnel, whatever HTTPS_PROXY says', async function () {
    proxy = await Tinyproxy.start({ connectPorts: [remote.port] });
    const { session } = await open(vscodeResolving(undefined), { env: { HTTPS_PROXY: proxy.url() } });
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.deepEqual(proxy.connects(), []);
  });

  it('a proxy that asks for authentication (VS Code answers it): nothing sent on our tunnel, ChangePassword sent once, through VS Code', async function () {
    proxy = await Tinyproxy.start({ connectPorts: [remote.port], basicAuth: PROXY_USER });
    const { session, prepared } = await open(vscodeResolving(proxy.url()));
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.equal(fixture.changePasswordRequests(), 1);
    assert.deepEqual(proxy.connects(), [emulatorHost]);
    assert.deepEqual(
      exemptions.map((exempt) => exempt()),
      [false, false],
    );
    assert.match(
      prepared.logger.text(),
      /VS Code's proxy support sends this session's requests from now on: the proxy http:\/\/127\.0\.0\.1:\d+ asks for authentication/,
    );
  });

  it("a certificate only the system's store may trust (no CA bundle): handed back to VS Code, which adds the system's certificates", async function () {
    const { session, prepared } = await open(vscodeResolving(undefined), { settings: { caBundle: '' } });
    const error = await rejectionOf(session.changePassword(ALICE_PASSWORD, NEW_PASSWORD));
    assert.ok(error instanceof SessionFailure, String(error));
    // In Node nobody adds certificates: the second attempt fails the same way, and neither was sent.
    assert.deepEqual(
      operationAttempts(error).map((attempt) => attempt.written),
      [false, false],
    );
    assert.equal(fixture.emulator.requests.length, 0);
    assert.match(prepared.logger.text(), /from now on: the endpoint's certificate was refused \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });

  it('a SOCKS proxy: the session leaves its requests to VS Code from the start', async function () {
    const { session } = await open(vscodeResolving('socks://127.0.0.1:1080'));
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.deepEqual(
      exemptions.map((exempt) => exempt()),
      [false, false],
    );
  });

  it("a loopback endpoint: left to the session's own proxy choice, as VS Code leaves it to the extension's agent, its connection held too", async function () {
    const loopback = fixture.emulator.httpsUrl ?? assert.fail('the emulator serves https');
    proxy = await Tinyproxy.start({ connectPorts: [Number(new URL(loopback).port)] });
    const { session } = await open(vscodeResolving(undefined), { env: { HTTPS_PROXY: proxy.url() }, settings: { endpointUrl: loopback } });
    await session.getPasswordPolicy();
    await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD);
    assert.equal(fixture.emulator.passwordOf('alice'), NEW_PASSWORD);
    assert.deepEqual(asked, []);
    assert.deepEqual(proxy.connects(), [new URL(loopback).host]);
    assert.deepEqual(
      exemptions.map((exempt) => exempt()),
      [true, true],
    );
  });
});
