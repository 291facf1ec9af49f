/**
 * The AWS CLI commands the extension runs in a terminal, as argument vectors. The terminal runs
 * `aws` itself (shellPath and shellArgs), with no shell in between, so a profile name reaches the
 * CLI as it is on every platform: cmd.exe, PowerShell and POSIX shells each quote differently.
 * Pure: Switch Profile with no profiles runs aws configure, a failure notification aws sso login.
 */

/** What vscode.window.createTerminal needs, without its types. */
interface AwsCliTerminal {
  /** Named by its command line, untranslated. */
  name: string;
  shellPath: 'aws';
  shellArgs: string[];
  env: Record<string, string>;
}

/**
 * The CLI's browser sign-in for an SSO profile. AWS_CONFIG_FILE names the file the profile came
 * from, so the CLI finds it even when this window's terminals would read another.
 */
export function ssoLoginTerminal(profile: string, configFile: string): AwsCliTerminal {
  return { name: `aws sso login (${profile})`, shellPath: 'aws', shellArgs: ['sso', 'login', '--profile', profile], env: { AWS_CONFIG_FILE: configFile } };
}

/** The CLI's own set-up, writing to the files this window reads. */
export function awsConfigureTerminal(configFile: string, credentialsFile: string): AwsCliTerminal {
  return {
    name: 'aws configure',
    shellPath: 'aws',
    shellArgs: ['configure'],
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
  };
}
