import * as assert from 'node:assert/strict';
import { configuredEndpoint, endpointProblem } from '../../src/core/endpoints';

describe('configured endpoints', () => {
  it('lets the setting win over the profile, and leaves the rest to the SDK', () => {
    const fromProfile = { url: 'https://p.example', source: 'endpoint_url of profile x' };
    assert.deepEqual(configuredEndpoint('http://127.0.0.1:1', fromProfile), {
      url: 'http://127.0.0.1:1',
      source: 'the iamPassword.endpointUrl setting',
    });
    assert.deepEqual(configuredEndpoint('', fromProfile), fromProfile);
    assert.equal(configuredEndpoint('', undefined), undefined);
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
