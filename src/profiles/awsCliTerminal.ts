/** AWS CLI commands for a terminal whose process is `aws` itself: no shell quotes a profile name (cmd.exe, PowerShell and POSIX shells differ). */

/** What vscode.window.createTerminal needs, without its types. */
interface AwsCliTerminal {
  name: string;
  shellPath: 'aws';
  shellArgs: string[];
  env: Record<string, string>;
}

/**
 * AWS_CONFIG_FILE names the profile's own file, which this window's terminals might not read. In a remote window the browser's
 * redirect to 127.0.0.1 cannot reach the machine the CLI runs on, so the CLI shows a code to type in the browser instead.
 */
export function ssoLoginTerminal(profile: string, configFile: string, remoteWindow: boolean): AwsCliTerminal {
  return {
    name: `aws sso login (${profile})`,
    shellPath: 'aws',
    shellArgs: ['sso', 'login', '--profile', profile, ...(remoteWindow ? ['--use-device-code'] : [])],
    env: { AWS_CONFIG_FILE: configFile },
  };
}

export function awsConfigureTerminal(configFile: string, credentialsFile: string): AwsCliTerminal {
  return {
    name: 'aws configure',
    shellPath: 'aws',
    shellArgs: ['configure'],
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
  };
}
