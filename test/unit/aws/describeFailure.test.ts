import * as assert from 'node:assert/strict';
import { MfaCancelledError, SessionFailure, ErrorContext } from '../../../src/aws/sessionFailure';
import { cliErrorLine, describeError } from '../../../src/aws/describeFailure';
import { AttemptRecord, CallRecord, CallRole, wasNeverWritten } from '../../../src/aws/requestTrace';

const IAM = 'https://iam.amazonaws.com';
const ctx: ErrorContext = {
  profile: 'alice',
  configFile: '/home/u/.aws/config',
  endpoints: [
    { url: IAM, signingRegion: 'us-east-1', source: 'the AWS endpoint for region us-east-1' },
    { url: 'https://sts.us-east-1.amazonaws.com', signingRegion: 'us-east-1', source: 'the AWS endpoint for region us-east-1' },
  ],
  connectTimeoutSeconds: 60,
  readTimeoutSeconds: 60,
};

/** An SDK service exception: modelled ones are named CodeException, and every one carries the wire Code. */
function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    Code: name.replace(/Exception$/, ''),
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

function netError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

const answered = (status: number): AttemptRecord => ({ written: true, status });
const unanswered = (code: string): AttemptRecord => ({ written: true, transportError: { code, message: code } });
const neverWritten = (code: string): AttemptRecord => ({ written: false, transportError: { code, message: code } });

function call(action: string, attempts: AttemptRecord[], role: CallRole = 'operation', origin = IAM): CallRecord {
  return { action, role, origin, attempts };
}

function change(error: Error, attempts: AttemptRecord[] = [answered(400)]): SessionFailure {
  return new SessionFailure('ChangePassword', error, [call('ChangePassword', attempts)]);
}

describe('error mapping', () => {
  it('writes the CLI line, with the retry count when retried', () => {
    assert.equal(
      cliErrorLine('InvalidUserType', 'ChangePassword', 'no', 1),
      'An error occurred (InvalidUserType) when calling the ChangePassword operation: no',
    );
    assert.equal(
      cliErrorLine('Throttling', 'ChangePassword', 'Rate exceeded', 3),
      'An error occurred (Throttling) when calling the ChangePassword operation (reached max retries: 2): Rate exceeded',
    );
  });

  it('PasswordPolicyViolation: quotes the rule and says nothing changed', () => {
    const r = describeError(change(awsError('PasswordPolicyViolation', 'Password should have at least one uppercase letter')), ctx);
    assert.match(r.title, /at least one uppercase letter/);
    assert.equal(r.outcome, 'notChanged');
    assert.deepEqual(r.actions, ['showLogs']);
    assert.equal(
      r.cliLine,
      'An error occurred (PasswordPolicyViolation) when calling the ChangePassword operation: Password should have at least one uppercase letter',
    );
  });

  it('InvalidUserType: root credentials, and where root changes its password', () => {
    const r = describeError(change(awsError('InvalidUserTypeException', 'root')), ctx);
    assert.match(r.title, /root user/);
    assert.match(r.detail, /Security credentials/);
    assert.ok(r.actions.includes('switchProfile'));
  });

  it('NoSuchEntity: no console password, an administrator must create one', () => {
    const r = describeError(change(awsError('NoSuchEntityException', 'Login Profile for User bob cannot be found.', 404)), ctx);
    assert.match(r.title, /no console password/);
    assert.match(r.detail, /create-login-profile/);
  });

  it('LimitExceeded and EntityTemporarilyUnmodifiable say to wait', () => {
    assert.match(describeError(change(awsError('LimitExceededException', 'x', 409)), ctx).detail, /Wait/);
    const r = describeError(change(awsError('EntityTemporarilyUnmodifiableException', 'x', 409)), ctx);
    assert.match(r.detail, /try again in a few minutes/);
    assert.ok(r.actions.includes('retry'));
  });

  it('AccessDenied on ChangePassword in other words: quotes AWS, names the permission and the wrong-password case', () => {
    const r = describeError(change(awsError('AccessDenied', 'User is not authorized', 403)), ctx);
    assert.match(r.title, /\(AccessDenied\): User is not authorized$/);
    assert.match(
      r.detail,
      /iam:ChangePassword, from the account's setting that lets users change their own password or from a policy \(such as the managed IAMUserChangePassword\)/,
    );
    assert.match(r.detail, /current password may be wrong/);
    assert.equal(r.outcome, 'notChanged');
  });

  it('AccessDenied on ChangePassword says an expired password is not the cause, and can be changed here', () => {
    for (const message of [
      'User is not authorized',
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ChangePassword because no identity-based policy allows the iam:ChangePassword action',
    ]) {
      const r = describeError(change(awsError('AccessDenied', message, 403)), ctx);
      assert.match(
        r.detail,
        /An expired console password is not the cause: with iam:ChangePassword and access keys it can be changed here, even under hard expiry\./,
      );
    }
  });

  for (const code of ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken']) {
    it(`${code}: a credentials problem, offering Switch Profile`, () => {
      const r = describeError(new SessionFailure('GetCallerIdentity', awsError(code, 'refused', 403), [call('GetCallerIdentity', [answered(403)])]), ctx);
      assert.match(r.title, /credentials of profile alice/);
      assert.deepEqual(r.actions, ['switchProfile', 'showLogs']);
    });
  }

  it('an expired SSO token offers aws sso login for the profile', () => {
    const err = Object.assign(
      new Error(
        'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      { name: 'CredentialsProviderError' },
    );
    const r = describeError(new SessionFailure('GetCallerIdentity', err, []), ctx);
    assert.ok(r.actions.includes('ssoLogin'));
    assert.match(r.detail, /aws sso login --profile alice/);
  });

  it('connection refused and DNS failures name the endpoint and where it came from', () => {
    const local = 'http://127.0.0.1:9';
    const refused = describeError(
      new SessionFailure('GetCallerIdentity', netError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), [
        call('GetCallerIdentity', [neverWritten('ECONNREFUSED')], 'operation', local),
      ]),
      { ...ctx, endpoints: [{ url: local, signingRegion: 'us-east-1', source: 'the iamPassword.endpointUrl setting' }] },
    );
    assert.match(refused.title, /http:\/\/127\.0\.0\.1:9.*connection refused/);
    assert.match(refused.detail, /iamPassword\.endpointUrl setting/);
    assert.equal(refused.setting, 'iamPassword.endpointUrl');
    const dns = describeError(new SessionFailure('GetCallerIdentity', netError('ENOTFOUND'), [call('GetCallerIdentity', [neverWritten('ENOTFOUND')])]), ctx);
    assert.match(dns.title, /iam\.amazonaws\.com not found/);
  });

  it('a TLS failure names the caBundle setting', () => {
    const r = describeError(
      new SessionFailure('GetCallerIdentity', netError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), [
        call('GetCallerIdentity', [neverWritten('SELF_SIGNED_CERT_IN_CHAIN')]),
      ]),
      ctx,
    );
    assert.equal(r.setting, 'iamPassword.caBundle');
    assert.match(r.detail, /AWS_CA_BUNDLE/);
  });

  it('a connect timeout points at connectTimeoutSeconds, and nothing changed', () => {
    const err = Object.assign(new Error('the request socket did not establish a connection with the server within the configured timeout of 5000 ms.'), {
      name: 'TimeoutError',
    });
    assert.equal(wasNeverWritten(err), true);
    const r = describeError(change(err, [neverWritten('TimeoutError')]), { ...ctx, connectTimeoutSeconds: 5 });
    assert.equal(r.setting, 'iamPassword.connectTimeoutSeconds');
    assert.match(r.title, /no connection within 5 s/);
    assert.equal(r.outcome, 'notChanged');
  });

  it('a read timeout after the request was sent: the change may have happened', () => {
    const err = Object.assign(new Error('a request has exceeded the configured 2000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    const r = describeError(change(err, [unanswered('TimeoutError')]), ctx);
    assert.equal(r.outcome, 'mayHaveChanged');
    assert.match(r.title, /may have happened/);
    assert.match(r.detail, /NEW password/);
    assert.doesNotMatch(`${r.title} ${r.detail}`, /not changed|failed/i);
  });

  it('a reset connection on ChangePassword: the change may have happened', () => {
    const r = describeError(change(netError('ECONNRESET', 'socket hang up'), [unanswered('ECONNRESET')]), ctx);
    assert.equal(r.outcome, 'mayHaveChanged');
  });

  it('ChangePassword: only IAM\'s own 4xx on the one written attempt says "not changed"', () => {
    const cases: [string, Error, AttemptRecord[], 'notChanged' | 'mayHaveChanged'][] = [
      ['AWS 4xx', awsError('AccessDenied', 'denied', 403), [answered(403)], 'notChanged'],
      ['AWS 4xx after a refused first attempt', awsError('Throttling', 'Rate exceeded'), [neverWritten('ECONNREFUSED'), answered(400)], 'notChanged'],
      [
        "a 4xx page that is not AWS's",
        Object.assign(new Error('Unknown'), { name: 'Unknown', $metadata: { httpStatusCode: 403 } }),
        [answered(403)],
        'mayHaveChanged',
      ],
      ['AWS 5xx', awsError('ServiceFailureException', 'internal', 500), [answered(500)], 'mayHaveChanged'],
      ['a gateway 502', Object.assign(new Error('Unknown'), { name: 'Unknown', $metadata: { httpStatusCode: 502 } }), [answered(502)], 'mayHaveChanged'],
      ['no answer', netError('ECONNRESET'), [unanswered('ECONNRESET')], 'mayHaveChanged'],
      [
        'two written attempts (never sent so; the second says nothing of the first)',
        awsError('AccessDenied', 'denied', 403),
        [unanswered('ECONNRESET'), answered(403)],
        'mayHaveChanged',
      ],
    ];
    for (const [name, error, attempts, outcome] of cases) {
      const r = describeError(change(error, attempts), ctx);
      assert.equal(r.outcome, outcome, name);
      if (outcome === 'mayHaveChanged') {
        assert.match(r.title, /^The change may have happened/, name);
        assert.doesNotMatch(`${r.title} ${r.detail}`, /not changed|Nothing was sent/i, name);
      }
    }
  });

  it('a refused AssumeRole with an MFA message: the code was not accepted, ChangePassword not sent', () => {
    const err = new SessionFailure(
      'GetCallerIdentity',
      awsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403),
      [call('AssumeRole', [answered(403)], 'credentials', 'https://sts.us-east-1.amazonaws.com')],
    );
    const r = describeError(err, ctx);
    assert.equal(r.title, 'The MFA code was not accepted (AssumeRole: AccessDenied).');
    assert.match(r.detail, /was not sent/);
    assert.equal(
      r.cliLine,
      'An error occurred (AccessDenied) when calling the AssumeRole operation: MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
  });

  it('an unreadable 200 reply to ChangePassword: may have changed, not "changed"', () => {
    const err = Object.assign(new Error('Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), {
      name: 'SyntaxError',
    });
    const r = describeError(change(err, [answered(200)]), ctx);
    assert.equal(r.outcome, 'mayHaveChanged');
    assert.match(r.title, /answered HTTP 200, but not with IAM's reply/);
  });

  it('an unreadable reply to another call: not an AWS endpoint?', () => {
    const err = Object.assign(new Error('Deserialization error'), { name: 'SyntaxError' });
    const r = describeError(new SessionFailure('GetCallerIdentity', err, [call('GetCallerIdentity', [answered(200)])]), ctx);
    assert.match(r.title, /could not be read/);
  });

  it('ServiceFailure and Throttling after retries count the attempts', () => {
    const policy = new SessionFailure('GetAccountPasswordPolicy', awsError('ServiceFailureException', 'internal', 500), [
      call('GetAccountPasswordPolicy', [answered(500), answered(500), answered(500)]),
    ]);
    const r = describeError(policy, ctx);
    assert.match(r.title, /failing \(ServiceFailure\).*\(attempts: 3\)/);
    assert.match(r.cliLine, /reached max retries: 2/);
    assert.equal(r.outcome, 'notChanged');
    const t = describeError(
      new SessionFailure('GetCallerIdentity', awsError('Throttling', 'Rate exceeded'), [call('GetCallerIdentity', [answered(400), answered(400)])]),
      ctx,
    );
    assert.match(t.title, /throttling/);
  });

  it('a cancelled MFA prompt is a cancellation: nothing was sent', () => {
    const failure = new SessionFailure('GetCallerIdentity', new MfaCancelledError(), []);
    assert.equal(failure.kind, 'cancelled');
    assert.equal(new SessionFailure('GetCallerIdentity', new Error('x'), []).kind, 'credentials');
    const r = describeError(failure, ctx);
    assert.match(r.detail, /Nothing was sent/);
    assert.deepEqual(r.actions, []);
  });

  it('the SSO portal refusing the token offers aws sso login; refusing the role does not', () => {
    const portal = 'https://portal.sso.eu-west-1.amazonaws.com';
    const refused = (status: number): SessionFailure =>
      new SessionFailure('GetCallerIdentity', Object.assign(new Error('refused'), { name: 'CredentialsProviderError' }), [
        call('GetRoleCredentials', [answered(status)], 'credentials', portal),
      ]);
    assert.ok(describeError(refused(401), ctx).actions.includes('ssoLogin'));
    const noAccess = describeError(refused(403), ctx);
    assert.ok(!noAccess.actions.includes('ssoLogin'));
    assert.match(noAccess.detail, /No access/);
  });

  it('the call that failed is named in the CLI line, and its own endpoint in the message', () => {
    const sts = 'https://sts.us-east-1.amazonaws.com';
    const failure = new SessionFailure('ChangePassword', netError('ECONNREFUSED'), [call('AssumeRole', [neverWritten('ECONNREFUSED')], 'credentials', sts)]);
    assert.equal(failure.failedAction, 'AssumeRole');
    assert.equal(failure.kind, 'transport');
    assert.equal(failure.outcome, 'notChanged');
    const r = describeError(failure, ctx);
    assert.match(r.title, /Could not reach https:\/\/sts\.us-east-1\.amazonaws\.com/);
    assert.match(r.cliLine, /when calling the AssumeRole operation/);
  });

  it('an SDK configuration error is a configuration failure: nothing was sent', () => {
    const failure = new SessionFailure(
      'GetCallerIdentity',
      Object.assign(new Error('Invalid Configuration: FIPS and custom endpoint are not supported'), { name: 'EndpointError' }),
      [],
    );
    assert.equal(failure.kind, 'configuration');
    assert.match(describeError(failure, ctx).detail, /Nothing was sent/);
  });

  it('an explicit deny when the profile already signs with MFA: another policy, ask an administrator', () => {
    const denied = awsError(
      'AccessDenied',
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ChangePassword on resource: arn:aws:iam::123456789012:user/alice with an explicit deny in an identity-based policy',
      403,
    );
    const withMfa = describeError(change(denied, [answered(403)]), { ...ctx, mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' });
    assert.match(withMfa.detail, /another policy denies iam:ChangePassword/);
    assert.doesNotMatch(withMfa.detail, /mfa_serial =/);
    const withoutMfa = describeError(change(denied, [answered(403)]), {
      ...ctx,
      caller: { account: '123456789012', arn: 'arn:aws-us-gov:iam::123456789012:user/alice', name: 'alice' },
    });
    assert.match(withoutMfa.detail, /mfa_serial = arn:aws-us-gov:iam::123456789012:mfa\/DEVICE_NAME: the device/);
  });

  it('a change that may have happened offers the console sign-in page', () => {
    assert.deepEqual(describeError(change(netError('ECONNRESET'), [unanswered('ECONNRESET')]), ctx).actions, ['openConsoleSignIn', 'showLogs']);
    assert.deepEqual(describeError(change(awsError('AccessDenied', 'x', 403), [unanswered('ECONNRESET'), answered(403)]), ctx).actions, [
      'openConsoleSignIn',
      'showLogs',
    ]);
    assert.ok(!describeError(change(awsError('AccessDenied', 'x', 403)), ctx).actions.includes('openConsoleSignIn'));
  });
});
