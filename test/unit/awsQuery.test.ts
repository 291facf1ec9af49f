import * as assert from 'node:assert/strict';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { parseXml, QueryClient, STS_SERVICE } from '../../src/core/awsQuery';

describe('awsQuery: parseXml', () => {
  it('reads nested elements, text, entities, CDATA, attributes and empty elements', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<R xmlns="urn:x"><!-- note --><A>x &amp; y &lt;&#65;&#x42;&gt;</A><B><C a=\'1\'><![CDATA[<raw>]]></C><D/></B></R>',
    );
    assert.equal(root.name, 'R');
    assert.deepEqual(
      root.children.map((child) => child.name),
      ['A', 'B'],
    );
    assert.equal(root.children[0].text, 'x & y <AB>');
    assert.equal(root.children[1].children[0].text, '<raw>');
    assert.deepEqual(root.children[1].children[1], { name: 'D', children: [], text: '' });
  });

  it('refuses documents that are cut short, mismatched or not XML', () => {
    const reply = '<ChangePasswordResponse><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></ChangePasswordResponse>';
    assert.throws(() => parseXml(reply.slice(0, reply.length / 2)), /not closed|unexpected/);
    assert.throws(() => parseXml('<A><B></A></B>'), /<\/A> closes <B>/);
    assert.throws(() => parseXml('<html>oops</html>trailing'), /outside the root/);
    assert.throws(() => parseXml('not xml at all'), /outside the root/);
    assert.throws(() => parseXml(''), /one root element/);
  });
});

/** X-Amz-Date (20260101T120000Z) in milliseconds since the epoch. */
function amzDateToMs(amzDate: string): number {
  return Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
}

describe('awsQuery: QueryClient', () => {
  let server: Server;
  let endpoint: string;
  const seen: { amzDate: string }[] = [];
  const serverAheadMs = 30 * 60 * 1000;

  // A server whose clock is 30 minutes ahead: it refuses requests signed more than 15 minutes
  // away from its own time, as AWS does, and says its time in the Date header.
  before(async () => {
    server = createServer((request: IncomingMessage, response) => {
      request.resume();
      const amzDate = String(request.headers['x-amz-date']);
      seen.push({ amzDate });
      const serverNow = Date.now() + serverAheadMs;
      const signedAt = amzDateToMs(amzDate);
      const headers = { date: new Date(serverNow).toUTCString(), 'content-type': 'text/xml', 'x-amzn-requestid': `r${seen.length}` };
      if (Math.abs(serverNow - signedAt) > 15 * 60 * 1000) {
        response.writeHead(403, headers).end('<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature expired</Message></Error></ErrorResponse>');
      } else {
        response.writeHead(200, headers).end('<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("retries a request refused for clock skew, signed with the server's time", async () => {
    const requestHandler = new NodeHttpHandler();
    const client = new QueryClient(STS_SERVICE, {
      region: 'us-east-1',
      endpoint,
      credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
      requestHandler,
      retryStrategy: new StandardRetryStrategy(3),
      maxAttempts: 3,
      trace: (_operation, _request, send) => send(),
    });
    try {
      const result = await client.send('GetCallerIdentity');
      assert.equal(result.Arn, 'arn:aws:iam::123456789012:user/alice');
      assert.equal(seen.length, 2, 'the refused attempt was retried once');
      const [first, second] = seen.map(({ amzDate }) => amzDateToMs(amzDate));
      assert.ok(Math.abs(second - first - serverAheadMs) < 60_000, `the retry was signed ${second - first} ms later, not the server's 30 minutes ahead`);
    } finally {
      requestHandler.destroy();
    }
  });
});
