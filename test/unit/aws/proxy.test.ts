import * as assert from 'node:assert/strict';
import { SessionFailure, ErrorContext } from '../../../src/aws/sessionFailure';
import { describeError } from '../../../src/aws/describeFailure';
import { bypassesProxy, proxyConfig, VsCodeProxySettings } from '../../../src/aws/proxy';
import { redactUrlCredentials } from '../../../src/secrets/redact';

const vscode = (proxy: string, noProxy: string[] = [], proxyStrictSSL = true): VsCodeProxySettings => ({ proxy, noProxy, proxyStrictSSL });

describe('proxyConfig', () => {
  it('none without http.proxy or HTTPS_PROXY; HTTP_PROXY alone is for http:// endpoints, which are never proxied', () => {
    assert.equal(proxyConfig(undefined, {}), undefined);
    assert.equal(proxyConfig(vscode(' '), { HTTP_PROXY: 'http://p:3128', https_proxy: '' }), undefined);
  });

  it('HTTPS_PROXY in any case, the all-lowercase name first, named as it is spelt', () => {
    assert.equal(proxyConfig(undefined, { HTTPS_PROXY: 'http://upper:1' })?.source, 'the HTTPS_PROXY environment variable');
    assert.equal(proxyConfig(undefined, { Https_Proxy: 'http://mixed:1' })?.url.host, 'mixed:1');
    const both = proxyConfig(undefined, { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' });
    assert.equal(both?.url.host, 'lower:2');
    assert.equal(both?.source, 'the https_proxy environment variable');
    assert.equal(both?.setting, undefined);
  });

  it('the http.proxy setting wins over the environment, and a non-empty http.noProxy replaces NO_PROXY', () => {
    const config = proxyConfig(vscode('http://setting:8080', ['internal.example']), { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'other.example' });
    assert.equal(config?.url.host, 'setting:8080');
    assert.equal(config?.source, 'the http.proxy setting');
    assert.equal(config?.setting, 'http.proxy');
    assert.deepEqual(config?.noProxy, ['internal.example']);
    assert.deepEqual(proxyConfig(vscode('http://setting:8080'), { no_proxy: 'a.example, b.example c.example' })?.noProxy, [
      'a.example',
      'b.example',
      'c.example',
    ]);
  });

  it('a bare host:port is an http:// proxy; http.proxyStrictSSL is kept', () => {
    const config = proxyConfig(vscode('proxy.corp:3128', [], false), {});
    assert.equal(config?.url.href, 'http://proxy.corp:3128/');
    assert.equal(config?.strictSSL, false);
  });

  it('the label never holds the password', () => {
    const config = proxyConfig(undefined, { HTTPS_PROXY: 'http://bob:p%40ss@proxy:3128' });
    assert.equal(config?.label, 'http://bob:***@proxy:3128');
    assert.equal(config?.url.password, 'p%40ss');
  });

  it('refuses what is no http(s) proxy, without showing its password', () => {
    assert.throws(() => proxyConfig(vscode('socks5://u:secret@h:1080'), {}), {
      message: 'The proxy socks5://u:***@h:1080 from the http.proxy setting is not supported: only http:// and https:// proxies are.',
    });
    assert.throws(() => proxyConfig(undefined, { HTTPS_PROXY: 'http://u:secret@[bad' }), /is not a URL of the form .*: http:\/\/\*\*\*@\[bad\./);
  });

  it('never shows a password that stops the URL from parsing, or that moves its host (no request to the wrong host)', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ HTTPS_PROXY: 'http://alice:pa#ss-W0rd@proxy.corp:3128' }, 'http://***@proxy.corp:3128', 'pa#ss-W0rd'],
      [{ HTTPS_PROXY: 'alice:Secret-W0rd@proxy.corp:99999' }, '***@proxy.corp:99999', 'Secret-W0rd'],
      // Parses, as host "ss" with a path: taken, it would send the request to "ss".
      [{ HTTPS_PROXY: 'http://alice:p@ss/W0rd@proxy.corp:3128' }, 'http://***@proxy.corp:3128', 'p@ss/W0rd'],
      [{ HTTPS_PROXY: 'http://alice:p?ss@proxy.corp:3128' }, 'http://***@proxy.corp:3128', 'p?ss'],
      // Parses, but a % that starts no escape cannot be decoded for the Proxy-Authorization header.
      [{ HTTPS_PROXY: 'http://alice:100%W0rd@proxy.corp:3128' }, 'http://***@proxy.corp:3128', '100%W0rd'],
    ];
    for (const [env, shown, password] of cases) {
      assert.throws(
        () => proxyConfig(undefined, env),
        (error: Error) => error.message.includes(`: ${shown}. Percent-encode`) && !error.message.includes(password) && !error.message.includes('W0rd'),
        env.HTTPS_PROXY,
      );
    }
  });
});

describe('bypassesProxy: NO_PROXY as the AWS CLI reads it', () => {
  const cases: [string[], string, number, boolean][] = [
    [['*'], 'iam.amazonaws.com', 443, true],
    [['amazonaws.com'], 'iam.amazonaws.com', 443, true],
    [['.amazonaws.com'], 'iam.amazonaws.com', 443, true],
    [['*.amazonaws.com'], 'iam.amazonaws.com', 443, true],
    [['amazonaws.com'], 'notamazonaws.com', 443, false],
    [['IAM.AmazonAWS.com'], 'iam.amazonaws.com', 443, true],
    [['127.0.0.1:8443'], '127.0.0.1', 8443, true],
    [['127.0.0.1:8443'], '127.0.0.1', 443, false],
    [['::1'], '::1', 443, true],
    [['[::1]:443'], '::1', 443, true],
    [['', ' '], 'iam.amazonaws.com', 443, false],
    [[], 'localhost', 443, false],
  ];
  for (const [noProxy, host, port, expected] of cases) {
    it(`${JSON.stringify(noProxy)} ${expected ? 'bypasses' : 'keeps'} ${host}:${port}`, () => {
      assert.equal(bypassesProxy(noProxy, host, port), expected);
    });
  }
});

describe('redactUrlCredentials', () => {
  it("replaces each URL's password, up to the last @ of its authority, and leaves the rest", () => {
    assert.equal(
      redactUrlCredentials('via http://bob:s3cr%40t@proxy:3128 and https://u:p@ss@h/x?y=http://a:b@c, http://h:80/ and http://user@h'),
      'via http://bob:***@proxy:3128 and https://u:***@h/x?y=http://a:***@c, http://h:80/ and http://user@h',
    );
  });
});

describe("a proxy asking for credentials as the answer itself (VS Code's own proxy agent replays it)", () => {
  it('is named as a proxy asking for authentication, with the http.proxy setting', () => {
    const ctx: ErrorContext = {
      profile: 'alice',
      configFile: '/home/u/.aws/config',
      endpoints: [{ url: 'https://iam.amazonaws.com', signingRegion: 'us-east-1', source: 'the AWS endpoint for region us-east-1' }],
      connectTimeoutSeconds: 60,
      readTimeoutSeconds: 60,
    };
    const cause = Object.assign(new Error('UnknownError'), { name: 'Unknown', $metadata: { httpStatusCode: 407 } });
    const failure = new SessionFailure('GetCallerIdentity', cause, [
      { action: 'GetCallerIdentity', role: 'operation', origin: 'https://iam.amazonaws.com', attempts: [{ written: true, status: 407 }] },
    ]);
    const report = describeError(failure, ctx);
    assert.equal(report.title, 'A proxy between VS Code and iam.amazonaws.com requires authentication (407 Proxy Authentication Required).');
    assert.equal(report.setting, 'http.proxy');
  });
});
