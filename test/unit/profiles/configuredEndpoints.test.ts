import * as assert from 'node:assert/strict';
import { configuredEndpoint } from '../../../src/profiles/configuredEndpoints';

describe('configured endpoints', () => {
  it('lets the setting win over the profile, and leaves the rest to the SDK', () => {
    const fromProfile = { url: 'https://p.example', source: 'endpoint_url of profile x', origin: { file: '/home/u/.aws/config' } };
    assert.deepEqual(configuredEndpoint('http://127.0.0.1:1', fromProfile), {
      url: 'http://127.0.0.1:1',
      source: 'the iamPassword.endpointUrl setting',
      origin: { setting: 'iamPassword.endpointUrl' },
    });
    assert.deepEqual(configuredEndpoint('', fromProfile), fromProfile);
    assert.equal(configuredEndpoint('', undefined), undefined);
  });
});
