/**
 * The IAM Identity Center portal's GetRoleCredentials (GET /federation/credentials), the one call
 * the SDK's SSO credential provider makes: a bearer token from `aws sso login` in, role keys out.
 * REST-JSON, not the Query protocol, and no SigV4: the token is the credential.
 */
import type http from 'node:http';
import type { AccountState } from './state';

export const SSO_CREDENTIALS_PATH = '/federation/credentials';

export interface SsoPortalResponse {
  status: number;
  /** 'Success' or the error type. */
  outcome: string;
  headers: Record<string, string>;
  body: string;
  caller?: string;
}

function portalError(status: number, type: string, message: string): SsoPortalResponse {
  return {
    status,
    outcome: type,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': `${type}:` },
    body: JSON.stringify({ message }),
  };
}

export function getRoleCredentials(state: AccountState, request: http.IncomingMessage, url: URL): SsoPortalResponse {
  const roleName = url.searchParams.get('role_name');
  const accountId = url.searchParams.get('account_id');
  const bearer = request.headers['x-amz-sso_bearer_token'];
  if (request.method !== 'GET' || !roleName || !accountId || typeof bearer !== 'string') {
    return portalError(400, 'InvalidRequestException', 'role_name, account_id and the x-amz-sso_bearer_token header are required.');
  }
  const token = state.ssoAccessToken(bearer);
  if (!token) {
    return portalError(401, 'UnauthorizedException', 'Session token not found or invalid');
  }
  const role = state.role(roleName);
  if (accountId !== state.accountId || !role?.ssoAssignable) {
    return portalError(403, 'ForbiddenException', 'No access');
  }
  const principal = { type: 'assumed-role', roleName, sessionName: token.userName } as const;
  const session = state.createSession(principal, { durationSeconds: role.maxSessionDurationSeconds });
  return {
    status: 200,
    outcome: 'Success',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      roleCredentials: {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        expiration: session.expiration.getTime(),
      },
    }),
    caller: state.identityOf(principal).arn,
  };
}
