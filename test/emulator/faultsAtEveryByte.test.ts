/**
 * Faults at every byte: the ChangePassword exchange broken at each byte offset (sampled in CI, all
 * of them with IAMPW_FULL_FAULT_SWEEP=1) by a relay between the extension's session and the
 * emulator (faultRelay.ts), over plain http and TLS, on a new and on a reused kept-alive
 * connection, direct and through a CONNECT proxy. Every case holds what the person is told against
 * the password the emulator holds afterwards, and counts the requests that reached it.
 *
 * The proxy routes put the relay between tinyproxy and the emulator: client -> tinyproxy -> relay
 * -> emulator. The relay then sees the same TLS stream as on the direct route (its offsets mean
 * the same), and the faults are those of the network beyond the proxy, which the client only sees
 * through the proxy's tunnel (tinyproxy turns a reset into a close, for one). A fault between the
 * client and the proxy would mostly hit the CONNECT exchange, which proxy.test.ts covers.
 */
import assert from 'node:assert/strict';
import { describeError } from '../../src/aws/describeFailure';
import { SessionFailure } from '../../src/aws/sessionFailure';
import { ALICE_PASSWORD, EmulatorFixture, NEW_PASSWORD, operationAttempts, prepareSession, type PreparedSession } from './coreClientSupport';
import type { RequestRecord } from './index';
import { type Exchange, type FaultKind, type FaultPlan, type FaultRelay, type FaultStream, requestMayHaveLeft, startFaultRelay } from './faultRelay';
import { requireTinyproxy, Tinyproxy } from './tinyproxy';

/** Every offset of both streams, every kind at each (slow: minutes to hours). */
const FULL_SWEEP = process.env.IAMPW_FULL_FAULT_SWEEP === '1';
/** Small, so that a stall costs little, yet long enough for tinyproxy on a busy machine. */
const READ_TIMEOUT_SECONDS = 1;
const MAX_ATTEMPTS = 2;
/** Far past MAX_ATTEMPTS read timeouts: a case still waiting then is cancelled, and fails. */
const CASE_DEADLINE_MS = 3000;

interface Route {
  name: string;
  tls: boolean;
  reuse: boolean;
  proxy: boolean;
}

const ROUTES: Route[] = [
  { name: 'http, new connection', tls: false, reuse: false, proxy: false },
  { name: 'http, reused connection', tls: false, reuse: true, proxy: false },
  { name: 'https, new connection', tls: true, reuse: false, proxy: false },
  { name: 'https, reused connection', tls: true, reuse: true, proxy: false },
  { name: 'https via CONNECT proxy, new connection', tls: true, reuse: false, proxy: true },
  { name: 'https via CONNECT proxy, reused connection', tls: true, reuse: true, proxy: true },
];

type Told = 'changed' | 'not changed' | 'may have changed';

/** What the person reads, reduced to what it says about the password (as outcomeTruth.test.ts reads it). */
function toldBy(text: string): Told | string {
  if (/may have (happened|changed)/i.test(text)) {
    return /not changed|Nothing was sent/i.test(text) ? `contradicts itself: ${text}` : 'may have changed';
  }
  if (/was not changed|Nothing was sent/i.test(text)) {
    return 'not changed';
  }
  return `says nothing about the password: ${text}`;
}

interface CaseResult {
  route: string;
  kind: FaultKind;
  stream: FaultStream;
  offset: number;
  told: Told | string;
  holds: 'new' | 'old';
  /** What the person reads (or "Password changed"), and the error code. */
  words: string;
  code: string;
  clientAttempts: number;
  emulatorRequests: number;
  /** By what reached the relay, a byte of the request may have left the client (on any connection). */
  mayHaveLeft: boolean;
  /** The fault was applied (an answer offset past the end never is). */
  faulted: boolean;
  problems: string[];
}

/** Where the streams of a clean exchange have their edges, from one run through the relay. */
interface Calibration {
  requestBytes: number;
  answerBytes: number;
  /** Offsets of the request stream around its edges: start, end of headers (http) or records (TLS), end. */
  requestEdges: number[];
  answerEdges: number[];
  /** A short list for the slow kinds (stall, flip): start, the middle edge, the end. */
  requestFew: number[];
  answerFew: number[];
  describe: string;
}

/** Sorted, unique, within [0, limit]. */
function offsets(values: number[], limit: number): number[] {
  return [...new Set(values.filter((v) => v >= 0 && v <= limit))].sort((a, b) => a - b);
}

function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i += step) {
    out.push(i);
  }
  return out;
}

/** Each edge e gives e-2 .. e+2. */
function around(edges: number[]): number[] {
  return edges.flatMap((e) => range(e - 2, e + 2));
}

class Bench {
  relay!: FaultRelay;
  fixture!: EmulatorFixture;
  proxy: Tinyproxy | undefined;
  calibration!: Calibration;
  readonly results: CaseResult[] = [];

  constructor(readonly route: Route) {}

  async start(): Promise<void> {
    // One emulator for the route (an https one costs a certificate); each case sets alice's password back.
    this.fixture = await EmulatorFixture.start({ https: this.route.tls }, { https: this.route.tls });
    const { emulator } = this.fixture;
    const emulatorUrl = new URL((this.route.tls ? emulator.httpsUrl : emulator.url) ?? assert.fail('the emulator serves https'));
    this.relay = await startFaultRelay({ target: { host: '127.0.0.1', port: Number(emulatorUrl.port) }, tls: this.route.tls, keepBytes: !this.route.tls });
    if (this.route.proxy) {
      this.proxy = await Tinyproxy.start({ connectPorts: [this.relay.port] });
    }
    this.calibration = await this.calibrate();
  }

  async stop(): Promise<void> {
    await this.proxy?.stop();
    await this.relay?.stop();
    await this.fixture?.stop();
  }

  /**
   * Runs ChangePassword through the relay with the plan (undefined: no fault) and judges what the
   * session said against what the emulator holds.
   */
  async run(plan: FaultPlan | undefined): Promise<{ result: CaseResult; exchange: Exchange | undefined; error: unknown; prepared: PreparedSession }> {
    const { route, relay, fixture } = this;
    const { emulator } = fixture;
    relay.reset();
    emulator.setPassword('alice', ALICE_PASSWORD);
    const mark = emulator.requests.length;
    const changes = (): RequestRecord[] => emulator.requests.slice(mark).filter((r) => r.action === 'ChangePassword');
    // When each ChangePassword attempt was sent, as the session logs it.
    const attemptsAt: number[] = [];
    const prepared = await prepareSession(fixture.files, 'alice', {
      onLog: ({ message }) => {
        if (/^-> POST .*\(ChangePassword, attempt \d\)/.test(message)) {
          attemptsAt.push(Date.now());
        }
      },
      settings: {
        endpointUrl: `${route.tls ? 'https' : 'http'}://127.0.0.1:${relay.port}`,
        caBundle: fixture.files.caBundleFile ?? '',
        readTimeoutSeconds: READ_TIMEOUT_SECONDS,
        connectTimeoutSeconds: 2,
        maxAttempts: MAX_ATTEMPTS,
      },
      env: this.proxy ? { HTTPS_PROXY: this.proxy.url() } : {},
    });
    const { session } = prepared;
    try {
      if (route.reuse) {
        assert.equal((await session.getPasswordPolicy()).kind, 'account');
      }
      relay.arm(plan, () => changes().some((r) => r.status !== undefined));
      // Bounded: past the deadline the case cancels, as the person would, and fails for having waited.
      const abort = new AbortController();
      const timers: NodeJS.Timeout[] = [];
      let waitedPastDeadline = false;
      const ended = new Promise<'never ended'>((resolve) => {
        timers.push(
          setTimeout(() => {
            waitedPastDeadline = true;
            abort.abort();
            timers.push(setTimeout(() => resolve('never ended'), 1000));
          }, CASE_DEADLINE_MS),
        );
      });
      const error = await Promise.race([
        session.changePassword(ALICE_PASSWORD, NEW_PASSWORD, abort.signal).then(
          () => undefined,
          (caught: unknown) => caught,
        ),
        ended,
      ]);
      timers.forEach(clearTimeout);
      // A request the emulator is still running settles first (bounded).
      for (let waited = 0; changes().some((r) => r.status === undefined && r.outcome === 'NotProcessed') && waited < 500; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const holds = emulator.passwordOf('alice') === NEW_PASSWORD ? 'new' : 'old';
      const exchange = relay.exchanges[0];
      const clientAttempts = attemptsAt.length;
      const left = relay.exchanges.map((e) => e.leftAt).filter((at): at is number => at !== undefined);
      const firstLeft = left.length > 0 ? Math.min(...left) : undefined;
      const emulatorRequests = changes().length;
      const result: CaseResult = {
        route: route.name,
        kind: plan?.kind ?? 'fin',
        stream: plan?.stream ?? 'answer',
        offset: plan?.offset ?? -1,
        told: 'changed',
        holds,
        words: 'Password changed',
        code: '',
        clientAttempts,
        emulatorRequests,
        mayHaveLeft: firstLeft !== undefined,
        faulted: exchange?.faulted ?? false,
        problems: [],
      };
      const problems = result.problems;
      if (waitedPastDeadline) {
        result.problems.push(
          `no outcome within ${CASE_DEADLINE_MS / 1000} s although readTimeoutSeconds is ${READ_TIMEOUT_SECONDS}: the wait was cancelled` +
            (error === 'never ended' ? ', and even the cancel did not end it' : ''),
        );
      }
      if (error === 'never ended') {
        result.told = 'no outcome';
      } else if (error !== undefined) {
        if (!(error instanceof SessionFailure)) {
          problems.push(`not a SessionFailure: ${String(error)}`);
        } else {
          const report = describeError(error, prepared.errorContext);
          result.told = toldBy(`${report.title}\n${report.detail}`);
          result.words = `${report.title} ${report.detail}`;
          result.code = error.code;
          if ((report.outcome === 'mayHaveChanged') !== (result.told === 'may have changed')) {
            problems.push(`outcome ${report.outcome} but the words say "${result.told}"`);
          }
          const attempts = operationAttempts(error);
          if (attempts.slice(0, -1).some((a) => a.written)) {
            problems.push(`retried after an attempt the session itself counts as written: ${JSON.stringify(attempts)}`);
          }
        }
      }
      if (result.told !== 'changed' && result.told !== 'not changed' && result.told !== 'may have changed') {
        problems.push(result.told.replace(/:.*/s, ''));
      }
      // The truth: never "not changed" while IAM holds the new password, never "changed" while it holds the old.
      if (result.told === 'changed' && holds !== 'new') {
        problems.push('told "changed" while IAM holds the old password');
      }
      if (result.told === 'not changed' && holds !== 'old') {
        problems.push('told "not changed" while IAM holds the new password');
      }
      // "Not changed" only when nothing of the request left, or IAM itself refused it: IAM answered
      // this request with an error and the answer reached the client untouched (a flipped request byte).
      // A flipped body may fail the signature check before IAM reads the action: any 4xx it answered counts.
      const iamRefused = emulator.requests.slice(mark).some((r) => r.status !== undefined && r.status >= 400 && r.status < 500);
      if (result.told === 'not changed' && result.mayHaveLeft && !(plan?.kind === 'flip' && iamRefused)) {
        problems.push('told "not changed" although a byte of the request may have left and IAM did not refuse it (a guess)');
      }
      // A written request is never sent again.
      if (emulatorRequests > 1) {
        problems.push(`ChangePassword reached IAM ${emulatorRequests} times`);
      }
      if (firstLeft !== undefined && attemptsAt.some((at) => at > firstLeft)) {
        problems.push(`sent again (${clientAttempts} attempts) after the relay had seen bytes of the request`);
      }
      if (relay.exchanges.length > clientAttempts) {
        problems.push(`the relay saw ${relay.exchanges.length} connections with request bytes for ${clientAttempts} attempts`);
      }
      if (exchange && exchange.reused !== route.reuse) {
        problems.push(`ChangePassword went over a ${exchange.reused ? 'reused' : 'new'} connection`);
      }
      return { result, exchange, error, prepared };
    } finally {
      session.dispose();
      relay.reset();
    }
  }

  /** One clean exchange: where its streams begin and end, and that the route works at all. */
  private async calibrate(): Promise<Calibration> {
    const { result, exchange } = await this.run(undefined);
    assert.deepEqual([result.told, result.holds, result.problems], ['changed', 'new', []], 'a clean change through the relay');
    assert.ok(exchange && exchange.answerStart !== undefined, 'the relay saw the answer');
    const requestBytes = exchange.requestBytes;
    const answerBytes = exchange.serverBytes - exchange.answerStart;
    let requestEdges: number[];
    let answerEdges: number[];
    let requestMiddle: number;
    let answerMiddle: number;
    if (!this.route.tls) {
      const request = Buffer.concat(exchange.requestCopy);
      const answer = Buffer.concat(exchange.serverCopy).subarray(exchange.answerStart);
      const requestHeadersEnd = request.indexOf('\r\n\r\n') + 4;
      const answerHeadersEnd = answer.indexOf('\r\n\r\n') + 4;
      assert.ok(requestHeadersEnd > 4 && answerHeadersEnd > 4, 'http headers in the streams');
      assert.match(answer.toString('latin1'), /^HTTP\/1\.1 200 OK\r\n[^]*<ChangePasswordResponse/);
      requestEdges = [0, requestHeadersEnd, requestBytes - 1];
      answerEdges = [0, answerHeadersEnd, answerBytes];
      requestMiddle = requestHeadersEnd;
      answerMiddle = answerHeadersEnd;
    } else {
      // TLS 1.3: the request is application data (type 23), and on a new connection the first such record is the client's Finished.
      const appRecords = exchange.clientRecords.filter((type) => type === 23).length;
      assert.equal(appRecords, this.route.reuse ? 1 : 2, `client records ${JSON.stringify(exchange.clientRecords)}`);
      assert.ok(requestMayHaveLeft(exchange, true));
      const answerRecords = exchange.serverRecordStarts.map((start) => start - (exchange.answerStart ?? 0)).filter((start) => start >= 0);
      requestEdges = [0, ...exchange.clientRecordStarts, requestBytes - 1];
      answerEdges = [0, ...answerRecords, answerBytes];
      // The request's own record on a new connection; the last record of the answer.
      requestMiddle = exchange.clientRecordStarts[exchange.clientRecordStarts.length - 1] + 5;
      answerMiddle = answerRecords[answerRecords.length - 1] + 5;
    }
    return {
      requestBytes,
      answerBytes,
      requestEdges,
      answerEdges,
      requestFew: offsets([0, requestMiddle, requestBytes - 1], requestBytes - 1),
      answerFew: offsets([0, answerMiddle, answerBytes - 1, answerBytes], answerBytes),
      describe:
        `request ${requestBytes} bytes (edges ${requestEdges.join(', ')}), answer ${answerBytes} bytes (edges ${answerEdges.join(', ')}), ` +
        `bursts ${exchange.bursts.map((b) => `${b.from === 'client' ? '>' : '<'}${b.bytes}`).join(' ')}`,
    };
  }

  /** The offsets a kind is tried at on a stream. */
  offsetsFor(stream: FaultStream, kind: FaultKind): number[] {
    const c = this.calibration;
    const last = stream === 'request' ? c.requestBytes - 1 : c.answerBytes;
    if (FULL_SWEEP) {
      return range(0, last);
    }
    if (kind === 'stall' || kind === 'flip') {
      return stream === 'request' ? c.requestFew : c.answerFew;
    }
    const edges = offsets(around(stream === 'request' ? c.requestEdges : c.answerEdges), last);
    if (stream === 'answer' && !this.route.tls) {
      // Plain http: every byte of the answer.
      return range(0, last);
    }
    // A stride through the rest: a prime, so it meets no record or header length in step.
    return offsets([...edges, ...range(0, last, this.route.tls ? 37 : 23)], last);
  }
}

const KINDS: Record<FaultStream, FaultKind[]> = {
  // The server never gets the whole request (or gets a corrupted one: flip).
  request: ['fin', 'rst', 'garbage', 'plaintext', 'stall', 'flip'],
  // The server has answered (the change applied) when the fault comes.
  answer: ['fin', 'rst', 'garbage', 'plaintext', 'stall'],
};

const allResults: CaseResult[] = [];

function caseLine(r: CaseResult): string {
  const told = /^(changed|not changed|may have changed)$/.test(r.told) ? r.told : r.told.replace(/:.*/s, '');
  return (
    `${r.route} | ${r.stream} ${r.kind} at ${r.offset} | told "${told}" | IAM holds the ${r.holds} password | ` +
    `attempts ${r.clientAttempts}, reached IAM ${r.emulatorRequests} | ${r.code ? `${r.code}: ` : ''}${r.words.replace(/\n/g, ' ')} | ` +
    r.problems.map((p) => p.replace(/\n/g, ' ')).join('; ')
  );
}

describe('faults at every byte: ChangePassword broken at each offset, what the person is told against what IAM holds', function () {
  for (const route of ROUTES) {
    describe(route.name, function () {
      const bench = new Bench(route);

      before(async function () {
        this.timeout(30000);
        if (route.proxy) {
          requireTinyproxy(this);
        }
        await bench.start();
        console.log(`      ${route.name}: ${bench.calibration.describe}`);
      });

      after(async function () {
        await bench.stop();
        allResults.push(...bench.results);
      });

      for (const stream of ['request', 'answer'] as const) {
        for (const kind of KINDS[stream]) {
          it(`${stream} stream, ${kind}`, async function () {
            const planned = bench.offsetsFor(stream, kind);
            // A bound only: a case ends by its deadline, and the others take milliseconds.
            this.timeout(planned.length * (kind === 'stall' || kind === 'flip' ? CASE_DEADLINE_MS + 2000 : 1000) + 30000);
            const failed: CaseResult[] = [];
            for (const offset of planned) {
              const { result } = await bench.run({ kind, stream, offset });
              bench.results.push(result);
              if (result.problems.length > 0) {
                failed.push(result);
              }
            }
            if (stream === 'answer') {
              // IAM answered before every fault of the answer stream: it holds the new password.
              const old = bench.results.filter((r) => r.stream === 'answer' && r.kind === kind && r.holds !== 'new');
              assert.deepEqual(old.map(caseLine), [], 'an answer-stream case where IAM had not applied the change');
            }
            assert.ok(
              failed.length === 0,
              `${failed.length} of ${planned.length} cases told something false or sent twice:\n${failed.slice(0, 40).map(caseLine).join('\n')}`,
            );
          });
        }
      }
    });
  }

  after(function () {
    const count = (pick: (r: CaseResult) => boolean): number => allResults.filter(pick).length;
    const byRoute = ROUTES.map((route) => `${route.name}: ${count((r) => r.route === route.name)}`).join('; ');
    const byKind = (['request', 'answer'] as const)
      .map((stream) => `${stream} ${KINDS[stream].map((kind) => `${kind} ${count((r) => r.stream === stream && r.kind === kind)}`).join(', ')}`)
      .join('; ');
    const pairs = ['changed/new', 'may have changed/new', 'may have changed/old', 'not changed/old', 'changed/old', 'not changed/new'];
    const byTruth = pairs.map((pair) => `${pair} ${count((r) => `${r.told}/${r.holds}` === pair)}`).join(', ');
    const retried = count((r) => r.clientAttempts > 1);
    const wrong = count((r) => r.problems.length > 0);
    console.log(
      `\nfaults at every byte${FULL_SWEEP ? ' (full sweep)' : ''}: ${allResults.length} cases, ${wrong} told something false or sent twice.\n` +
        `  by route: ${byRoute}\n  by stream and kind: ${byKind}\n  told/IAM holds: ${byTruth}\n` +
        `  retried (the first attempt provably never left): ${retried}\n`,
    );
  });
});

// After the sweep's routes (mocha runs a suite's own tests before its inner suites, so this is a suite of its own).
describe('faults at every byte: the sweep as a whole', function () {
  it('ran every fault kind on both streams on all six routes, and no case told something false or sent ChangePassword twice', function () {
    requireTinyproxy(this);
    const missing = ROUTES.flatMap((route) =>
      (['request', 'answer'] as const).flatMap((stream) =>
        KINDS[stream]
          .filter((kind) => !allResults.some((r) => r.route === route.name && r.stream === stream && r.kind === kind && r.faulted))
          .map((kind) => `${route.name}: ${stream} ${kind}`),
      ),
    );
    assert.deepEqual(missing, [], 'a route, stream and kind with no faulted case');
    assert.deepEqual(allResults.filter((r) => r.problems.length > 0).map(caseLine), []);
    // After IAM applied it, on each route: never "not changed", and ChangePassword reached IAM once.
    const applied = allResults.filter((r) => r.stream === 'answer' && r.faulted);
    assert.deepEqual(applied.filter((r) => r.holds !== 'new' || r.told === 'not changed' || r.emulatorRequests !== 1).map(caseLine), []);
  });
});

describe('TLS errors and the password: a broken TLS stream after the request left, and a handshake answered in plain text', function () {
  it('a reused TLS connection, IAM has applied ChangePassword, the relay answers with plain text: a TLS error, "may have changed", IAM holds the new password', async function () {
    this.timeout(30000);
    const bench = new Bench({ name: 'https, reused connection', tls: true, reuse: true, proxy: false });
    await bench.start();
    try {
      const { result, error, prepared, exchange } = await bench.run({ kind: 'plaintext', stream: 'answer', offset: 0 });
      assert.ok(exchange?.reused && exchange.faulted, 'the answer of a reused connection was replaced');
      assert.ok(error instanceof SessionFailure, String(error));
      assert.match(error.code, /^(ERR_SSL_|EPROTO$)/, 'the client met a TLS-layer error');
      assert.equal(describeError(error, prepared.errorContext).outcome, 'mayHaveChanged');
      assert.equal(result.holds, 'new', 'IAM applied the change');
      assert.equal(result.told, 'may have changed', result.words);
      assert.deepEqual([result.clientAttempts, result.emulatorRequests], [1, 1], 'attempts sent, and ChangePassword requests IAM got');
      assert.deepEqual(result.problems, []);
    } finally {
      await bench.stop();
    }
  });

  it('a new TLS connection whose handshake is answered with plain text, every attempt: "not changed", IAM holds the old password and got nothing', async function () {
    this.timeout(30000);
    const bench = new Bench({ name: 'https, new connection', tls: true, reuse: false, proxy: false });
    await bench.start();
    try {
      const { result, error, prepared } = await bench.run({ kind: 'plaintext', stream: 'request', offset: 0, everyConnection: true });
      assert.ok(error instanceof SessionFailure, String(error));
      const attempts = operationAttempts(error);
      assert.ok(attempts.length >= 1 && attempts.every((a) => !a.written), `no attempt's connection was up: ${JSON.stringify(attempts)}`);
      assert.equal(result.mayHaveLeft, false, 'no byte of the request reached the relay');
      assert.deepEqual([result.holds, result.emulatorRequests], ['old', 0], 'IAM holds the old password and got no ChangePassword');
      assert.equal(describeError(error, prepared.errorContext).outcome, 'notChanged');
      // What the person reads must say so.
      assert.equal(result.told, 'not changed', `${error.code}: ${result.words}`);
      assert.deepEqual(result.problems, []);
    } finally {
      await bench.stop();
    }
  });
});
