/** Who a profile signs in as, from the ARN STS GetCallerIdentity returns. */
import * as l10n from '@vscode/l10n';

type IdentityKind = 'user' | 'root' | 'assumed-role' | 'federated' | 'other';

export interface CallerIdentity {
  account: string;
  arn: string;
  kind: IdentityKind;
  /** IAM user name (without path) for kind 'user'; role or federated name otherwise. */
  name: string;
}

export function rootPasswordHowto(): string {
  return l10n.t(
    'The root user changes its password in the AWS console: sign in as the root user, open Security credentials from the account menu, and edit the console password.',
  );
}

const SIGN_IN_HOSTS: Readonly<Record<string, string>> = {
  aws: 'signin.aws.amazon.com',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
  'aws-cn': 'signin.amazonaws.cn',
};

/** Undefined in partitions without a public sign-in page (the ISO ones). */
export function consoleSignInUrl(identity: Pick<CallerIdentity, 'arn' | 'account'>): string | undefined {
  const host = SIGN_IN_HOSTS[identity.arn.split(':')[1] ?? ''];
  return host && /^\d{12}$/.test(identity.account) ? `https://${identity.account}.${host}/console` : undefined;
}

export function callerFromArn(arn: string): CallerIdentity {
  return { account: arn.split(':')[4] ?? '', arn, ...classifyArn(arn) };
}

function classifyArn(arn: string): { kind: IdentityKind; name: string } {
  // arn:PARTITION:SERVICE::ACCOUNT:RESOURCE
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  if (service === 'iam' && resource === 'root') {
    return { kind: 'root', name: 'root' };
  }
  if (service === 'iam' && resource.startsWith('user/')) {
    const segments = resource.split('/');
    return { kind: 'user', name: segments[segments.length - 1] };
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    return { kind: 'assumed-role', name: resource.split('/')[1] ?? '' };
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) {
    return { kind: 'federated', name: resource.slice('federated-user/'.length) };
  }
  return { kind: 'other', name: resource };
}
