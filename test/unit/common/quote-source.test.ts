import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { maskSecret } from '../../../server/src/common/mask';
import { QUOTE_MAX_LENGTH, quoteSource } from '../../../server/src/common/quote-source';
import { PLANTED_SECRETS } from './planted-secrets';

describe('quoteSource: secrets', () => {
  for (const [kind, secret] of Object.entries(PLANTED_SECRETS)) {
    it(`masks ${kind} with maskSecret, alone and inside code`, () => {
      assert.equal(quoteSource(secret.value, 200), secret.masked);
      const line = `ASSIGN strToken = "${secret.value}"`;
      const quoted = quoteSource(line, 200);
      assert.ok(!quoted.includes(secret.credential), quoted);
      assert.ok(quoted.includes(maskSecret(secret.credential)), quoted);
    });
  }

  it('masks the credential after Bearer and Basic, whatever it looks like', () => {
    assert.equal(quoteSource('"Bearer abc"'), `"Bearer ${maskSecret('abc')}"`);
    assert.equal(
      quoteSource('Authorization: Basic dXNlcjpwYXNz'),
      `Authorization: Basic ${maskSecret('dXNlcjpwYXNz')}`,
    );
  });

  it('masks the values of secret-named keys in URLs, forms and JSON, not substitutions', () => {
    assert.equal(
      quoteSource('?grant_type=client_credentials&client_secret=s3cr3t&scope=x', 200),
      `?grant_type=client_credentials&client_secret=${maskSecret('s3cr3t')}&scope=x`,
    );
    assert.equal(quoteSource('{"password": "hunter2"}'), `{"password": "${maskSecret('hunter2')}"}`);
    assert.equal(quoteSource('client_secret={SECURE_CLIENT_SECRET}', 200), 'client_secret={SECURE_CLIENT_SECRET}');
  });

  it('leaves names, URLs and ordinary code readable', () => {
    for (const text of [
      'getAccessTokenFromCache2',
      'tokenResponse.access_token',
      'https://api.example.com/v2/oauth2/token',
      'proxy.MakeRestRequest(url, body, 0, "POST")',
      'MAX_RETRY_COUNT_2 = 3',
      'IF proxy.StatusCode = 401',
    ]) {
      assert.equal(quoteSource(text, 200), text);
    }
  });

  it('masks each secret-looking part of a dotted name, keeping the others', () => {
    const hex = 'a3f1c9e27b4d8f6059e1c2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b';
    assert.equal(quoteSource(`keys.${hex}.value`, 200), `keys.${maskSecret(hex)}.value`);
  });
});

describe('quoteSource: length and control characters', () => {
  it(`keeps at most ${QUOTE_MAX_LENGTH} characters, the last an ellipsis`, () => {
    const long = 'ASSIGN message = "Your order has shipped and will arrive on Tuesday"';
    const quoted = quoteSource(long);
    assert.equal(quoted.length, QUOTE_MAX_LENGTH);
    assert.equal(quoted, `${long.slice(0, QUOTE_MAX_LENGTH - 1)}…`);
    assert.equal(quoteSource('short'), 'short');
    assert.equal(quoteSource(long, 10), 'ASSIGN me…');
  });

  it('never cuts into a mask, an escape or a surrogate pair', () => {
    const jwt = PLANTED_SECRETS.JWT.value;
    assert.equal(quoteSource(`x = ${jwt}`, 12), 'x = …');
    assert.equal(quoteSource('ab\ncd', 3), 'ab…');
    assert.equal(quoteSource('ab😀cd', 4), 'ab…');
  });

  it('escapes line breaks, tabs, terminal escapes, bidirectional overrides and lone surrogates', () => {
    assert.equal(quoteSource('a\r\nb\tc'), 'a\\r\\nb\\tc');
    assert.equal(quoteSource('\u001b[31mred\u001b[0m'), '\\u001B[31mred\\u001B[0m');
    assert.equal(quoteSource('::error file=x::pwned\n'), '::error file=x::pwned\\n');
    assert.equal(quoteSource('admin\u202Eresu'), 'admin\\u202Eresu');
    assert.equal(quoteSource('a\u0000b\u007f\u0085'), 'a\\u0000b\\u007F\\u0085');
    assert.equal(quoteSource('x\ud800y\udc00'), 'x\\uD800y\\uDC00');
    assert.equal(quoteSource('Grüße 😀'), 'Grüße 😀');
  });

  it('reads only what it shows of a 5 MB line (plus the runs it masks)', () => {
    const line = 'a + '.repeat(1_250_000);
    assert.equal(quoteSource(line), `${line.slice(0, QUOTE_MAX_LENGTH - 1)}…`);
  });
});

/** C0, DEL, C1 and the line and paragraph separators. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

describe('quoteSource: properties', () => {
  const secret = fc.constantFrom(...Object.values(PLANTED_SECRETS));
  const surrounding = fc.string({ unit: 'binary', maxLength: 60 });

  it('never shows a planted secret whole, whatever surrounds it and whatever the limit', () => {
    fc.assert(
      fc.property(surrounding, secret, surrounding, fc.integer({ min: 1, max: 400 }), (before, s, after, limit) => {
        const quoted = quoteSource(`${before} ${s.value} ${after}`, limit);
        assert.ok(!quoted.includes(s.credential));
        assert.ok(quoted.length <= limit);
        assert.ok(!hasControlCharacter(quoted), JSON.stringify(quoted));
      }),
      { numRuns: 500 },
    );
  });
});
