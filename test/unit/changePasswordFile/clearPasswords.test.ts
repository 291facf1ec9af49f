import * as assert from 'node:assert/strict';
import { clearPasswords } from '../../../src/changePasswordFile/clearPasswords';
import { parseChangePasswordFile } from '../../../src/changePasswordFile/parse';
import { SKELETONS } from '../../../src/changePasswordFile/skeleton';

describe('clearPasswords', () => {
  it('empties both JSON values and leaves every other byte alone', () => {
    const text = '\uFEFF// keep me\r\n{\r\n  "NewPassword": "n\\"ew", /* c */\r\n  "Bogus": "stay",\r\n  "OldPassword": 12345678,\r\n}\r\n';
    assert.equal(clearPasswords(text, 'json'), '\uFEFF// keep me\r\n{\r\n  "NewPassword": "", /* c */\r\n  "Bogus": "stay",\r\n  "OldPassword": "",\r\n}\r\n');
  });

  it('empties both YAML values and leaves comments, quotes style aside, untouched', () => {
    const text = "---\n# top\nOldPassword: plain secret # keep\nNewPassword: 'it''s'  # [REQUIRED] The new password.\nOther: z\n";
    assert.equal(clearPasswords(text, 'yaml'), "---\n# top\nOldPassword: '' # keep\nNewPassword: ''  # [REQUIRED] The new password.\nOther: z\n");
  });

  it('clears every occurrence of a duplicated key and non-string values too', () => {
    assert.equal(clearPasswords('OldPassword: a\nOldPassword: 123\nNewPassword: ~\n', 'yaml'), "OldPassword: ''\nOldPassword: ''\nNewPassword: ''\n");
    assert.equal(clearPasswords('{"OldPassword": "a", "OldPassword": {"x": "b"}}', 'json'), '{"OldPassword": "", "OldPassword": ""}');
  });

  it('leaves a skeleton as it is, and a cleared file holds no passwords', () => {
    for (const format of ['json', 'yaml'] as const) {
      assert.equal(clearPasswords(SKELETONS[format], format), SKELETONS[format]);
    }
    const filled = '{\n    "OldPassword": "old&secret",\n    "NewPassword": "N3w!Secret\\u00e9"\n}\n';
    const cleared = clearPasswords(filled, 'json');
    assert.equal(cleared, SKELETONS.json);
    assert.deepEqual(parseChangePasswordFile(cleared, 'json').values, {});
  });

  it('still clears the values it can read in a file with a later syntax error', () => {
    assert.equal(clearPasswords('{"OldPassword": "a", "NewPassword": "b" oops', 'json'), '{"OldPassword": "", "NewPassword": "" oops');
    assert.equal(clearPasswords('OldPassword: a\nNewPassword: [b]\n', 'yaml'), "OldPassword: ''\nNewPassword: [b]\n");
  });
});
