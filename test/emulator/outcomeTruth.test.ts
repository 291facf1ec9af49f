/**
 * Outcome truth: for every way a ChangePassword can end, what the person is told about their
 * password against what the emulator really holds. Each row: did IAM apply the change, what came
 * back, on which attempt (the first, or the SDK's retry after a first attempt that was refused
 * before anything was sent), and over which connection (a new plain-http one, or the TLS one
 * GetAccountPasswordPolicy left open, as in the flow). Told "changed" only when it holds the new password, "not changed"
 * only when it holds the old one, "may have changed" exactly when the answer cannot tell.
 */
import assert from 'node:assert/strict';
import { SessionFailure } from '../../src/aws/sessionFailure';
import { describeError } from '../../src/aws/describeFailure';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD, operationAttempts, prepareSession } from './coreClientSupport';
import type { Fault } from './index';
import { waitFor } from './testSupport';

type Told = 'changed' | 'not changed' | 'may have changed';
type Attempt = 'attempt 1' | 'attempt 2, after a refused connection';
type Route = 'http, new connection' | 'https, reused connection';

interface Answer {
  name: string;
  /** The fault for a change IAM does not apply, and for one it applies; undefined: no such case (why). */
  notApplied: Fault | 'own answer' | { impossible: string };
  applied: Fault | 'own answer' | { impossible: string };
  /** IAM's own clear answer: the client can know what happened. */
  knowable: boolean;
}

const CP = 'ChangePassword';

const ANSWERS: Answer[] = [
  {
    name: "IAM's own answer (200, or AccessDenied 403 to a wrong current password)",
    notApplied: 'own answer',
    applied: 'own answer',
    knowable: true,
  },
  {
    name: 'AWS 4xx error (Throttling 400)',
    notApplied: { kind: 'throttling', action: CP },
    applied: { impossible: 'IAM refuses before it applies; a 4xx after applying would be IAM lying' },
    knowable: true,
  },
  {
    name: 'AWS 4xx error (EntityTemporarilyUnmodifiable 409)',
    notApplied: { kind: 'entityTemporarilyUnmodifiable', action: CP },
    applied: { impossible: 'IAM refuses before it applies' },
    knowable: true,
  },
  ...(
    [
      ['AWS 5xx error (ServiceFailure 500, XML)', 'serviceFailure'],
      ['HTML 502 from a gateway', 'badGateway'],
      ['HTML 503 from a gateway', 'serviceUnavailable'],
      ['HTML 504 from a gateway', 'gatewayTimeout'],
      ['timeout (no answer; the read timeout fires)', 'noResponse'],
      ['garbage 200 (text/xml, not XML)', 'garbage200'],
      ['200 text/html page (wrong content type)', 'html200'],
      ['200 application/json (wrong content type)', 'json200'],
    ] as const
  ).map(
    ([name, kind]): Answer => ({
      name,
      notApplied: { kind, action: CP },
      applied: { kind, action: CP, afterApply: true },
      knowable: false,
    }),
  ),
  {
    name: 'connection reset, no byte of an answer',
    notApplied: { kind: 'resetBeforeApply', action: CP },
    applied: { kind: 'resetAfterApply', action: CP },
    knowable: false,
  },
  {
    name: "200 with IAM's reply cut short",
    notApplied: { impossible: 'there is no reply of IAM to cut' },
    applied: { kind: 'malformedXml', action: CP },
    knowable: false,
  },
];

/** A kept-alive connection is up, so no attempt on it can be refused before it is sent: the first attempt only. */
const ROUTES: { route: Route; attempts: Attempt[] }[] = [
  { route: 'http, new connection', attempts: ['attempt 1', 'attempt 2, after a refused connection'] },
  { route: 'https, reused connection', attempts: ['attempt 1'] },
];

const WRONG_PASSWORD = 'Not-The-Password-9';

interface Result {
  applied: boolean;
  answer: string;
  route: Route;
  attempt: Attempt;
  told: Told | 'n/a';
  holds: 'new' | 'old' | '-';
  note: string;
}

const results: Result[] = [];

/** What the person reads, reduced to what it says about the password. */
function toldBy(text: string): Told {
  if (/may have (happened|changed)/i.test(text)) {
    assert.doesNotMatch(text, /not changed|Nothing was sent/i, `contradicts itself: ${text}`);
    return 'may have changed';
  }
  if (/was not changed|Nothing was sent/i.test(text)) {
    return 'not changed';
  }
  return assert.fail(`the report says nothing about the password: ${text}`);
}

function expectedTold(answer: Answer, applied: boolean): Told {
  if (!answer.knowable) {
    return 'may have changed';
  }
  return applied ? 'changed' : 'not changed';
}

describe('outcome truth: what the person is told about the password, against what IAM holds', function () {
  for (const { route, attempts } of ROUTES) {
    for (const attempt of attempts) {
      for (const answer of ANSWERS) {
        for (const applied of [false, true]) {
          const fault = applied ? answer.applied : answer.notApplied;
          const label = `applied: ${applied ? 'yes' : 'no '} | ${answer.name} | ${route} | ${attempt}`;
          if (typeof fault === 'object' && 'impossible' in fault) {
            results.push({ applied, answer: answer.name, route, attempt, told: 'n/a', holds: '-', note: `no such case: ${fault.impossible}` });
            continue;
          }
          const told = expectedTold(answer, applied);
          it(`${label} -> "${told}"`, async function () {
            const tls = route === 'https, reused connection';
            const fixture = await EmulatorFixture.start({ https: tls }, { https: tls });
            let resume: (() => void) | undefined;
            const { session, errorContext, logger } = await prepareSession(fixture.files, 'alice', {
              settings: { maxAttempts: 3, readTimeoutSeconds: 0.3 },
              // The first attempt is refused: listen again as soon as the client has seen it, before its retry.
              onLog: ({ message }) => {
                if (resume && /^<- ChangePassword failed .*ECONNREFUSED/.test(message)) {
                  resume();
                  resume = undefined;
                }
              },
            });
            try {
              if (tls) {
                assert.equal((await session.getPasswordPolicy()).kind, 'account');
              }
              if (fault !== 'own answer') {
                fixture.emulator.injectFault(fault);
              }
              if (attempt !== 'attempt 1') {
                resume = fixture.emulator.refuseConnections();
              }
              const current = fault === 'own answer' && !applied ? WRONG_PASSWORD : ALICE_PASSWORD;
              const caught = await session.changePassword(current, NEW_PASSWORD).then(
                () => undefined,
                (error: unknown) => error,
              );
              const holds = fixture.emulator.passwordOf('alice') === NEW_PASSWORD ? 'new' : 'old';
              const expectedAttempts = attempt === 'attempt 1' ? 1 : 2;
              const sent = logger.at('trace').filter((message) => /^-> POST .*\(ChangePassword, attempt \d\)/.test(message));
              const refused = logger.at('trace').filter((message) => /^<- ChangePassword failed .*ECONNREFUSED/.test(message));
              assert.deepEqual([sent.length, refused.length], [expectedAttempts, expectedAttempts - 1], 'attempts the client made, and refused ones');
              let actual: Told = 'changed';
              let note = 'Password changed';
              if (caught !== undefined) {
                assert.ok(caught instanceof SessionFailure, `expected a SessionFailure, got ${String(caught)}`);
                const report = describeError(caught, errorContext);
                actual = toldBy(`${report.title}\n${report.detail}`);
                assert.equal(report.outcome === 'mayHaveChanged', actual === 'may have changed', `outcome ${report.outcome}: ${report.title}`);
                note = report.title;
                const attempts = operationAttempts(caught);
                assert.equal(attempts.length, expectedAttempts, JSON.stringify(attempts));
                assert.equal(attempts[0].written, attempt === 'attempt 1', 'the refused attempt is known never to have left');
              }
              results.push({ applied, answer: answer.name, route, attempt, told: actual, holds, note });
              if (tls) {
                const [policy, change] = ['GetAccountPasswordPolicy', CP].map((action) => fixture.emulator.requests.find((r) => r.action === action));
                assert.ok(change && policy && change.connection === policy.connection, 'ChangePassword went over the connection the policy call opened');
                assert.ok(/^https:/.test(errorContext.endpoints[0].url), errorContext.endpoints[0].url);
              }

              assert.equal(holds, applied ? 'new' : 'old', 'the emulator did what the row says');
              assert.equal(fixture.changePasswordRequests(), 1, 'ChangePassword reached IAM exactly once: a written request is never sent again');
              if (actual === 'changed') {
                assert.equal(holds, 'new', 'told "changed" while IAM holds the old password');
              }
              if (actual === 'not changed') {
                assert.equal(holds, 'old', 'told "not changed" while IAM holds the new password');
              }
              assert.equal(actual === 'may have changed', !answer.knowable, '"may have changed" exactly where the answer cannot tell');
              assert.equal(actual, told);
            } finally {
              session.dispose();
              await fixture.stop();
            }
          });
        }
      }
    }
  }

  it('every combination ran, and none told "not changed" while IAM held the new password or "changed" while it held the old', function () {
    const happens = (fault: Answer['applied']): number => (typeof fault === 'object' && 'impossible' in fault ? 0 : 1);
    const attempts = ROUTES.reduce((n, route) => n + route.attempts.length, 0);
    const possible = attempts * ANSWERS.reduce((n, answer) => n + happens(answer.notApplied) + happens(answer.applied), 0);
    const ran = results.filter((r) => r.told !== 'n/a');
    assert.equal(ran.length, possible, 'a row did not run to its report');
    for (const r of ran) {
      assert.ok(r.told !== 'changed' || r.holds === 'new', `${r.answer} | ${r.route} | ${r.attempt}: told "changed", IAM holds ${r.holds}`);
      assert.ok(r.told !== 'not changed' || r.holds === 'old', `${r.answer} | ${r.route} | ${r.attempt}: told "not changed", IAM holds ${r.holds}`);
    }
  });

  after(function () {
    const line = (r: Result): string =>
      `${r.applied ? 'yes' : 'no '} | ${r.answer.padEnd(72)} | ${r.route.padEnd(24)} | ${r.attempt.padEnd(37)} | ${r.told.padEnd(16)} | ${r.holds.padEnd(3)} | ${r.note}`;
    const header = `app | ${'what came back'.padEnd(72)} | ${'connection'.padEnd(24)} | ${'attempt'.padEnd(37)} | ${'told'.padEnd(16)} | IAM | what the person reads`;
    const ran = results.filter((r) => r.told !== 'n/a').length;
    console.log(`\n${header}\n${results.map(line).join('\n')}\n${ran} rows ran, ${results.length - ran} combinations that cannot happen.\n`);
  });
});

describe('cancelling the wait for ChangePassword (a timeout of 0 waits for ever)', function () {
  for (const applied of [false, true]) {
    it(`cancelled after the request reached IAM (applied: ${applied ? 'yes' : 'no'}): "may have changed", at once`, async function () {
      const fixture = await EmulatorFixture.start();
      const { session, errorContext } = await prepareSession(fixture.files, 'alice', {
        settings: { readTimeoutSeconds: 0, connectTimeoutSeconds: 0, maxAttempts: 3 },
      });
      try {
        fixture.emulator.injectFault({ kind: 'noResponse', action: CP, afterApply: applied });
        const abort = new AbortController();
        const change = session.changePassword(ALICE_PASSWORD, NEW_PASSWORD, abort.signal).then(
          () => assert.fail('the change cannot succeed without an answer'),
          (error: unknown) => error,
        );
        await waitFor(() => fixture.changePasswordRequests() === 1);
        const cancelled = Date.now();
        abort.abort();
        const caught = await change;
        assert.ok(Date.now() - cancelled < 500, 'the cancel ended the wait');
        assert.ok(caught instanceof SessionFailure, String(caught));
        assert.equal(caught.kind, 'cancelled');
        const report = describeError(caught, errorContext);
        assert.equal(report.outcome, 'mayHaveChanged');
        assert.equal(toldBy(`${report.title}\n${report.detail}`), 'may have changed');
        assert.match(report.title, /you stopped waiting after the request was sent to 127\.0\.0\.1:\d+/);
        assert.equal(fixture.emulator.passwordOf('alice'), applied ? NEW_PASSWORD : ALICE_PASSWORD);
        assert.equal(fixture.changePasswordRequests(), 1, 'not sent again');
      } finally {
        session.dispose();
        await fixture.stop();
      }
    });
  }

  it('the identity check before it can be cancelled too: no password was sent', async function () {
    const fixture = await EmulatorFixture.start();
    const { session } = await prepareSession(fixture.files, 'alice', { settings: { readTimeoutSeconds: 0, connectTimeoutSeconds: 0 } });
    try {
      fixture.emulator.injectFault({ kind: 'noResponse', action: 'GetCallerIdentity' });
      const abort = new AbortController();
      const check = session.whoAmI(abort.signal).then(
        () => assert.fail('the check cannot succeed without an answer'),
        (error: unknown) => error,
      );
      await waitFor(() => fixture.emulator.requests.some((r) => r.action === 'GetCallerIdentity'));
      abort.abort();
      const caught = await check;
      assert.ok(caught instanceof SessionFailure, String(caught));
      assert.deepEqual([caught.kind, caught.outcome], ['cancelled', 'notChanged']);
      assert.equal(fixture.changePasswordRequests(), 0);
    } finally {
      session.dispose();
      await fixture.stop();
    }
  });

  it('cancelled before sending: "not changed", nothing reached IAM', async function () {
    const fixture = await EmulatorFixture.start();
    const { session, errorContext } = await prepareSession(fixture.files, 'alice');
    try {
      const abort = new AbortController();
      abort.abort();
      const caught = await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD, abort.signal).then(
        () => assert.fail('an aborted change cannot succeed'),
        (error: unknown) => error,
      );
      assert.ok(caught instanceof SessionFailure, String(caught));
      assert.equal(caught.kind, 'cancelled');
      const report = describeError(caught, errorContext);
      assert.equal(report.outcome, 'notChanged');
      assert.equal(`${report.title} ${report.detail}`, 'Cancelled before the request was sent. Nothing was sent.');
      assert.equal(fixture.changePasswordRequests(), 0);
      assert.equal(fixture.emulator.passwordOf('alice'), ALICE_PASSWORD);
    } finally {
      session.dispose();
      await fixture.stop();
    }
  });
});
