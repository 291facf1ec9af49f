// What each failure is called and what to do, by AWS code, Node code and credential-chain failure; AWS's and Node's messages are quoted as they came.
import * as l10n from '@vscode/l10n';
import { rootPasswordHowto } from '../profiles/identity';
import { CONNECT_TIMEOUT_TEXT, TLS_ERROR_CODES, UNREACHABLE_CODES } from './requestTrace';
import type { Describe, Description, ErrorAction, ErrorContext, Facts } from './sessionFailure';

const SWITCH: ErrorAction[] = ['switchProfile', 'showLogs'];

const credentialsRefused: Describe = ({ code, message, ctx, failure }) =>
  // IAM refuses any call signed with a GetSessionToken session made without MFA, as a bad token, while STS takes the same keys.
  code === 'InvalidClientTokenId' && ctx.sessionKeys && failure.failedCall?.role === 'operation' && failure.failedAction !== 'GetCallerIdentity'
    ? {
        actions: SWITCH,
        title: l10n.t('IAM refuses the session keys of profile {0} ({1}).', ctx.profile, code),
        detail: l10n.t(
          "These are temporary keys (aws_session_token), as session tools such as aws-vault hand out; IAM refuses every call made with a session that was started without MFA, while STS accepts it. Start the session with MFA (for aws-vault: add mfa_serial to the profile), or use the user's long-term keys (aws-vault's --no-session).",
        ),
      }
    : {
        actions: SWITCH,
        title: l10n.t('The credentials of profile {0} were refused or could not be loaded ({1}).', ctx.profile, code),
        detail: `${message} ${l10n.t("Check the profile's keys (aws configure --profile {0}) or switch to another profile.", ctx.profile)}`,
      };

export const awsFailing: Describe = ({ code, operation, attempts }) => ({
  actions: ['retry', 'showLogs'],
  title: /thrott|limit|many/i.test(code)
    ? l10n.t('AWS is throttling requests ({0}) and {1} did not succeed (attempts: {2}).', code, operation, attempts)
    : l10n.t('AWS is failing ({0}) and {1} did not succeed (attempts: {2}).', code, operation, attempts),
  detail: l10n.t('Your password was not changed. Try again in a minute.'),
});

// AWS error codes answered to the operation itself (IAM's modelled errors, what STS and IAM say of credentials); any other 5xx is awsFailing.
export const SERVICE_ERRORS: Readonly<Record<string, Describe>> = {
  PasswordPolicyViolation: ({ message }) => ({
    title: l10n.t({ message: "The new password does not meet the account's password policy: {0}", args: [message], comment: "{0} is IAM's own message" }),
    detail: l10n.t('Your password was not changed. Choose a password that meets every rule (the Generate button makes one).'),
  }),
  InvalidUserType: () => ({
    actions: SWITCH,
    title: l10n.t('These are root user credentials, and ChangePassword only works for IAM users.'),
    detail: rootPasswordHowto(),
  }),
  // Only ChangePassword can meet it: GetAccountPasswordPolicy's NoSuchEntity means AWS's default policy (awsSession.ts).
  NoSuchEntity: () => ({
    title: l10n.t('This IAM user has no console password (no login profile).'),
    detail: l10n.t(
      'An administrator must enable console access for the user first (IAM console: Users > the user > Security credentials > Enable console access, or aws iam create-login-profile).',
    ),
  }),
  LimitExceeded: () => ({
    title: l10n.t('IAM refused: too many attempts to change this password.'),
    detail: l10n.t('Your password was not changed. Wait a while (IAM blocks further attempts for a time), then try again with the right current password.'),
  }),
  EntityTemporarilyUnmodifiable: () => ({
    actions: ['retry', 'showLogs'],
    title: l10n.t('IAM cannot change this user right now (EntityTemporarilyUnmodifiable).'),
    detail: l10n.t('The user is being changed or deleted by another request. Your password was not changed; try again in a few minutes.'),
  }),
  // Only ChangePassword can meet it: the policy call reads it as an unknown policy, GetCallerIdentity is never denied.
  AccessDenied: changePasswordDenied,
  InvalidClientTokenId: credentialsRefused,
  SignatureDoesNotMatch: credentialsRefused,
  ExpiredToken: credentialsRefused,
  InvalidAccessKeyId: credentialsRefused,
  UnrecognizedClient: credentialsRefused,
  IncompleteSignature: credentialsRefused,
  MissingAuthenticationToken: credentialsRefused,
  Throttling: awsFailing,
  RequestLimitExceeded: awsFailing,
};

// AccessDenied on ChangePassword, told apart by AWS's own words: IAM gives the same code to a wrong current password, a missing permission and a deny.
function changePasswordDenied({ message, ctx }: Facts): Description {
  const notChanged = l10n.t('Your password was not changed.');
  // "... with an explicit deny in an identity-based policy": most often a policy that denies all but a few actions without MFA.
  if (/with an explicit deny/i.test(message)) {
    // A device need not be named after its user: the ARN's name is for the person to fill in, never guessed.
    const device = ctx.caller ? `arn:${ctx.caller.arn.split(':')[1]}:iam::${ctx.caller.account}:mfa/DEVICE_NAME` : 'arn:aws:iam::ACCOUNT:mfa/DEVICE_NAME';
    const why = ctx.mfaSerial
      ? l10n.t('The request was signed with an MFA session, so another policy denies iam:ChangePassword: ask an administrator which one.')
      : l10n.t({
          message:
            "Most often this is a policy that denies everything without MFA. Add your MFA device to the profile (mfa_serial = {0}: the device's ARN, from Security credentials in the IAM console or aws iam list-mfa-devices, under [profile {1}] in {2}), and the extension signs in with an MFA code first.",
          args: [device, ctx.profile, ctx.configFile],
          comment: '{0} is an MFA device ARN, {1} a profile name, {2} the config file',
        });
    return {
      title: l10n.t('IAM refused the change: a policy denies it (AccessDenied, explicit deny).'),
      detail: `${notChanged} ${why}`,
    };
  }
  // "... because no identity-based policy allows the iam:ChangePassword action".
  if (/no identity-based policy allows/i.test(message)) {
    return {
      title: l10n.t('IAM refused the change: no policy allows this user iam:ChangePassword (AccessDenied).'),
      detail: `${notChanged} ${l10n.t("An administrator can allow it either way: the account's password policy setting that lets users change their own password, or a policy that allows iam:ChangePassword on the user (such as the AWS managed IAMUserChangePassword).")} ${expiredIsNoCause()}`,
    };
  }
  const why =
    ctx.passwordPolicyKnown === false
      ? l10n.t(
          "The current password may be wrong (IAM answers that this way too) or the new password may not meet the account's password policy, which this profile may not read; otherwise the user needs iam:ChangePassword, from the account's setting that lets users change their own password or from a policy (such as the managed IAMUserChangePassword).",
        )
      : l10n.t(
          "The current password may be wrong (IAM answers that this way too); otherwise the user needs iam:ChangePassword, from the account's setting that lets users change their own password or from a policy (such as the managed IAMUserChangePassword).",
        );
  return {
    title: l10n.t({ message: 'IAM refused the change (AccessDenied): {0}', args: [message], comment: "{0} is IAM's own message" }),
    detail: `${notChanged} ${why} ${expiredIsNoCause()}`,
  };
}

/** People come here because the console refused an expired password; that is never why ChangePassword is refused. */
const expiredIsNoCause = (): string =>
  l10n.t('An expired console password is not the cause: with iam:ChangePassword and access keys it can be changed here, even under hard expiry.');

const unreachable: Describe = ({ code, endpoint, host, ctx, message }) => ({
  actions: ['openSettings', 'showLogs'],
  setting: 'iamPassword.endpointUrl',
  title: l10n.t({
    message: 'Could not reach {0} ({1}).',
    args: [endpoint.url, describeTransport(code, message, host, ctx)],
    comment: '{1} is what happened, e.g. "connection refused"',
  }),
  detail: l10n.t({
    message: 'The endpoint comes from {0}. Check it and your network or proxy. Nothing was sent.',
    args: [endpoint.source],
    comment: '{0} is where the endpoint comes from, e.g. "the iamPassword.endpointUrl setting"',
  }),
});

export const noAnswer: Describe = ({ code, message, operation, endpoint, host, ctx }) => {
  const connect = CONNECT_TIMEOUT_TEXT.test(message);
  return {
    actions: ['openSettings', 'showLogs'],
    setting: connect ? 'iamPassword.connectTimeoutSeconds' : 'iamPassword.readTimeoutSeconds',
    title: l10n.t({
      message: '{0} did not answer {1} ({2}).',
      args: [endpoint.url, operation, describeTransport(code, message, host, ctx)],
      comment: '{0} is an endpoint URL, {1} an AWS action, {2} what happened, e.g. "no answer within 60 s"',
    }),
    detail: l10n.t({
      message: 'The endpoint comes from {0}. Check your network, or raise the timeout setting.',
      args: [endpoint.source],
      comment: '{0} is where the endpoint comes from, e.g. "the iamPassword.endpointUrl setting"',
    }),
  };
};

const untrustedCertificate: Describe = ({ host, code }) => ({
  actions: ['openSettings', 'showLogs'],
  setting: 'iamPassword.caBundle',
  title: l10n.t('The TLS certificate of {0} is not trusted ({1}).', host, code),
  detail: l10n.t(
    'If a proxy or private CA signs it, set iamPassword.caBundle (or AWS_CA_BUNDLE, or ca_bundle in the profile) to its PEM file. Nothing was sent.',
  ),
});

/** Node's error codes for a request that could not be sent; any other transport error is noAnswer (a timeout, a reset). */
export const TRANSPORT_ERRORS: Readonly<Record<string, Describe>> = {
  ...Object.fromEntries([...UNREACHABLE_CODES].map((code) => [code, unreachable])),
  ...Object.fromEntries([...TLS_ERROR_CODES].map((code) => [code, untrustedCertificate])),
};

const ssoLogin: Describe = ({ ctx }) => ({
  actions: ['ssoLogin', 'showLogs'],
  title: l10n.t('The SSO session of profile {0} has expired or is missing.', ctx.profile),
  detail: l10n.t('Run "aws sso login --profile {0}", then try again.', ctx.profile),
});

/** A refused AssumeRole, GetSessionToken or SSO portal call: the operation itself was never sent. */
export const credentialCallRefused: Describe = (facts) => {
  const { failure, code, message, operation, ctx } = facts;
  const action = failure.failedAction;
  const status = failure.failedCall?.attempts.at(-1)?.status;
  if (action === 'GetRoleCredentials') {
    // The portal answers 401 (UnauthorizedException) to a token it no longer accepts; 403 is a role it does not hand out.
    return status === 401
      ? ssoLogin(facts)
      : {
          actions: SWITCH,
          title: l10n.t({
            message: 'The SSO portal refused profile {0} ({1}): {2}',
            args: [ctx.profile, code, message],
            comment: "{1} is an error code, {2} the portal's own message",
          }),
          detail: l10n.t("No access: check the profile's sso_account_id and sso_role_name. {0} was not sent.", operation),
        };
  }
  // STS says only in words that the MFA code was wrong.
  if (/MultiFactorAuthentication/i.test(message)) {
    return {
      actions: ['showLogs'],
      title: l10n.t({ message: 'The MFA code was not accepted ({0}: {1}).', args: [action, code], comment: '{0} is an AWS action, {1} an error code' }),
      detail: l10n.t('{0} was not sent. Try again with the next code your MFA device shows.', operation),
    };
  }
  return {
    actions: SWITCH,
    title: l10n.t({
      message: 'Profile {0} could not get credentials: {1} was refused ({2}): {3}',
      args: [ctx.profile, action, code, message],
      comment: "{1} is an AWS action, {2} an error code, {3} AWS's own message",
    }),
    detail: l10n.t("{0} was not sent. Check the profile's role_arn, source_profile and mfa_serial, or switch to another profile.", operation),
  };
};

// The credential chain failed before any AWS error: the SDK and Node say what only in words, so each case names the text it looks for.
export const credentialsUnavailable: Describe = (facts) => {
  const { message, ctx } = facts;
  // @aws-sdk/credential-provider-sso: "The SSO session associated with this profile has expired / is invalid ... run aws sso login".
  if (/SSO session|aws sso login|SSO token/i.test(message)) {
    return ssoLogin(facts);
  }
  // @aws-sdk/credential-provider-ini without an MFA callback.
  if (/requires multi-factor authentication/i.test(message)) {
    return { title: l10n.t('Profile {0} needs an MFA code.', ctx.profile), detail: message };
  }
  // Node's exec: "Command failed: <command line>\n<stderr>"; stdout, which may hold credentials, is never in it.
  const processFailure = /^Command failed: [^\n]*\n?([^]*)$/.exec(message);
  if (processFailure) {
    return {
      actions: SWITCH,
      title: l10n.t({
        message: 'The credential_process of profile {0} failed: {1}.',
        args: [ctx.profile, processFailure[1].trim() || l10n.t('it wrote no error message')],
        comment: '{1} is what the process wrote to stderr, or that it wrote nothing',
      }),
      detail: l10n.t('Fix what it says (often a login the process needs), then try again, or switch to another profile.'),
    };
  }
  return credentialsRefused(facts);
};

export function describeTransport(code: string, message: string, host: string, ctx: ErrorContext): string {
  if (CONNECT_TIMEOUT_TEXT.test(message)) {
    return l10n.t({ message: 'no connection within {0} s', args: [ctx.connectTimeoutSeconds], comment: 'A timeout in seconds' });
  }
  switch (code) {
    case 'TimeoutError':
    case 'ETIMEDOUT':
      return l10n.t({ message: 'no answer within {0} s', args: [ctx.readTimeoutSeconds], comment: 'A timeout in seconds' });
    case 'ECONNREFUSED':
      return l10n.t('connection refused');
    case 'ENOTFOUND':
      return l10n.t('host {0} not found', host);
    case 'EAI_AGAIN':
      return l10n.t('host {0} could not be looked up', host);
    case 'ECONNRESET':
      return l10n.t('connection reset');
    case 'EPIPE':
      return l10n.t('connection closed');
    default:
      return code;
  }
}
