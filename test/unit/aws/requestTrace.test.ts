import * as assert from 'node:assert/strict';
import { errorCode, errorMessage } from '../../../src/aws/requestTrace';

describe('errorCode and errorMessage', () => {
  it('reads the wire code from modelled and unmodelled SDK errors and from Node errors', () => {
    const awsError = Object.assign(new Error('x'), { name: 'InvalidUserTypeException', Code: 'InvalidUserType' });
    assert.equal(errorCode(awsError), 'InvalidUserType');
    assert.equal(errorCode(Object.assign(new Error('x'), { name: 'UnauthorizedException' })), 'UnauthorizedException');
    assert.equal(errorCode(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
    assert.equal(errorCode(new Error('plain')), 'Error');
    assert.equal(errorCode(undefined), 'Error');
  });

  it("prefers a Node code over the SDK's TimeoutError name for a reset socket, but not ETIMEDOUT", () => {
    assert.equal(errorCode(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' })), 'ECONNRESET');
    assert.equal(errorCode(Object.assign(new Error('timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' })), 'TimeoutError');
  });

  it('reads the message of an error, and of anything else thrown', () => {
    assert.equal(errorMessage(new Error('refused')), 'refused');
    assert.equal(errorMessage('a string'), 'a string');
    assert.equal(errorMessage({ message: 42 }), '[object Object]');
  });
});
