/**
 * The fault matrix: for each fault, what the user is told, how many attempts were made, and whether
 * the password the emulator stores matches what the user was told.
 */
import assert from 'node:assert/strict';
import { SessionFailure, type PasswordOutcome } from '../../src/aws/sessionFailure';
import { endpointProblem } from '../../src/aws/safeEndpoint';
import { describeError } from '../../src/aws/describeFailure';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD, operationAttempts, prepareSession, SessionSettings } from './coreClientSupport';
import type { EmulatorOptions, Fault } from './index';
import { closedPort } from './testSupport';

type Target = 'emulator' | 'closed port' | 'unresolvable host' | 'untrusted https';

interface Row {
  name: string;
  /** Injected for ChangePassword, in this order. */
  faults?: Fault[];
  emulator?: EmulatorOptions;
  settings?: Partial<SessionSettings>;
  target?: Target;
  /** undefined: the change succeeds. */
  outcome?: PasswordOutcome;
  /** Error code(s) the OperationError may carry. */
  code?: RegExp;
  /** A fragment of what the user reads (title and detail) when the change fails. */
  told?: RegExp;
  /** ChangePassword requests that reached the emulator. */
  emulatorAttempts: number;
  /** ChangePassword attempts the client recorded; the same as emulatorAttempts unless given. */
  clientAttempts?: number;
  /** The client knows no attempt left this machine. */
  neverSent?: boolean;
  stored: 'old' | 'new';
  /** The change took at least this long. */
  slowerThanMs?: number;
}

const CP = 'ChangePassword';

const rows: Row[] = [
  {
    name: 'latency: succeeds, slower',
    faults: [{ kind: 'latency', action: CP, ms: 400 }],
    emulatorAttempts: 1,
    stored: 'new',
    slowerThanMs: 400,
  },
  {
    name: 'ServiceFailure: not retried (it may have been applied), may have changed (it was not)',
    faults: [{ kind: 'serviceFailure', action: CP, count: 10 }],
    outcome: 'mayHaveChanged',
    code: /^ServiceFailure$/,
    told: /may have happened: 127\.0\.0\.1:\d+ answered HTTP 500 \(ServiceFailure\)[^]*NEW password/,
    emulatorAttempts: 1,
    stored: 'old',
  },
  {
    name: 'ServiceFailure after applying: not retried, may have changed (it was)',
    faults: [{ kind: 'serviceFailure', action: CP, afterApply: true }],
    outcome: 'mayHaveChanged',
    code: /^ServiceFailure$/,
    told: /may have happened: 127\.0\.0\.1:\d+ answered HTTP 500 \(ServiceFailure\)/,
    emulatorAttempts: 1,
    stored: 'new',
  },
  {
    name: 'HTML 502 from a gateway after applying: not retried, may have changed (it was)',
    faults: [{ kind: 'badGateway', action: CP, afterApply: true }],
    outcome: 'mayHaveChanged',
    told: /may have happened: 127\.0\.0\.1:\d+ answered HTTP 502, but not with IAM's reply/,
    emulatorAttempts: 1,
    stored: 'new',
  },
  {
    name: 'Throttling: not retried (throttling is not a reason to send a password change twice), not changed',
    faults: [{ kind: 'throttling', action: CP, count: 10 }],
    outcome: 'notChanged',
    code: /^Throttling$/,
    told: /AWS is throttling requests \(Throttling\) and ChangePassword did not succeed \(attempts: 1\)\.\nYour password was not changed/,
    emulatorAttempts: 1,
    stored: 'old',
  },
  {
    name: 'EntityTemporarilyUnmodifiable: not retried (409), not changed',
    faults: [{ kind: 'entityTemporarilyUnmodifiable', action: CP }],
    outcome: 'notChanged',
    code: /^EntityTemporarilyUnmodifiable$/,
    told: /cannot change this user right now[^]*Your password was not changed/,
    emulatorAttempts: 1,
    stored: 'old',
  },
  {
    name: 'reset before apply: not retried, may have changed (it was not)',
    faults: [{ kind: 'resetBeforeApply', action: CP, count: 3 }],
    outcome: 'mayHaveChanged',
    code: /^ECONNRESET$/,
    told: /may have happened: the request reached 127\.0\.0\.1:\d+ but no answer came back \(connection reset\)/,
    emulatorAttempts: 1,
    stored: 'old',
  },
  {
    name: 'reset after apply: not retried, may have changed (it was)',
    faults: [{ kind: 'resetAfterApply', action: CP }],
    outcome: 'mayHaveChanged',
    code: /^ECONNRESET$/,
    told: /may have happened[^]*Sign in to the AWS console with the NEW password/,
    emulatorAttempts: 1,
    stored: 'new',
  },
  {
    // maxFailedPasswordAttempts 0: the account is locked out before the first attempt.
    name: 'LimitExceeded while locked out: not retried, not changed',
    emulator: { maxFailedPasswordAttempts: 0 },
    outcome: 'notChanged',
    code: /^LimitExceeded$/,
    told: /too many attempts to change this password[^]*Your password was not changed/,
    emulatorAttempts: 1,
    stored: 'old',
  },
  {
    name: 'no response within the read timeout: not retried, may have changed (it was not)',
    faults: [{ kind: 'noResponse', action: CP, count: 2 }],
    settings: { readTimeoutSeconds: 0.5, maxAttempts: 2 },
    outcome: 'mayHaveChanged',
    code: /^TimeoutError$/,
    told: /may have happened: the request reached 127\.0\.0\.1:\d+ but no answer came back \(no answer within 0\.5 s\)/,
    emulatorAttempts: 1,
    stored: 'old',
  },
  {
    name: "IAM's 200 reply cut short: may have changed (it was)",
    faults: [{ kind: 'malformedXml', action: CP }],
    outcome: 'mayHaveChanged',
    told: /may have happened: 127\.0\.0\.1:\d+ answered HTTP 200, but not with IAM's reply[^]*NEW password/,
    emulatorAttempts: 1,
    stored: 'new',
  },
  {
    name: "a 200 HTML page instead of IAM's reply: the SDK would accept it; may have changed (it was not)",
    faults: [{ kind: 'html200', action: CP }],
    outcome: 'mayHaveChanged',
    code: /^UnexpectedReply$/,
    told: /may have happened: 127\.0\.0\.1:\d+ answered HTTP 200, but not with IAM's reply/,
    emulatorAttempts: 1,
    stored: 'old',
  },
  {
    name: 'connection refused: not changed, nothing sent',
    target: 'closed port',
    outcome: 'notChanged',
    code: /^ECONNREFUSED$/,
    told: /Could not reach http:\/\/127\.0\.0\.1:\d+ \(connection refused\)[^]*iamPassword\.endpointUrl setting[^]*Nothing was sent/,
    emulatorAttempts: 0,
    clientAttempts: 3,
    neverSent: true,
    stored: 'old',
  },
  {
    name: 'DNS failure: not changed, nothing sent',
    target: 'unresolvable host',
    outcome: 'notChanged',
    code: /^(ENOTFOUND|EAI_AGAIN)$/,
    told: /Could not reach https:\/\/nonexistent\.invalid \(host nonexistent\.invalid (not found|could not be looked up)\)[^]*Nothing was sent/,
    emulatorAttempts: 0,
    clientAttempts: 3,
    neverSent: true,
    stored: 'old',
  },
  {
    name: 'TLS failure (untrusted certificate): not changed, nothing sent',
    target: 'untrusted https',
    outcome: 'notChanged',
    code: /^DEPTH_ZERO_SELF_SIGNED_CERT$/,
    told: /TLS certificate of 127\.0\.0\.1:\d+ is not trusted[^]*iamPassword\.caBundle[^]*Nothing was sent/,
    emulatorAttempts: 0,
    clientAttempts: 1,
    neverSent: true,
    stored: 'old',
  },
];

async function endpointFor(target: Target, fixture: EmulatorFixture): Promise<string | undefined> {
  switch (target) {
    case 'emulator':
      return undefined;
    case 'closed port':
      return `http://127.0.0.1:${await closedPort()}`;
    case 'unresolvable host':
      return 'https://nonexistent.invalid';
    case 'untrusted https':
      return fixture.emulator.httpsUrl;
  }
}

describe('fault matrix: ChangePassword through the extension IAM client', function () {
  for (const row of rows) {
    it(row.name, async function () {
      const target = row.target ?? 'emulator';
      const fixture = await EmulatorFixture.start({ ...row.emulator, https: target === 'untrusted https' });
      const endpointUrl = await endpointFor(target, fixture);
      const prepared = await prepareSession(fixture.files, 'alice', {
        settings: { maxAttempts: 3, ...row.settings, ...(endpointUrl ? { endpointUrl } : {}) },
      });
      const { session } = prepared;
      try {
        for (const fault of row.faults ?? []) {
          fixture.emulator.injectFault(fault);
        }
        const started = Date.now();
        const caught = await session.changePassword(ALICE_PASSWORD, NEW_PASSWORD).then(
          () => undefined,
          (error: unknown) => error,
        );
        const elapsed = Date.now() - started;

        if (row.outcome === undefined) {
          assert.equal(caught, undefined, `expected success, got ${String(caught)}`);
        } else {
          assert.ok(caught instanceof SessionFailure, `expected a SessionFailure, got ${String(caught)}`);
          const report = describeError(caught, prepared.errorContext);
          assert.equal(report.outcome, row.outcome, report.title);
          assert.match(`${report.title}\n${report.detail}`, row.told ?? assert.fail('a failing row says what the user is told'));
          if (row.code) {
            assert.match(caught.code, row.code);
          }
          const attempts = operationAttempts(caught);
          assert.equal(attempts.length, row.clientAttempts ?? row.emulatorAttempts, JSON.stringify(caught.calls));
          assert.equal(
            attempts.every((attempt) => !attempt.written),
            row.neverSent === true,
            JSON.stringify(attempts),
          );
        }
        assert.equal(fixture.changePasswordRequests(), row.emulatorAttempts);
        assert.equal(fixture.emulator.passwordOf('alice'), row.stored === 'new' ? NEW_PASSWORD : ALICE_PASSWORD);
        if (row.slowerThanMs !== undefined) {
          assert.ok(elapsed >= row.slowerThanMs, `took ${elapsed} ms`);
        }
      } finally {
        session.dispose();
        await fixture.stop();
      }
    });
  }

  it('plain http to a host that is not this machine is refused before any request', async function () {
    const problem = endpointProblem('http://nonexistent.invalid:80');
    assert.match(problem ?? '', /plain http to a host other than localhost/);
    const fixture = await EmulatorFixture.start();
    try {
      await assert.rejects(
        prepareSession(fixture.files, 'alice', { settings: { endpointUrl: 'http://nonexistent.invalid:80' } }),
        /would refuse this session: .*plain http/,
      );
      assert.equal(endpointProblem('https://nonexistent.invalid'), undefined);
      assert.equal(fixture.emulator.requests.length, 0);
    } finally {
      await fixture.stop();
    }
  });
});
