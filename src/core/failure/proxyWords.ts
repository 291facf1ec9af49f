/**
 * What a failure at a proxy is called, and which setting or variable the proxy came from. Our
 * proxy agent fails before any tunnel to AWS is open, so nothing of the request was sent.
 */
import * as l10n from '@vscode/l10n';
import { bypassesProxy } from '../proxy';
import { CONNECT_TIMEOUT_TEXT } from '../requestTrace';
import type { Description, Facts } from './errorReport';
import { describeTransport } from './failureWords';

/** The description when the failed call failed at a proxy; undefined otherwise. */
export function proxyProblem(facts: Facts): Description | undefined {
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
  const nothingSent = l10n.t('Nothing was sent.');
  const buttons: Pick<Description, 'actions' | 'setting'> = failed.setting
    ? { actions: ['openSettings', 'showLogs'], setting: failed.setting }
    : { actions: ['showLogs'] };
  switch (failed.failure) {
    case 'unreachable':
      return {
        ...buttons,
        title: l10n.t({
          message: 'Could not reach the proxy {0} ({1}).',
          args: [failed.proxy, describeTransport(facts.code, facts.message, { ...facts.endpoint, url: failed.proxy }, facts.ctx)],
          comment: '{0} is a proxy URL, {1} what happened, e.g. "connection refused"',
        }),
        detail: `${l10n.t({
          message: 'The proxy comes from {0}. Check it and that the proxy runs, or list the AWS host in http.noProxy or NO_PROXY to reach it directly.',
          args: [failed.source],
          comment: '{0} is a setting or an environment variable, e.g. "the HTTPS_PROXY environment variable"',
        })} ${nothingSent}`,
      };
    case 'authRequired':
      return {
        ...buttons,
        title: l10n.t({
          message: 'The proxy {0} requires authentication (it answered {1}).',
          args: [failed.proxy, failed.status ?? '?'],
          comment: '{0} is a proxy URL, {1} an HTTP status',
        }),
        detail: `${
          /\/\/[^/]*@/.test(failed.proxy)
            ? l10n.t('It refused the user name and password in the proxy URL from {0}: check them (special characters percent-encoded).', failed.source)
            : l10n.t('Put the user name and password into the proxy URL in {0}: http://USER:PASSWORD@host:port.', failed.source)
        } ${nothingSent}`,
      };
    case 'tunnelFailed':
      return {
        ...buttons,
        title: l10n.t({
          message: 'The proxy {0} did not open a tunnel to {1} (it answered {2}).',
          args: [failed.proxy, facts.host, failed.status ?? '?'],
          comment: '{0} is a proxy URL, {1} an AWS host, {2} an HTTP status',
        }),
        detail: `${l10n.t('The proxy comes from {0}. It may not reach that host, or may not allow connections to its port.', failed.source)} ${nothingSent}`,
      };
  }
}

/** No connection in time, when the call went through the proxy: the tunnel was never up, so nothing was sent. */
function tunnelTimeout(facts: Facts): Description | undefined {
  const { proxy } = facts.ctx;
  const origin = facts.failure.failedCall ? new URL(facts.failure.failedCall.origin) : undefined;
  if (!proxy || origin?.protocol !== 'https:' || bypassesProxy(proxy.noProxy, origin.hostname, Number(origin.port) || 443)) {
    return undefined;
  }
  return {
    ...(proxy.setting ? { actions: ['openSettings', 'showLogs'], setting: proxy.setting } : { actions: ['showLogs'] }),
    title: l10n.t({
      message: 'No connection to {0} through the proxy {1} within {2} s.',
      args: [facts.host, proxy.label, facts.ctx.connectTimeoutSeconds],
      comment: '{0} is an AWS host, {1} a proxy URL, {2} a timeout in seconds',
    }),
    detail: `${l10n.t('The proxy comes from {0}. Check that it runs and can reach AWS, or raise iamPassword.connectTimeoutSeconds.', proxy.source)} ${l10n.t('Nothing was sent.')}`,
  };
}
