import * as assert from 'node:assert/strict';
import { endpointProblem } from '../../../src/aws/safeEndpoint';

describe('endpointProblem', () => {
  it('allows https anywhere and plain http only to localhost, 127.0.0.1 and [::1], the hosts VS Code never sends through a proxy', () => {
    assert.equal(endpointProblem('https://iam.amazonaws.com'), undefined);
    assert.equal(endpointProblem('http://127.0.0.1:4566'), undefined);
    assert.match(endpointProblem('http://127.10.0.3:80/') ?? '', /plain http to a host other than localhost/);
    assert.match(endpointProblem('http://127.0.0.2:4566') ?? '', /plain http to a host other than localhost/);
    assert.equal(endpointProblem('http://localhost:8080'), undefined);
    assert.equal(endpointProblem('http://[::1]:8080'), undefined);
    assert.match(endpointProblem('http://10.0.0.5:8080') ?? '', /plain http/);
    assert.match(endpointProblem('http://[::ffff:127.0.0.1]:8080') ?? '', /plain http/);
    assert.match(endpointProblem('http://127.0.0.1.evil.example') ?? '', /plain http/);
    assert.match(endpointProblem('ftp://127.0.0.1') ?? '', /not an http/);
    assert.match(endpointProblem('not a url') ?? '', /not a valid URL/);
  });
});
