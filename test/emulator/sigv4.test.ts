import assert from 'node:assert/strict';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { checkRequestTime, parseAuthorization, signatureMatches, type SignedRequest } from './sigv4';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Signs like a client would (with whatever headers it chooses), then hands back what the server sees. */
async function clientRequest(
  headers: Record<string, string>,
  options: { region?: string; service?: string; applyChecksum?: boolean } = {},
): Promise<SignedRequest> {
  const body = 'Action=ChangePassword&Version=2010-05-08&OldPassword=a&NewPassword=b';
  const signer = new SignatureV4({
    service: options.service ?? 'iam',
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET },
    sha256: Sha256,
    applyChecksum: options.applyChecksum ?? false,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: '/',
    query: {},
    headers: { host: '127.0.0.1:8080', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { method: 'POST', path: '/', query: {}, headers: signed.headers, body: Buffer.from(body) };
}

async function verify(request: SignedRequest, secret = SECRET): Promise<boolean> {
  const auth = parseAuthorization(request.headers.authorization);
  return signatureMatches(request, auth, secret, checkRequestTime(request.headers['x-amz-date'], new Date()));
}

describe('SigV4 verification', function () {
  it('accepts a correctly signed request, whatever region or extra signed headers it used', async function () {
    assert.equal(await verify(await clientRequest({})), true);
    assert.equal(await verify(await clientRequest({ 'amz-sdk-request': 'attempt=1; max=3' }, { applyChecksum: true })), true);
    assert.equal(await verify(await clientRequest({}, { region: 'eu-west-1' })), true);
  });

  it('refuses the wrong secret, a changed body, a changed signed header or a missing one', async function () {
    const request = await clientRequest({ 'x-amz-security-token': 'token' });
    assert.equal(await verify(request, 'another-secret'), false);
    const otherBody = Buffer.from('Action=ChangePassword&Version=2010-05-08&OldPassword=a&NewPassword=c');
    assert.equal(await verify({ ...request, body: otherBody }), false);
    assert.equal(await verify({ ...request, headers: { ...request.headers, 'x-amz-security-token': 'other' } }), false);
    const withoutToken = { ...request.headers };
    delete withoutToken['x-amz-security-token'];
    assert.equal(await verify({ ...request, headers: withoutToken }), false);
  });

  it('ignores headers that were not signed', async function () {
    const request = await clientRequest({});
    assert.equal(await verify({ ...request, headers: { ...request.headers, 'user-agent': 'changed', 'x-extra': '1' } }), true);
  });

  it('refuses a signed payload hash that does not match the body', async function () {
    const request = await clientRequest({ 'x-amz-content-sha256': '0'.repeat(64) });
    assert.equal(await verify(request), false);
  });

  it('parses the Authorization header and reports what is missing', function () {
    const auth = parseAuthorization(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
    );
    assert.deepEqual(auth, {
      accessKeyId: 'AKIDEXAMPLE',
      scopeDate: '20261126',
      region: 'us-east-1',
      service: 'sts',
      signedHeaders: ['host', 'x-amz-date'],
      signature: 'abc',
    });
    assert.throws(() => parseAuthorization(undefined), { code: 'MissingAuthenticationToken', status: 403 });
    assert.throws(() => parseAuthorization('AWS4-HMAC-SHA256 Credential=A/B/C/D/aws4_request'), {
      code: 'IncompleteSignature',
      message: "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
    });
  });

  it('allows 15 minutes of clock difference either way, and no more', function () {
    const now = new Date(Date.UTC(2026, 10, 26, 12, 0, 0));
    assert.deepEqual(checkRequestTime('20261126T114500Z', now), new Date(Date.UTC(2026, 10, 26, 11, 45, 0)));
    assert.deepEqual(checkRequestTime('20261126T121500Z', now), new Date(Date.UTC(2026, 10, 26, 12, 15, 0)));
    assert.throws(() => checkRequestTime('20261126T114459Z', now), {
      code: 'SignatureDoesNotMatch',
      message: 'Signature expired: 20261126T114459Z is now earlier than 20261126T114500Z (20261126T120000Z - 15 min.)',
    });
    assert.throws(() => checkRequestTime('20261126T121501Z', now), {
      code: 'SignatureDoesNotMatch',
      message: 'Signature not yet current: 20261126T121501Z is still later than 20261126T121500Z (20261126T120000Z + 15 min.)',
    });
    assert.throws(() => checkRequestTime(undefined, now), { code: 'IncompleteSignature' });
    assert.throws(() => checkRequestTime('2026-11-26T12:00:00Z', now), { code: 'IncompleteSignature' });
  });
});
