/** AWS CLI commands for a terminal whose process is `aws` itself: no shell quotes a profile name (cmd.exe, PowerShell and POSIX shells differ). */

/** What vscode.window.createTerminal needs, without its types. */
interface AwsCliTerminal {
  name: string;
  shellPath: 'aws';
  shellArgs: string[];
  env: Record<string, string>;
}

/** AWS_CONFIG_FILE names the profile's own file, which this window's terminals might not read. */
export function ssoLoginTerminal(profile: string, configFile: string): AwsCliTerminal {
  return { name: `aws sso login (${profile})`, shellPath: 'aws', shellArgs: ['sso', 'login', '--profile', profile], env: { AWS_CONFIG_FILE: configFile } };
}

export function awsConfigureTerminal(configFile: string, credentialsFile: string): AwsCliTerminal {
  return {
    name: 'aws configure',
    shellPath: 'aws',
    shellArgs: ['configure'],
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
  };
}
