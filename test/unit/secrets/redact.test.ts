import * as assert from 'node:assert/strict';
import { isSecretName, redactHeaders, hideEchoedSecrets, redactKnownSecrets, redactQueryString, redactResponseBody } from '../../../src/secrets/redact';

const TRICKY = [
  'p&ss=wo+rd%20&x',
  'with space and + plus',
  'Latin-1 \u00ff\u00e9\u00a0 end',
  'line1\nline2\r\n\ttab',
  'quote"back\\slash\'apos',
  "!'()*~-._",
  '&OldPassword=decoy&',
  'a',
];

/** The AWS SDK's form encoding: encodeURIComponent, plus !'()* escaped. */
const sdkEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function assertGone(text: string, secret: string): void {
  for (const form of [secret, encodeURIComponent(secret), sdkEncode(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
    if (form.length > 1) {
      assert.ok(!text.includes(form), `${JSON.stringify(form)} is still in ${JSON.stringify(text)}`);
    }
  }
}

describe('isSecretName', () => {
  it('recognises secret names in any case and separator style', () => {
    for (const name of [
      'OldPassword',
      'NewPassword',
      'password',
      'SecretAccessKey',
      'secretAccessKey',
      'aws_secret_access_key',
      'SessionToken',
      'sessionToken',
      'aws_session_token',
      'x-amz-security-token',
      'TokenCode',
      'Authorization',
      'Cookie',
      'X-Amz-Signature',
      'privateKey',
      'credential_process',
    ]) {
      assert.equal(isSecretName(name), true, name);
    }
  });

  it('leaves names that only look secret alone', () => {
    for (const name of [
      'Action',
      'Version',
      'AccessKeyId',
      'aws_access_key_id',
      'X-Amz-Credential',
      'PasswordPolicy',
      'MinimumPasswordLength',
      'MaxPasswordAge',
      'PasswordReusePrevention',
      'AllowUsersToChangePassword',
      'ExpirePasswords',
      'NextToken',
      'mfa_serial',
      'Expiration',
    ]) {
      assert.equal(isSecretName(name), false, name);
    }
  });
});

describe('redactQueryString', () => {
  it('hides both passwords in a ChangePassword body the way the SDK encodes it, keeping the rest byte-identical', () => {
    for (const oldPassword of TRICKY) {
      const newPassword = `${oldPassword}-new`;
      const body = `Action=ChangePassword&Version=2010-05-08&OldPassword=${sdkEncode(oldPassword)}&NewPassword=${sdkEncode(newPassword)}`;
      const redacted = redactQueryString(body);
      assert.equal(redacted, 'Action=ChangePassword&Version=2010-05-08&OldPassword=***&NewPassword=***');
      assertGone(redacted, oldPassword);
      assertGone(redacted, newPassword);
    }
  });

  it('handles URLSearchParams encoding (+ for space) and keeps the parameter order', () => {
    for (const password of TRICKY) {
      const body = new URLSearchParams([
        ['NewPassword', password],
        ['Action', 'ChangePassword'],
        ['OldPassword', password],
        ['Version', '2010-05-08'],
      ]).toString();
      assert.equal(redactQueryString(body), 'NewPassword=***&Action=ChangePassword&OldPassword=***&Version=2010-05-08');
    }
  });

  it('hides the MFA code and presigned-URL secrets but not the credential scope', () => {
    assert.equal(
      redactQueryString('Action=GetSessionToken&SerialNumber=arn%3Aaws%3Aiam%3A%3A1%3Amfa%2Fme&TokenCode=123456&DurationSeconds=900'),
      'Action=GetSessionToken&SerialNumber=arn%3Aaws%3Aiam%3A%3A1%3Amfa%2Fme&TokenCode=***&DurationSeconds=900',
    );
    assert.equal(
      redactQueryString('X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Security-Token=tok&X-Amz-Signature=abc'),
      'X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Security-Token=***&X-Amz-Signature=***',
    );
  });

  it('recognises a percent-encoded parameter name, and redacts empty values too', () => {
    assert.equal(redactQueryString('Old%50assword=x&NewPassword=&A=b'), 'Old%50assword=***&NewPassword=***&A=b');
  });

  it('leaves bodies without secrets, and malformed pieces, unchanged', () => {
    for (const body of ['', 'Action=GetCallerIdentity&Version=2011-06-15', 'a&&b=%E0%A4%A&=x&c']) {
      assert.equal(redactQueryString(body), body);
    }
  });
});

describe('redactHeaders', () => {
  it('keeps the SigV4 scope and signed headers but hides the signature and the session token', () => {
    const headers = redactHeaders({
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
      'x-amz-security-token': 'IQoJb3JpZ2luX2VjEXAMPLE',
      'x-amz-date': '20240101T000000Z',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': '120',
    });
    assert.deepEqual(headers, {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=***',
      'x-amz-security-token': '***',
      'x-amz-date': '20240101T000000Z',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': '120',
    });
  });

  it('hides other authorization schemes after the scheme name, cookies, and any-case names', () => {
    assert.deepEqual(
      redactHeaders({
        Authorization: 'Bearer abc.def',
        'Proxy-Authorization': 'Basic dXNlcjpwYXNz',
        Cookie: ['a=1', 'b=2'],
        'X-Amz-Security-Token': 'tok',
        Weird: 'opaque',
        Skipped: undefined,
        Accept: ['text/xml', 'application/xml'],
      }),
      {
        Authorization: 'Bearer ***',
        'Proxy-Authorization': 'Basic ***',
        Cookie: '***',
        'X-Amz-Security-Token': '***',
        Weird: 'opaque',
        Accept: 'text/xml, application/xml',
      },
    );
    assert.deepEqual(redactHeaders({ authorization: 'secretvalue' }), { authorization: '***' });
  });
});

describe('redactKnownSecrets', () => {
  it('removes each secret raw, URL-encoded, JSON-escaped and XML-escaped', () => {
    for (const secret of TRICKY.filter((s) => s.length > 1)) {
      const text = [
        `raw: ${secret}`,
        `uri: ${encodeURIComponent(secret)}`,
        `sdk: ${sdkEncode(secret)}`,
        `form: ${new URLSearchParams({ p: secret }).toString()}`,
        `json: ${JSON.stringify({ p: secret })}`,
        `xml: <p>${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')}</p>`,
      ].join(' | ');
      const redacted = redactKnownSecrets(text, [secret]);
      assert.equal(redacted, 'raw: *** | uri: *** | sdk: *** | form: p=*** | json: {"p":"***"} | xml: <p>***</p>', JSON.stringify(secret));
    }
  });

  it('replaces a secret that contains another one whole, and ignores empty secrets', () => {
    assert.equal(redactKnownSecrets('old=Hunter2, new=Hunter2!x', ['Hunter2', 'Hunter2!x', '']), 'old=***, new=***');
    assert.equal(redactKnownSecrets('nothing to hide', ['', '']), 'nothing to hide');
  });

  it('copes with a lone surrogate, which cannot be URL-encoded', () => {
    assert.equal(redactKnownSecrets('x\ud800y', ['\ud800']), 'x***y');
  });

  it('removes each secret however an echoing server escaped it: either hex case, + or %20, numeric and HTML references, \\uXXXX, \\/', () => {
    const secret = "O'Brien & Co/2 \u00e9";
    const ensureAscii = [...secret].map((c) => (/[\w ]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('');
    const forms = [
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      encodeURIComponent(secret).replace(/'/g, '%27'),
      secret
        .replace(/&/g, '&#x26;')
        .replace(/'/g, '&#39;')
        .replace(/\u00e9/, '&#233;'),
      secret.replace(/&/g, '&amp;').replace(/'/g, '&#X27;').replace(/ /g, '&#32;'),
      ensureAscii,
      ensureAscii.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`),
      JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    ];
    for (const form of forms) {
      assert.equal(redactKnownSecrets(`<p>${form}</p>`, [secret]), '<p>***</p>', form);
    }
    assert.equal(redactKnownSecrets('\u00a0&nbsp;&#160;%C2%a0', ['\u00a0\u00a0\u00a0\u00a0']), '***');
  });

  it('leaves a text without the secret, and other casings of its letters, alone', () => {
    assert.equal(redactKnownSecrets('Correct-horse-1 correct-Horse-1', ['Correct-Horse-1']), 'Correct-horse-1 correct-Horse-1');
  });
});

describe('hideEchoedSecrets', () => {
  it('leaves a letters-only password that is a word of the message, so the message does not tell it', () => {
    for (const secret of ['incorrect', 'pass', 'old']) {
      assert.deepEqual(hideEchoedSecrets('The old password is incorrect.', [secret]), { text: 'The old password is incorrect.', hidden: false }, secret);
    }
    assert.deepEqual(hideEchoedSecrets('Account 123456789012 (123456) is not allowed.', ['123456']), {
      text: 'Account 123456789012 (123456) is not allowed.',
      hidden: false,
    });
  });

  it('hides a password that is quoted, next to a parameter name, in markup or encoded', () => {
    const cases: [string, string][] = [
      ["Value 'incorrect' at 'newPassword' failed to satisfy constraint", "Value '***' at 'newPassword' failed to satisfy constraint"],
      ['OldPassword=incorrect&NewPassword=x', 'OldPassword=***&NewPassword=x'],
      ['Action%3DChangePassword%26OldPassword%3Dincorrect%26', 'Action%3DChangePassword%26OldPassword%3D***%26'],
      ['<td>incorrect</td>', '<td>***</td>'],
      ['{"OldPassword":"incorrect"}', '{"OldPassword":"***"}'],
      ['OldPassword: incorrectly', 'OldPassword: incorrectly'],
    ];
    for (const [text, expected] of cases) {
      assert.equal(hideEchoedSecrets(text, ['incorrect']).text, expected, text);
    }
    assert.equal(hideEchoedSecrets("Value 'incorrect' at", ['incorrect']).hidden, true);
  });

  it('always hides a password with more than letters, wherever it is', () => {
    assert.deepEqual(hideEchoedSecrets('Your password Correct-Horse-1 is wrong.', ['Correct-Horse-1']), { text: 'Your password *** is wrong.', hidden: true });
    assert.deepEqual(hideEchoedSecrets('nothing here', ['Correct-Horse-1', '']), { text: 'nothing here', hidden: false });
  });
});

describe('redactResponseBody', () => {
  it('hides the temporary credentials in a GetSessionToken response', () => {
    const body =
      '<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetSessionTokenResult><Credentials>' +
      '<AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>wJalrXUtnFEMI/K7MDENG</SecretAccessKey>' +
      '<SessionToken>IQoJb3JpZ2luX2Vj&amp;xyz</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>' +
      '</Credentials></GetSessionTokenResult></GetSessionTokenResponse>';
    assert.equal(
      redactResponseBody(body),
      '<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetSessionTokenResult><Credentials>' +
        '<AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>***</SecretAccessKey>' +
        '<SessionToken>***</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>' +
        '</Credentials></GetSessionTokenResult></GetSessionTokenResponse>',
    );
  });

  it('handles prefixes, attributes and CDATA', () => {
    assert.equal(
      redactResponseBody('<a:SessionToken id="1"><![CDATA[tok<en]]></a:SessionToken><a:Arn>arn</a:Arn>'),
      '<a:SessionToken id="1">***</a:SessionToken><a:Arn>arn</a:Arn>',
    );
  });

  it('leaves a password policy and an error response as they are', () => {
    const policy =
      '<GetAccountPasswordPolicyResponse><GetAccountPasswordPolicyResult><PasswordPolicy><MinimumPasswordLength>14</MinimumPasswordLength>' +
      '<RequireSymbols>true</RequireSymbols><AllowUsersToChangePassword>true</AllowUsersToChangePassword><PasswordReusePrevention>5</PasswordReusePrevention>' +
      '</PasswordPolicy></GetAccountPasswordPolicyResult></GetAccountPasswordPolicyResponse>';
    assert.equal(redactResponseBody(policy), policy);
    const error =
      '<ErrorResponse><Error><Type>Sender</Type><Code>PasswordPolicyViolation</Code><Message>Password should have at least one symbol</Message></Error></ErrorResponse>';
    assert.equal(redactResponseBody(error), error);
  });

  it('hides secret members of a JSON body', () => {
    assert.equal(
      redactResponseBody(
        '{"Credentials": {"AccessKeyId": "ASIA", "SecretAccessKey": "wJ\\"al", "SessionToken" : "tok", "Expiration": 1700000000}, "password": 1234}',
      ),
      '{"Credentials": {"AccessKeyId": "ASIA", "SecretAccessKey": "***", "SessionToken" : "***", "Expiration": 1700000000}, "password": "***"}',
    );
  });
});
