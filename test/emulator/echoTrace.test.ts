import assert from 'node:assert/strict';
import { SessionFailure } from '../../src/aws/sessionFailure';
import { describeError } from '../../src/aws/describeFailure';
import { hideEchoedSecrets } from '../../src/secrets/redact';
import { secretEncodings } from '../harness/leakAudit';
import { ALICE_MFA_CODE, ALICE_PASSWORD, CapturingLogger, EmulatorFixture, rejectionOf } from './coreClientSupport';
import { echoAnswer, type FormEcho } from './formEcho';

// Every character an encoder may treat specially: quotes, markup, &, +, space, slash, backslash, Latin-1.
const TRICKY_OLD = `Tr1cky "<&>" +'\u00e9\\/\u00fc`;
const TRICKY_NEW = `N3w & <b>"x"</b> +\u00e9/\u00fc'`;

/** Names each secret and encoding found in the text (never the secret itself). */
function leaksIn(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets).flatMap(([name, secret]) =>
    Object.entries(secretEncodings(secret))
      .filter(([, form]) => text.includes(form))
      .map(([encoding]) => `${name} (${encoding})`),
  );
}

/** The audit's encodings, and those of the everyEncoding echo: percent-encoded twice, base64, UTF-8 read as Latin-1. */
function everyEncoding(secret: string): Record<string, string> {
  return {
    ...secretEncodings(secret),
    'percent-encoded twice': encodeURIComponent(encodeURIComponent(secret)),
    base64: Buffer.from(secret).toString('base64'),
    'UTF-8 read as Latin-1': Buffer.from(secret, 'utf8').toString('latin1'),
  };
}

/** leaksIn with every encoding, and inside each base64 run of the text decoded at each of its 4 alignments. */
function deepLeaksIn(text: string, secrets: Record<string, string>): string[] {
  const decoded = [...text.matchAll(/[A-Za-z0-9+/]{8,}={0,2}/g)].flatMap((run) =>
    [0, 1, 2, 3].map((skip) => Buffer.from(run[0].slice(skip), 'base64').toString('utf8')),
  );
  return Object.entries(secrets).flatMap(([name, secret]) =>
    Object.entries(everyEncoding(secret)).flatMap(([encoding, form]) => [
      ...(text.includes(form) ? [`${name} (${encoding})`] : []),
      ...(decoded.some((part) => part.includes(form)) ? [`${name} (${encoding}, in base64)`] : []),
    ]),
  );
}

describe('an endpoint that echoes the request form: nothing secret reaches the trace', function () {
  let fixture: EmulatorFixture;

  afterEach(async function () {
    await fixture?.stop();
  });

  it('the echoing answers really hold every password in every encoding the audit looks for', function () {
    const params = new URLSearchParams({ Action: 'ChangePassword', OldPassword: TRICKY_OLD, NewPassword: TRICKY_NEW });
    const raw = params.toString();
    const xml = echoAnswer('xmlError', raw, params, 'ns', 'id').body;
    const html = echoAnswer('htmlGateway', raw, params, 'ns', 'id').body;
    assert.ok(xml.includes(secretEncodings(TRICKY_NEW)['xml-escaped']) && xml.includes(secretEncodings(TRICKY_NEW)['form-encoded (+ for space)']));
    for (const encoding of ['xml-escaped', 'numeric references', 'json-escaped', 'json \\u-escaped', 'form-encoded (+ for space)']) {
      assert.ok(html.includes(secretEncodings(TRICKY_OLD)[encoding]), encoding);
    }
  });

  const cases: { name: string; echo: FormEcho; changed: boolean }[] = [
    { name: 'an XML error quoting the form and the decoded values', echo: { style: 'xmlError' }, changed: false },
    { name: 'an HTML 502 gateway page, after IAM applied the change', echo: { style: 'htmlGateway', applied: true }, changed: true },
    { name: 'an HTML 502 gateway page, before IAM saw the request', echo: { style: 'htmlGateway' }, changed: false },
  ];
  for (const { name, echo, changed } of cases) {
    it(`ChangePassword answered with ${name}`, async function () {
      fixture = await EmulatorFixture.start({ faults: [] });
      const { session, prepared } = await fixture.open('alice', { settings: { maxAttempts: 1 } });
      // First to passwords that need escaping in every encoding, with nothing echoed.
      await session.changePassword(ALICE_PASSWORD, TRICKY_OLD);
      fixture.emulator.setFormEcho(echo);
      const error = await rejectionOf(session.changePassword(TRICKY_OLD, TRICKY_NEW));
      assert.ok(error instanceof SessionFailure, String(error));
      assert.equal(fixture.emulator.passwordOf('alice'), changed ? TRICKY_NEW : TRICKY_OLD);
      const secrets = { old: TRICKY_OLD, new: TRICKY_NEW, first: ALICE_PASSWORD };
      const log = prepared.logger.text();
      assert.deepEqual(leaksIn(log, secrets), [], 'the trace holds a password');
      const last =
        prepared.logger
          .at('trace')
          .filter((line) => /^<- \d+ ChangePassword/.test(line))
          .at(-1) ?? '';
      assert.match(
        last,
        new RegExp(`^<- ${echo.style === 'xmlError' ? 400 : 502} ChangePassword in \\d+ ms, request id [0-9a-f-]{36} \\(\\d+ bytes, not logged\\)$`),
        last,
      );
      // What the user is shown (and what reportFailure logs) goes through the same redaction.
      const report = describeError(error, prepared.errorContext);
      const shown = [report.title, report.detail, report.cliLine].map((text) => hideEchoedSecrets(text, session.knownSecrets()));
      assert.deepEqual(leaksIn(shown.map((s) => s.text).join('\n'), secrets), [], 'a shown message holds a password');
      if (echo.style === 'xmlError') {
        assert.ok(
          leaksIn(`${report.title} ${report.cliLine}`, secrets).length > 0,
          'the SDK did not put the echoed message into the error: this test proves nothing',
        );
        assert.ok(shown.some((s) => s.hidden));
      }
    });
  }

  it('an echoed MFA code is hidden in the traced GetSessionToken answer, which is logged', async function () {
    fixture = await EmulatorFixture.start({ formEcho: { style: 'xmlError', action: 'GetSessionToken' } });
    const { session, prepared } = await fixture.open('alice-mfa', { mfaCode: ALICE_MFA_CODE, settings: { maxAttempts: 1 } });
    await rejectionOf(session.whoAmI());
    const answer = prepared.logger.at('trace').find((line) => /^<- 400 GetSessionToken/.test(line)) ?? assert.fail(prepared.logger.text());
    assert.match(answer, /TokenCode=\*\*\*/);
    assert.deepEqual(leaksIn(prepared.logger.text(), { mfa: ALICE_MFA_CODE }), []);
  });

  it("a later call of the session answered with ChangePassword's form in every encoding (raw, percent-encoded once and twice, XML and JSON escapes, base64, UTF-8 read as Latin-1): its traced answer holds neither password", async function () {
    fixture = await EmulatorFixture.start({ faults: [] });
    const { session, prepared } = await fixture.open('alice', { settings: { maxAttempts: 1 } });
    await session.changePassword(ALICE_PASSWORD, TRICKY_OLD);
    // A debugging gateway that shows the last ChangePassword it passed on, in answer to the next GetCallerIdentity.
    fixture.emulator.setFormEcho({ style: 'everyEncoding', action: 'GetCallerIdentity', replay: 'ChangePassword' });
    await session.changePassword(TRICKY_OLD, TRICKY_NEW);
    assert.equal(fixture.emulator.passwordOf('alice'), TRICKY_NEW);
    await rejectionOf(session.whoAmI());
    const secrets = { old: TRICKY_OLD, new: TRICKY_NEW, first: ALICE_PASSWORD };
    const answer = prepared.logger.at('trace').find((line) => /^<- 502 GetCallerIdentity/.test(line)) ?? assert.fail(prepared.logger.text());
    // The echo was traced: the form's names and the page are in it, each value hidden.
    assert.match(answer, /OldPassword: \*\*\* \| \*\*\* \| /);
    assert.match(answer, /NewPassword: \*\*\* \| /);
    assert.match(answer, /form \(base64\): /);
    assert.deepEqual(deepLeaksIn(prepared.logger.text(), secrets), [], 'the trace holds a password');
  });

  it('the everyEncoding echo holds each password in each encoding, and the check above finds them when nothing redacts', function () {
    const params = new URLSearchParams({ Action: 'ChangePassword', OldPassword: TRICKY_OLD, NewPassword: TRICKY_NEW });
    const { body } = echoAnswer('everyEncoding', params.toString(), params, 'ns', 'id');
    for (const secret of [TRICKY_OLD, TRICKY_NEW]) {
      for (const [encoding, form] of Object.entries(everyEncoding(secret))) {
        assert.ok(body.includes(form) || encoding.startsWith('url-encoded') || encoding.startsWith('form-encoded'), encoding);
      }
    }
    // The whole form in base64 spells each password URL-encoded, at its own alignment.
    const withoutValues = body.replace(/^(Old|New)Password: .*$/gm, '');
    assert.deepEqual(deepLeaksIn(withoutValues, { new: TRICKY_NEW }), ['new (form-encoded (+ for space), in base64)']);
  });

  it('a capturing logger sees the passwords when nothing redacts: the check above can fail', function () {
    const logger = new CapturingLogger();
    logger.trace(echoAnswer('htmlGateway', '', new URLSearchParams({ NewPassword: TRICKY_NEW }), 'ns', 'id').body);
    assert.ok(leaksIn(logger.text(), { new: TRICKY_NEW }).length >= 4);
  });
});
