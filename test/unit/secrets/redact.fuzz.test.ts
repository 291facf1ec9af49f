import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hideEchoedSecrets, redactKnownSecrets } from '../../../src/secrets/redact';
import { secretEncodings } from '../../harness/leakAudit';

/** Every form an echoing server may hand back: the audit's encodings, twice percent-encoded, and UTF-8 read as Latin-1. */
function echoedForms(secret: string): Record<string, string> {
  return {
    ...secretEncodings(secret),
    'percent-encoded twice': encodeURIComponent(encodeURIComponent(secret)),
    'UTF-8 read as Latin-1': Buffer.from(secret, 'utf8').toString('latin1'),
  };
}

/** The base64 characters that only `inner` shapes, when `before + inner + after` is base64-encoded. */
function base64Inside(before: string, inner: string, after: string): string {
  const [start, length] = [Buffer.byteLength(before), Buffer.byteLength(inner)];
  const encoded = Buffer.from(before + inner + after).toString('base64');
  return encoded.slice(Math.ceil((start * 8) / 6), Math.floor(((start + length) * 8) / 6));
}

// Passwords IAM takes: 8 to 128 characters of [\t\n\r\x20-\xFF]; some with characters beyond, as an echo may carry any.
const password = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 8, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 8, maxLength: 24 }),
);
const surrounding = fc.string({ maxLength: 30 });

describe('redaction, fuzzed: a known secret never survives in any form an echoing server uses', () => {
  it('hides the secret in every encoding, between any text', () => {
    fc.assert(
      fc.property(password, surrounding, surrounding, (secret, before, after) => {
        for (const [name, form] of Object.entries(echoedForms(secret))) {
          const redacted = redactKnownSecrets(`${before}${form}${after}`, [secret]);
          assert.ok(!redacted.includes(form), `${name} survived`);
          assert.ok(!hideEchoedSecrets(`${before} ${form} ${after}`, [secret]).text.includes(form) || /^\p{L}+$|^\p{N}+$/u.test(secret), name);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('hides the secret inside a base64 copy of the request body, at any alignment', () => {
    fc.assert(
      fc.property(password, surrounding, surrounding, (secret, before, after) => {
        const form = new URLSearchParams({ NewPassword: secret }).toString().slice('NewPassword='.length);
        const inside = base64Inside(`Action=ChangePassword&${before}NewPassword=`, form, `&${after}`);
        const body = Buffer.from(`Action=ChangePassword&${before}NewPassword=${form}&${after}`).toString('base64');
        fc.pre(inside.length >= 4);
        assert.ok(!redactKnownSecrets(body, [secret]).includes(inside));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a 1 MB text in well under a second', function () {
    this.timeout(5000);
    const text = `${'%25'.repeat(200_000)}${'&#'.repeat(100_000)}${'a'.repeat(200_000)}`;
    const started = Date.now();
    redactKnownSecrets(text, ['Correct-Horse-1', 'aaaaaaaaaa']);
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
  });
});
