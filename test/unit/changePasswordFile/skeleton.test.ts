import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ChangePasswordFileFormat } from '../../../src/changePasswordFile/fileName';
import { parseChangePasswordFile } from '../../../src/changePasswordFile/parse';
import { SKELETONS } from '../../../src/changePasswordFile/skeleton';
import { AWS_CLI as AWS_CLI_V2 } from '../../emulator/awsCliRunner';
import { span } from './support';

// What `aws iam change-password --generate-cli-skeleton [yaml-input]` printed (AWS CLI 2.9.19), checked with od -c.
const CLI_JSON = '{\n    "OldPassword": "",\n    "NewPassword": ""\n}\n';
const CLI_YAML = "OldPassword: ''  # [REQUIRED] The IAM user's current password.\nNewPassword: '' # [REQUIRED] The new password.\n";

describe('SKELETONS', () => {
  it('prints exactly what AWS CLI v2 prints', () => {
    assert.equal(SKELETONS.json, CLI_JSON);
    assert.equal(SKELETONS.yaml, CLI_YAML);
  });

  it('parses back without problems or values', () => {
    for (const format of ['json', 'yaml'] as const) {
      const text = SKELETONS[format];
      const parsed = parseChangePasswordFile(text, format);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.values, {});
      const empty = format === 'json' ? '""' : "''";
      assert.deepEqual(parsed.valueRanges, { OldPassword: span(text, empty), NewPassword: span(text, empty, 2) });
    }
  });
});

describe('SKELETONS against the installed AWS CLI v2', function () {
  this.timeout(60000);
  const cases: [ChangePasswordFileFormat, string[]][] = [
    ['json', []],
    ['json', ['input']],
    ['yaml', ['yaml-input']],
  ];
  for (const [format, argument] of cases) {
    it(`matches \`aws iam change-password --generate-cli-skeleton ${argument.join(' ')}\` byte for byte`, function () {
      if (!existsSync(AWS_CLI_V2)) {
        assert.notEqual(process.env.CI, 'true', `${AWS_CLI_V2} is missing; under CI=true the live comparison must run`);
        console.warn(`\n      !!! SKIPPED: ${AWS_CLI_V2} not found, the skeleton was NOT compared with the live AWS CLI !!!\n`);
        this.skip();
      }
      const printed = execFileSync(AWS_CLI_V2, ['iam', 'change-password', '--generate-cli-skeleton', ...argument], {
        encoding: 'utf8',
        env: { ...process.env, AWS_PAGER: '' },
      });
      assert.equal(SKELETONS[format], printed);
    });
  }
});

describe('media/change-password.schema.json', () => {
  const schema = JSON.parse(readFileSync(path.join(__dirname, '../../../../media/change-password.schema.json'), 'utf8'));

  it('describes exactly the two parameters, for hover help and completion', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(Object.keys(schema.properties), ['OldPassword', 'NewPassword']);
    for (const property of Object.values(schema.properties) as { description: string; default: string }[]) {
      assert.ok(property.description.length > 0);
      assert.equal(property.default, '', 'completion writes the empty value the flow asks for');
    }
  });

  it("checks nothing: the extension's diagnostics do, so no problem is reported twice", () => {
    const validating = ['type', 'additionalProperties', 'required', 'maxLength', 'minLength', 'pattern', 'enum', 'const', 'propertyNames', 'maxProperties'];
    for (const node of [schema, ...Object.values(schema.properties)] as Record<string, unknown>[]) {
      assert.deepEqual(
        Object.keys(node).filter((key) => validating.includes(key)),
        [],
      );
    }
  });
});
