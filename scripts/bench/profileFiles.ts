import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GeneratedProfiles {
  configFile: string;
  credentialsFile: string;
  count: number;
  bytes: number;
}

/**
 * An AWS config + credentials pair with `count` profiles, mixed like a large organisation's:
 * 7 in 10 static keys, 2 in 10 roles sourced from a static profile (some with MFA), 1 in 10 SSO
 * through a shared sso-session.
 */
export function writeProfileFiles(dir: string, count: number): GeneratedProfiles {
  fs.mkdirSync(dir, { recursive: true });
  const config: string[] = ['[sso-session corp]', 'sso_start_url = https://corp.awsapps.example/start', 'sso_region = eu-west-1', ''];
  const credentials: string[] = [];
  const name = (i: number): string => `p${String(i).padStart(5, '0')}`;
  for (let i = 0; i < count; i++) {
    const kind = i % 10;
    if (kind < 7) {
      config.push(`[profile ${name(i)}]`, `region = ${i % 2 === 0 ? 'us-east-1' : 'eu-west-1'}`, 'output = json', '');
      credentials.push(
        `[${name(i)}]`,
        `aws_access_key_id = AKIA${String(i).padStart(16, '0')}`,
        `aws_secret_access_key = ${'s'.repeat(30)}${String(i).padStart(10, '0')}`,
        '',
      );
    } else if (kind < 9) {
      const source = name(i - kind);
      config.push(`[profile ${name(i)}]`, `role_arn = arn:aws:iam::123456789012:role/Role${i}`, `source_profile = ${source}`);
      if (kind === 8) {
        config.push('mfa_serial = arn:aws:iam::123456789012:mfa/someone');
      }
      config.push('region = us-east-1', '');
    } else {
      config.push(`[profile ${name(i)}]`, 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Developer', 'region = eu-west-1', '');
    }
  }
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  const configText = config.join('\n');
  const credentialsText = credentials.join('\n');
  fs.writeFileSync(configFile, configText, { mode: 0o600 });
  fs.writeFileSync(credentialsFile, credentialsText, { mode: 0o600 });
  return { configFile, credentialsFile, count, bytes: Buffer.byteLength(configText) + Buffer.byteLength(credentialsText) };
}
