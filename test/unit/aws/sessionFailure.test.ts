import * as assert from 'node:assert/strict';
import { MfaCancelledError, SessionFailure } from '../../../src/aws/sessionFailure';
import type { AttemptRecord, CallRecord, CallRole } from '../../../src/aws/requestTrace';

const IAM = 'https://iam.amazonaws.com';

function call(action: string, attempts: AttemptRecord[], role: CallRole = 'operation'): CallRecord {
  return { action, role, origin: IAM, attempts };
}

function awsError(code: string, message = code): Error {
  return Object.assign(new Error(message), { name: code, Code: code });
}

describe('SessionFailure', () => {
  it('tells the kind of failure from the last attempt of the failed call, or from the error before any request', () => {
    const cases: [string, unknown, CallRecord[], SessionFailure['kind']][] = [
      ['a cancelled MFA prompt', new MfaCancelledError(), [], 'cancelled'],
      ['an aborted send', Object.assign(new Error('aborted'), { name: 'AbortError' }), [call('ChangePassword', [{ written: true }])], 'cancelled'],
      [
        'no answer',
        new Error('reset'),
        [call('GetCallerIdentity', [{ written: true, transportError: { code: 'ECONNRESET', message: 'reset' } }])],
        'transport',
      ],
      ['an error status', awsError('AccessDenied'), [call('GetCallerIdentity', [{ written: true, status: 403 }])], 'service'],
      ['a 2xx the SDK could not read', new Error('Deserialization error'), [call('GetCallerIdentity', [{ written: true, status: 200 }])], 'unreadable'],
      ['an endpoint the SDK refused', Object.assign(new Error('FIPS and custom endpoint'), { name: 'EndpointError' }), [], 'configuration'],
      ['no region', new Error('Region is missing'), [], 'configuration'],
      ['no credentials', new Error('Could not load credentials from any providers'), [], 'credentials'],
    ];
    for (const [name, cause, calls, kind] of cases) {
      assert.equal(new SessionFailure('GetCallerIdentity', cause, calls).kind, kind, name);
    }
  });

  it('names the failed call: the last one made, else the operation', () => {
    const assumeRole = call('AssumeRole', [{ written: true, status: 403 }], 'credentials');
    const failure = new SessionFailure('GetCallerIdentity', awsError('AccessDenied'), [assumeRole]);
    assert.equal(failure.failedCall, assumeRole);
    assert.equal(failure.failedAction, 'AssumeRole');
    assert.equal(failure.code, 'AccessDenied');
    assert.equal(new SessionFailure('GetCallerIdentity', new Error('no keys'), []).failedAction, 'GetCallerIdentity');
  });

  it('says "may have changed" only for a ChangePassword that left this machine without IAM refusing it', () => {
    const reset: AttemptRecord = { written: true, transportError: { code: 'ECONNRESET', message: 'reset' } };
    assert.equal(new SessionFailure('ChangePassword', new Error('reset'), [call('ChangePassword', [reset])]).outcome, 'mayHaveChanged');
    assert.equal(new SessionFailure('GetAccountPasswordPolicy', new Error('reset'), [call('GetAccountPasswordPolicy', [reset])]).outcome, 'notChanged');
    const refused: AttemptRecord = { written: false, transportError: { code: 'ECONNREFUSED', message: 'refused' } };
    assert.equal(new SessionFailure('ChangePassword', new Error('refused'), [call('ChangePassword', [refused])]).outcome, 'notChanged');
    const denied = call('ChangePassword', [{ written: true, status: 403 }]);
    assert.equal(new SessionFailure('ChangePassword', awsError('AccessDenied'), [denied]).outcome, 'notChanged');
    const credentialsOnly = call('AssumeRole', [reset], 'credentials');
    assert.equal(new SessionFailure('ChangePassword', new Error('reset'), [credentialsOnly]).outcome, 'notChanged', 'ChangePassword itself was never sent');
  });
});
