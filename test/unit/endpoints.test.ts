import * as assert from 'node:assert/strict';
import { defaultEndpoint, endpointProblem, iamSigningRegion, resolveEndpoint } from '../../src/core/endpoints';

describe('endpoints', () => {
  it('uses the partition endpoint of IAM for the region', () => {
    assert.equal(defaultEndpoint('iam', 'eu-west-1'), 'https://iam.amazonaws.com');
    assert.equal(defaultEndpoint('iam', 'us-gov-west-1'), 'https://iam.us-gov.amazonaws.com');
    assert.equal(defaultEndpoint('iam', 'cn-northwest-1'), 'https://iam.cn-north-1.amazonaws.com.cn');
    assert.equal(defaultEndpoint('sts', 'eu-west-1'), 'https://sts.eu-west-1.amazonaws.com');
  });

  it("signs IAM requests for the partition's home region, whatever the profile's region", () => {
    assert.equal(iamSigningRegion('eu-west-1'), 'us-east-1');
    assert.equal(iamSigningRegion('us-east-1'), 'us-east-1');
    assert.equal(iamSigningRegion('us-gov-east-1'), 'us-gov-west-1');
    assert.equal(iamSigningRegion('cn-northwest-1'), 'cn-north-1');
  });

  it('lets the setting win over the profile, and the profile over the default', () => {
    assert.equal(resolveEndpoint('iam', 'us-east-1', 'http://127.0.0.1:1', 'https://p.example').url, 'http://127.0.0.1:1');
    assert.equal(resolveEndpoint('iam', 'us-east-1', undefined, 'https://p.example').url, 'https://p.example');
    const fallback = resolveEndpoint('iam', 'us-east-1', '', undefined);
    assert.equal(fallback.url, 'https://iam.amazonaws.com');
    assert.equal(fallback.isDefault, true);
  });

  it('allows https anywhere and http only on loopback', () => {
    assert.equal(endpointProblem('https://iam.amazonaws.com'), undefined);
    assert.equal(endpointProblem('http://127.0.0.1:4566'), undefined);
    assert.equal(endpointProblem('http://127.10.0.3:80/'), undefined);
    assert.equal(endpointProblem('http://localhost:8080'), undefined);
    assert.equal(endpointProblem('http://[::1]:8080'), undefined);
    assert.match(endpointProblem('http://10.0.0.5:8080') ?? '', /plain http/);
    assert.match(endpointProblem('http://127.0.0.1.evil.example') ?? '', /plain http/);
    assert.match(endpointProblem('ftp://127.0.0.1') ?? '', /not an http/);
    assert.match(endpointProblem('not a url') ?? '', /not a valid URL/);
  });
});
