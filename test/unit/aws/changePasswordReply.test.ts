import * as assert from 'node:assert/strict';
import { isChangePasswordResponse } from '../../../src/aws/changePasswordReply';

const IAM_REPLY =
  '<ChangePasswordResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>\n</ChangePasswordResponse>\n';

describe('isChangePasswordResponse', () => {
  it("takes IAM's reply, after a byte order mark, an XML declaration, comments and blanks", () => {
    for (const prefix of ['', '\uFEFF', '<?xml version="1.0" encoding="UTF-8"?>\n', '<!-- a -->\n<!---->', '\uFEFF <?xml version="1.0"?> <!-- x --> ']) {
      assert.ok(isChangePasswordResponse(prefix + IAM_REPLY), JSON.stringify(prefix));
    }
  });

  it('refuses any other 2xx body', () => {
    for (const body of [
      '',
      '<Foo/>',
      '<html><body>Sign in to the Wi-Fi</body></html>',
      '<ChangePasswordResponseX/>',
      'text <ChangePasswordResponse>',
      '<!-- <ChangePasswordResponse> -->',
    ]) {
      assert.equal(isChangePasswordResponse(body), false, body);
    }
  });

  it('reads a hostile body in linear time: many comments, then no reply (exponential with a nested-quantifier regex)', function () {
    this.timeout(2000);
    assert.equal(isChangePasswordResponse(`${'<!---->'.repeat(100_000)}<Foo/>`), false);
    assert.equal(isChangePasswordResponse(`${'<!--'.repeat(100_000)}`), false);
    assert.equal(isChangePasswordResponse(`${'<!---->'.repeat(100_000)}${IAM_REPLY}`), true);
  });
});
