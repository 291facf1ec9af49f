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

  it('a capturing logger sees the passwords when nothing redacts: the check above can fail', function () {
    const logger = new CapturingLogger();
    logger.trace(echoAnswer('htmlGateway', '', new URLSearchParams({ NewPassword: TRICKY_NEW }), 'ns', 'id').body);
    assert.ok(leaksIn(logger.text(), { new: TRICKY_NEW }).length >= 4);
  });
});
