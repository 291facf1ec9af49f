import * as assert from 'node:assert/strict';
import { awsConfigureTerminal, ssoLoginTerminal } from '../../../src/profiles/awsCliTerminal';

describe('the AWS CLI terminals', () => {
  it('runs aws sso login as the terminal process, the profile one argument as it is', () => {
    assert.deepEqual(ssoLoginTerminal('dev', '/home/u/.aws/config', false), {
      name: 'aws sso login (dev)',
      shellPath: 'aws',
      shellArgs: ['sso', 'login', '--profile', 'dev'],
      env: { AWS_CONFIG_FILE: '/home/u/.aws/config' },
    });
  });

  it('adds --use-device-code in a remote window, where the browser cannot reach the redirect to 127.0.0.1', () => {
    assert.deepEqual(ssoLoginTerminal('dev', '/home/u/.aws/config', true).shellArgs, ['sso', 'login', '--profile', 'dev', '--use-device-code']);
  });

  // Each would need different quoting in cmd.exe, PowerShell or a POSIX shell; as an argument it needs none.
  for (const profile of ["o'brien", 'team "blue"', 'a b', '$(whoami)', '%USERPROFILE%', 'x & y', '`date`', 'semi;colon', 'ünïcode']) {
    it(`passes the profile ${profile} untouched`, () => {
      const terminal = ssoLoginTerminal(profile, 'C:\\Users\\u\\.aws\\config', false);
      assert.deepEqual(terminal.shellArgs, ['sso', 'login', '--profile', profile]);
      assert.equal(terminal.env.AWS_CONFIG_FILE, 'C:\\Users\\u\\.aws\\config');
    });
  }

  it('runs aws configure on the files this window reads', () => {
    assert.deepEqual(awsConfigureTerminal('/a b/config', '/a b/credentials'), {
      name: 'aws configure',
      shellPath: 'aws',
      shellArgs: ['configure'],
      env: { AWS_CONFIG_FILE: '/a b/config', AWS_SHARED_CREDENTIALS_FILE: '/a b/credentials' },
    });
  });
});
