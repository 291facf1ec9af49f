import * as assert from 'node:assert/strict';
import { callerFromArn, consoleSignInUrl } from '../../../src/profiles/identity';

const who = callerFromArn;
const classifyArn = (arn: string) => {
  const { kind, name } = callerFromArn(arn);
  return { kind, name };
};

describe('identity', () => {
  it('classifies IAM users, with and without a path', () => {
    assert.deepEqual(classifyArn('arn:aws:iam::123456789012:user/alice'), { kind: 'user', name: 'alice' });
    assert.deepEqual(classifyArn('arn:aws:iam::123456789012:user/dev/team/bob'), { kind: 'user', name: 'bob' });
    assert.deepEqual(classifyArn('arn:aws-us-gov:iam::123456789012:user/carol'), { kind: 'user', name: 'carol' });
  });

  it('classifies root, assumed roles and federated users', () => {
    assert.equal(classifyArn('arn:aws:iam::123456789012:root').kind, 'root');
    assert.deepEqual(classifyArn('arn:aws:sts::123456789012:assumed-role/ReadOnly/session-1'), { kind: 'assumed-role', name: 'ReadOnly' });
    assert.deepEqual(classifyArn('arn:aws:sts::123456789012:federated-user/dave'), { kind: 'federated', name: 'dave' });
    assert.equal(classifyArn('arn:aws:iam::123456789012:role/x').kind, 'other');
  });

  it("opens the console sign-in page of the caller's account in its partition", () => {
    assert.equal(consoleSignInUrl(who('arn:aws:iam::123456789012:user/alice')), 'https://123456789012.signin.aws.amazon.com/console');
    assert.equal(consoleSignInUrl(who('arn:aws-us-gov:iam::123456789012:user/alice')), 'https://123456789012.signin.amazonaws-us-gov.com/console');
    assert.equal(consoleSignInUrl(who('arn:aws-cn:iam::123456789012:user/alice')), 'https://123456789012.signin.amazonaws.cn/console');
    assert.equal(consoleSignInUrl(who('arn:aws-iso:iam::123456789012:user/alice')), undefined);
    assert.equal(consoleSignInUrl({ arn: 'arn:aws:iam::123:user/a', account: '123' }), undefined);
  });
});
