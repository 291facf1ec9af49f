// Every reader of input someone else controls, fed generated and adversarial text: it never throws,
// every range it reports lies inside the text, and 1 MB of any adversarial shape is read in linear time.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isChangePasswordResponse } from '../../../src/aws/changePasswordReply';
import { proxyConfig } from '../../../src/aws/proxy';
import { endpointProblem } from '../../../src/aws/safeEndpoint';
import { parseChangePasswordFile } from '../../../src/changePasswordFile/parse';
import { parseProfiles } from '../../../src/profiles/profileList';
import { redactResponseBody } from '../../../src/secrets/redact';
import { adversarialTexts, assertLinear, textOf } from './linearInput';

const PATHS = { configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' };
const RUNS = { numRuns: 500 };

describe('readers of input someone else controls, fuzzed', function () {
  this.timeout(120_000);

  describe('the AWS config and credentials files', () => {
    const alphabet = [
      '[',
      ']',
      '=',
      '#',
      ';',
      ' ',
      '\t',
      '\r',
      '\n',
      '\r\n',
      '\u2028',
      '"',
      "'",
      'profile ',
      'sso-session ',
      'services ',
      '__proto__',
      'default',
      'x',
      'region',
      'role_arn',
      'source_profile',
      'aws_secret_access_key',
      'credential_process',
      'sso_session',
      'iam',
      ':',
      '.',
      '\ufeff',
      '\0',
      '\ufffd',
      'é',
    ];

    it('reads any text without throwing, and keeps no secret value', () => {
      fc.assert(
        fc.property(textOf(alphabet), textOf(alphabet), fc.stringMatching(/^[A-Za-z0-9]{12,20}$/), (config, credentials, secret) => {
          const list = parseProfiles(config, `${credentials}\n[k]\naws_secret_access_key = ${secret}\n`, PATHS, {});
          assert.ok(!JSON.stringify(list).includes(secret));
          for (const problem of list.problems) {
            assert.ok(problem.line >= 1, JSON.stringify(problem));
          }
        }),
        RUNS,
      );
    });

    it('reads 1 MB of each adversarial shape in linear time', () => {
      assertLinear((text) => parseProfiles(text, text, PATHS, {}), adversarialTexts(['[', ']', '=', ' ', '\t', '\r', '\u2028', '#', 'a', '\n']));
    });
  });

  for (const format of ['json', 'yaml'] as const) {
    describe(`change-password files (${format})`, () => {
      const alphabet =
        format === 'json'
          ? [
              '{',
              '}',
              '[',
              ']',
              '"',
              '\\',
              ':',
              ',',
              ' ',
              '\n',
              '/',
              '*',
              '//',
              'OldPassword',
              'NewPassword',
              '"OldPassword"',
              'u00',
              'x',
              '1',
              'true',
              'null',
              '\t',
              '\u00a0',
              '\u0085',
            ]
          : [
              'OldPassword',
              'NewPassword',
              ':',
              ' ',
              '\t',
              '#',
              '\n',
              '\r\n',
              "'",
              '"',
              '\\',
              '-',
              '---',
              '...',
              '&',
              '*',
              '!',
              '|',
              '>',
              '[',
              '{',
              'x',
              '1',
              'true',
              '~',
              '\u00a0',
              '\u0085',
              '%',
            ];

      it('reads any text without throwing; every problem and value lies inside the text', () => {
        fc.assert(
          fc.property(textOf(alphabet), (text) => {
            const parsed = parseChangePasswordFile(text, format);
            for (const range of [...parsed.problems.map((p) => p.range), ...Object.values(parsed.valueRanges)]) {
              assert.ok(range && range.start >= 0 && range.start <= range.end && range.end <= text.length, JSON.stringify(range));
            }
          }),
          RUNS,
        );
      });

      it('reads 1 MB of each adversarial shape in linear time', () => {
        assertLinear(
          (text) => parseChangePasswordFile(text, format),
          adversarialTexts(format === 'json' ? ['"', '\\', '/', '*', ' ', '{', '\n'] : [' ', '\t', '#', ':', "'", '"', '\\', '\n']),
        );
      });
    });
  }

  describe("ChangePassword's 2xx reply check", () => {
    it('never throws, and takes no text that does not start with the reply', () => {
      fc.assert(
        fc.property(textOf(['<', '>', '!', '-', '?', 'xml', ' ', '<!--', '-->', 'ChangePasswordResponse', '\ufeff', 'x']), (body) => {
          if (isChangePasswordResponse(body)) {
            assert.match(body, /<ChangePasswordResponse[\s>]/);
          }
        }),
        RUNS,
      );
    });

    it('reads 1 MB of each adversarial shape in linear time', () => {
      assertLinear(isChangePasswordResponse, adversarialTexts(['<!--', '-->', '<?xml', '?>', ' ', '<', '-']));
    });
  });

  describe('response bodies in the trace', () => {
    it('never throws, and hides a secret member or element whatever surrounds it', () => {
      fc.assert(
        fc.property(
          textOf(['"', '\\', ':', ' ', '{', '}', '<', '>', '/', 'x', '<![CDATA[', ']]>']),
          fc.stringMatching(/^[a-z0-9]{10,16}$/),
          (noise, secret) => {
            const redacted = redactResponseBody(`${noise}<SessionToken>${secret}</SessionToken>{"SecretAccessKey": "${secret}"}`);
            assert.ok(!redacted.includes(secret), redacted);
          },
        ),
        RUNS,
      );
    });

    it('reads 1 MB of each adversarial shape in linear time', () => {
      assertLinear(redactResponseBody, adversarialTexts(['"', '\\"', '"a":', '<SessionToken>', '<![CDATA[', '<a ', '{"Token": ']));
    });
  });

  describe('proxy URLs', () => {
    const credential = fc.string({ unit: fc.constantFrom('a', 'Z', '9', '@', ':', '/', '#', '?', '%', ' ', '[', ']'), minLength: 1, maxLength: 10 });

    it('never shows or logs the password, whether or not the value parses', () => {
      fc.assert(
        fc.property(
          credential,
          fc.constantFrom('http://', 'https://', ''),
          fc.constantFrom('proxy.corp:3128', 'proxy.corp:99999', '[::1]:8080', 'p'),
          (secret, scheme, host) => {
            const password = `Pw${secret}Z`;
            const value = `${scheme}alice:${password}@${host}`;
            let shown: string;
            try {
              const config = proxyConfig(undefined, { HTTPS_PROXY: value });
              shown = `${config?.label} ${config?.source}`;
            } catch (error) {
              shown = (error as Error).message;
            }
            assert.ok(!shown.includes(password), shown);
          },
        ),
        RUNS,
      );
    });

    it('reads 1 MB of each adversarial shape in linear time', () => {
      assertLinear(
        (value) => {
          try {
            proxyConfig(undefined, { HTTPS_PROXY: value });
          } catch {
            // Refused: the point is how long it took.
          }
        },
        adversarialTexts(['a', ':', '/', '@', '%']),
      );
    });
  });

  describe('endpoint URLs', () => {
    it('never throws on any text', () => {
      fc.assert(
        fc.property(fc.string(), (url) => typeof (endpointProblem(url) ?? '') === 'string'),
        RUNS,
      );
    });
  });
});
