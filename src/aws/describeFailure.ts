/**
 * Turns a failed call to AWS into what the user is told and what they can do next. Our words go
 * through l10n.t; AWS's and Node's own messages are quoted as they came, and the AWS CLI's line
 * stays the CLI's, so both can be searched for.
 */
import * as l10n from '@vscode/l10n';
import { bypassesProxy } from './proxy';
import { CONNECT_TIMEOUT_TEXT, errorCode, errorMessage } from './requestTrace';
import {
  type Describe,
  type Description,
  type ErrorContext,
  type ErrorReport,
  type Facts,
  FailureKind,
  isAwsError,
  MfaCancelledError,
  SessionFailure,
} from './sessionFailure';
import { awsFailing, credentialCallRefused, credentialsUnavailable, describeTransport, noAnswer, SERVICE_ERRORS, TRANSPORT_ERRORS } from './failureWords';

/** The CLI's wording: `An error occurred (CODE) when calling the OP operation: MESSAGE`. Not translated: it is the AWS CLI's line, to search for. */
export function cliErrorLine(code: string, operation: string, message: string, attempts: number): string {
  const retries = attempts > 1 ? ` (reached max retries: ${attempts - 1})` : '';
  return `An error occurred (${code}) when calling the ${operation} operation${retries}: ${message}`;
}

const BY_KIND: Readonly<Record<FailureKind, Describe>> = {
  cancelled: ({ failure }) => ({
    actions: [],
    title: failure.cause instanceof MfaCancelledError ? l10n.t('Cancelled at the MFA prompt.') : l10n.t('Cancelled before the request was sent.'),
    detail: l10n.t('Nothing was sent.'),
  }),
  service: (facts) => {
    const proxy = proxyProblem(facts);
    if (proxy) {
      return proxy;
    }
    if (facts.failure.failedCall?.role === 'credentials') {
      return credentialCallRefused(facts);
    }
    const status = facts.failure.failedCall?.attempts.at(-1)?.status ?? 0;
    const describe = SERVICE_ERRORS[facts.code] ?? (status >= 500 ? awsFailing : undefined);
    return describe
      ? describe(facts)
      : {
          title: l10n.t({
            message: '{0} failed ({1}): {2}',
            args: [facts.operation, facts.code, facts.message],
            comment: "{0} is an AWS action, {1} an error code, {2} AWS's own message",
          }),
          detail: l10n.t('See the log for the request and response.'),
        };
  },
  transport: (facts) => proxyProblem(facts) ?? (TRANSPORT_ERRORS[facts.code] ?? noAnswer)(facts),
  unreadable: ({ code, operation, host, endpoint }) => ({
    title: l10n.t({
      message: 'The reply from {0} to {1} could not be read ({2}).',
      args: [host, operation, code],
      comment: '{0} is a host, {1} an AWS action, {2} an error code',
    }),
    detail: l10n.t({
      message: 'The endpoint comes from {0}: is it really AWS IAM/STS?',
      args: [endpoint.source],
      comment: '{0} is where the endpoint comes from, e.g. "the iamPassword.endpointUrl setting"',
    }),
  }),
  credentials: credentialsUnavailable,
  configuration: ({ message, ctx }) => ({
    actions: ['openSettings', 'showLogs'],
    setting: 'iamPassword',
    title: l10n.t({
      message: 'The AWS SDK refused the settings of profile {0}: {1}',
      args: [ctx.profile, message],
      comment: "{1} is the AWS SDK's own message",
    }),
    detail: l10n.t('Check the region and endpoint settings. Nothing was sent.'),
  }),
};

/** What a ChangePassword that may have been applied is called, whatever else went wrong: never "not changed". */
function uncertainChange({ failure, code, message, host, ctx }: Facts): Description | undefined {
  if (failure.outcome !== 'mayHaveChanged') {
    return undefined;
  }
  // ChangePassword's own call, whose one written attempt is its last (it is never sent again).
  const status = failure.failedCall?.attempts.at(-1)?.status;
  const title =
    failure.kind === 'cancelled'
      ? l10n.t('The change may have happened: you stopped waiting after the request was sent to {0}.', host)
      : status === undefined
        ? l10n.t({
            message: 'The change may have happened: the request reached {0} but no answer came back ({1}).',
            args: [host, describeTransport(code, message, host, ctx)],
            comment: '{1} is what happened, e.g. "no answer within 60 s"',
          })
        : isAwsError(failure.cause)
          ? l10n.t({
              message: 'The change may have happened: {0} answered HTTP {1} ({2}), an error that does not say whether IAM applied it.',
              args: [host, status, code],
              comment: '{0} is a host, {1} an HTTP status, {2} an AWS error code',
            })
          : l10n.t({
              message: "The change may have happened: {0} answered HTTP {1}, but not with IAM's reply (a proxy or gateway may have answered instead).",
              args: [host, status],
              comment: '{0} is a host, {1} an HTTP status',
            });
  return {
    actions: ['openConsoleSignIn', 'showLogs'],
    title,
    detail: l10n.t('Sign in to the AWS console with the NEW password to find out. If it is refused, the old password still works: try again.'),
  };
}

export function describeError(error: unknown, ctx: ErrorContext): ErrorReport {
  if (!(error instanceof SessionFailure)) {
    const code = errorCode(error);
    const message = errorMessage(error);
    return {
      outcome: 'notChanged',
      actions: ['showLogs'],
      // The error's own text, untranslated, as the AWS CLI would print it.
      cliLine: message,
      title: l10n.t({ message: 'The request failed ({0}): {1}', args: [code, message], comment: "{0} is an error code, {1} the error's own message" }),
      detail: l10n.t('See the log for details.'),
    };
  }
  const failedCall = error.failedCall;
  const endpoint = ctx.endpoints.find((e) => new URL(e.url).origin === failedCall?.origin) ?? ctx.endpoints[0];
  const facts: Facts = {
    failure: error,
    code: error.code,
    message: error.message,
    operation: error.operation,
    endpoint,
    host: new URL(failedCall?.origin ?? endpoint.url).host,
    attempts: failedCall?.attempts.filter((a) => a.written).length ?? 0,
    ctx,
  };
  const description = uncertainChange(facts) ?? BY_KIND[error.kind](facts);
  return {
    outcome: error.outcome,
    cliLine: cliErrorLine(error.code, error.failedAction, error.message, facts.attempts),
    actions: ['showLogs'],
    ...description,
    detail: withPasswordSentence(description.detail, error),
  };
}

/** A ChangePassword that failed always says what became of the password: words for the network or the credentials alone would not. */
function withPasswordSentence(detail: string, failure: SessionFailure): string {
  const notChanged = l10n.t('Your password was not changed.');
  const nothingSent = l10n.t('Nothing was sent.');
  const said = detail.includes(notChanged) || detail.includes(nothingSent);
  return failure.operation === 'ChangePassword' && failure.outcome === 'notChanged' && !said ? `${detail} ${notChanged}` : detail;
}

/**
 * The description when the failed call failed at a proxy; undefined otherwise. Our proxy agent
 * fails before any tunnel to AWS is open, so nothing of the request was sent.
 */
function proxyProblem(facts: Facts): Description | undefined {
  const last = facts.failure.failedCall?.attempts.at(-1);
  const failed = last?.proxyFailure;
  if (!failed && last?.transportError && CONNECT_TIMEOUT_TEXT.test(facts.message)) {
    return tunnelTimeout(facts);
  }
  if (!failed) {
    // A 407 as the answer itself: a proxy outside our agent (VS Code's own, http.proxySupport) asked for credentials.
    return last?.status === 407
      ? {
          actions: ['openSettings', 'showLogs'],
          setting: 'http.proxy',
          title: l10n.t('A proxy between VS Code and {0} requires authentication (407 Proxy Authentication Required).', facts.host),
          detail: l10n.t('Set the proxy with its user name and password in the http.proxy setting: http://USER:PASSWORD@host:port.'),
        }
      : undefined;
  }
  const { url, label, source, setting } = failed.proxy;
  if (failed.name === 'ProxyAuthenticationRequired') {
    return proxyDescription(
      setting,
      l10n.t({
        message: 'The proxy {0} requires authentication (it answered {1}).',
        args: [label, failed.status ?? '?'],
        comment: '{0} is a proxy URL, {1} an HTTP status',
      }),
      url.username || url.password
        ? l10n.t('It refused the user name and password in the proxy URL from {0}: check them (special characters percent-encoded).', source)
        : l10n.t('Put the user name and password into the proxy URL in {0}: http://USER:PASSWORD@host:port.', source),
    );
  }
  return proxyDescription(
    setting,
    failed.name === 'ProxyUnreachable'
      ? l10n.t({
          message: 'Could not reach the proxy {0} ({1}).',
          args: [label, describeTransport(facts.code, facts.message, url.host, facts.ctx)],
          comment: '{0} is a proxy URL, {1} what happened, e.g. "connection refused"',
        })
      : l10n.t({
          message: 'The proxy {0} did not open a tunnel to {1} (it answered {2}).',
          args: [label, facts.host, failed.status ?? '?'],
          comment: '{0} is a proxy URL, {1} an AWS host, {2} an HTTP status',
        }),
    l10n.t({
      message:
        'The proxy comes from {0}. Check it, that it runs and that it may connect to the AWS host, or list that host in http.noProxy or NO_PROXY to reach it directly.',
      args: [source],
      comment: '{0} is a setting or an environment variable, e.g. "the HTTPS_PROXY environment variable"',
    }),
  );
}

/** No connection in time, when the call went through the proxy: the tunnel was never up, so nothing was sent. */
function tunnelTimeout(facts: Facts): Description | undefined {
  const { proxy } = facts.ctx;
  const origin = facts.failure.failedCall ? new URL(facts.failure.failedCall.origin) : undefined;
  if (!proxy || origin?.protocol !== 'https:' || bypassesProxy(proxy.noProxy, origin.hostname, Number(origin.port) || 443)) {
    return undefined;
  }
  return proxyDescription(
    proxy.setting,
    l10n.t({
      message: 'No connection to {0} through the proxy {1} within {2} s.',
      args: [facts.host, proxy.label, facts.ctx.connectTimeoutSeconds],
      comment: '{0} is an AWS host, {1} a proxy URL, {2} a timeout in seconds',
    }),
    l10n.t('The proxy comes from {0}. Check that it runs and can reach AWS, or raise iamPassword.connectTimeoutSeconds.', proxy.source),
  );
}

/** A failure at the proxy, which nothing passed: Open Settings when the proxy comes from a setting (an environment variable has none to open). */
function proxyDescription(setting: string | undefined, title: string, detail: string): Description {
  return {
    ...(setting ? { actions: ['openSettings', 'showLogs'], setting } : { actions: ['showLogs'] }),
    title,
    detail: `${detail} ${l10n.t('Nothing was sent.')}`,
  };
}
