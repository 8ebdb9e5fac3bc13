import * as assert from 'node:assert/strict';
import { EncryptJWT, SignJWT } from 'jose';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { maskSecret } from '../../../server/src/common/mask';
import type { DecodeJwtResult } from '../../../server/src/common/protocol-ids';
import { MAX_JWT_LENGTH } from '../../../server/src/jwt/find';
import { renderJwtReport } from '../../../server/src/jwt/report';
import { handleDecodeJwt } from '../../../server/src/lsp/decode-jwt-handler';
import { decodeJwtText } from '../../../server/src/service';
import type { RuntimeEnvironment } from '../../../server/src/lsp/runtime';

// Test-only keys; tokens are generated here, never real credentials.
const HMAC_KEY = new TextEncoder().encode('test-only-hmac-key-of-32-bytes!!');
const AES_KEY = new Uint8Array(32).fill(7);

const NOW_DATE = new Date('2026-03-01T12:00:00Z');
const NOW = NOW_DATE.getTime() / 1000;
const MIN = 60;

const FIXED_CLOCK: RuntimeEnvironment = {
  timer: { setTimeout: () => assert.fail('the handler sets no timers') },
  now: () => NOW_DATE,
};

function agentToken(expiresInSeconds: number): Promise<string> {
  return new SignJWT({ sub: 'agent-4711', scope: 'contacts.read', iat: NOW - 46 * MIN, exp: NOW + expiresInSeconds })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
    .sign(HMAC_KEY);
}

/** A Snippet line as an author selects it: the token pasted after `Bearer ` in a header. */
function headerLine(token: string): string {
  return `proxy.AddHeader("Authorization", "Bearer ${token}")`;
}

function markdownOf(result: DecodeJwtResult): string {
  assert.ok('markdown' in result, `expected a report, got ${JSON.stringify(result)}`);
  return result.markdown;
}

function errorOf(result: DecodeJwtResult): string {
  assert.ok('error' in result, 'expected an error, got a report');
  return result.error;
}

function invalidParams(params: unknown): ResponseError<unknown> {
  try {
    handleDecodeJwt(params, FIXED_CLOCK);
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error;
  }
  return assert.fail(`${JSON.stringify(params)} was accepted`);
}

describe('studioTokenLens/decodeJwt handler', () => {
  it('answers a selected Snippet line with the hover report of the token in it, masked', async () => {
    const token = await agentToken(2 * 3600);
    const markdown = markdownOf(handleDecodeJwt({ text: headerLine(token) }, FIXED_CLOCK));
    assert.equal(markdown, renderJwtReport(token, { now: NOW_DATE, bufferSeconds: 300 }));
    assert.match(markdown, /\*\*Status:\*\* valid: expires in 2 hours/);
    assert.ok(markdown.includes(maskSecret(token)));
    assert.ok(!markdown.includes(token), 'the report shows the whole token');
    assert.ok(!markdown.includes(token.split('.')[2]!), 'the report shows the signature');
  });

  it('skips a leading Bearer and surrounding whitespace in pasted text', async () => {
    const token = await agentToken(2 * 3600);
    const pasted = markdownOf(handleDecodeJwt({ text: `  Bearer ${token}\n` }, FIXED_CLOCK));
    assert.equal(pasted, renderJwtReport(token, { now: NOW_DATE, bufferSeconds: 300 }));
  });

  it('judges expiry with the buffer the client sends, sanitised like the setting', async () => {
    const token = await agentToken(4 * MIN);
    const status = (bufferSeconds: unknown): string =>
      /\*\*Status:\*\* (.*)/.exec(markdownOf(handleDecodeJwt({ text: token, bufferSeconds }, FIXED_CLOCK)))?.[1] ?? '';
    const refreshNow = 'refresh now: expires in 4 min, inside the 300 s buffer';
    assert.equal(status(undefined), refreshNow, 'no buffer: the default 300 s');
    assert.equal(status('five minutes'), refreshNow, 'a wrong type: the default');
    assert.equal(status(60), 'valid: expires in 4 min');
    assert.equal(status(-30), 'valid: expires in 4 min', 'negative: clamped to 0');
    assert.equal(status(10 ** 9), 'refresh now: expires in 4 min, inside the 86400 s buffer', 'clamped to a day');
  });

  it('reports a JWE from its header only', async () => {
    const token = await new EncryptJWT({ sub: 'agent-4711', exp: NOW + 3600 })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'JWT', kid: 'enc-1' })
      .encrypt(AES_KEY);
    const markdown = markdownOf(handleDecodeJwt({ text: headerLine(token) }, FIXED_CLOCK));
    assert.match(markdown, /^### JSON Web Token \(JWE, encrypted\)/);
    assert.ok(!markdown.includes('agent-4711'), 'an encrypted payload cannot be shown');
    assert.ok(!markdown.includes(token));
  });

  it('says why a JWT-shaped token does not decode, without quoting it', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const notJson = Buffer.from('client_secret=s3cr3t-value').toString('base64url');
    const token = `${header}.${notJson}.c2lnbmF0dXJl`;
    const error = errorOf(decodeJwtText(headerLine(token), { now: NOW_DATE, bufferSeconds: 300 }));
    assert.match(error, /^Not a decodable JWT: the payload does not decode/);
    assert.ok(!error.includes(notJson) && !error.includes('s3cr3t'), error);
  });

  it('tries text without a JWT as a whole and says what is wrong with it', () => {
    const error = errorOf(decodeJwtText('{SECURE_CLIENT_SECRET}', { now: NOW_DATE, bufferSeconds: 300 }));
    assert.equal(error, 'Not a decodable JWT: expected 3 (JWS) or 5 (JWE) dot-separated parts, found 1');
  });

  it('answers empty text with an error, not a report', () => {
    assert.equal(
      errorOf(decodeJwtText(' \n\t', { now: NOW_DATE, bufferSeconds: 300 })),
      'Nothing to decode: the text is empty.',
    );
  });

  it('refuses a token longer than the hover decodes, naming only its length', () => {
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
    const token = `${header}.${'A'.repeat(MAX_JWT_LENGTH)}.c2ln`;
    const error = errorOf(decodeJwtText(headerLine(token), { now: NOW_DATE, bufferSeconds: 300 }));
    assert.equal(
      error,
      `Not decoded: the token is ${token.length} characters long, more than the ${MAX_JWT_LENGTH} allowed.`,
    );
  });

  it('finds the token in a large selection of script text', async () => {
    const token = await agentToken(2 * 3600);
    const filler = 'ASSIGN attempts = attempts + 1\n'.repeat(40_000);
    const text = `${filler}${headerLine(token)}\n${filler}`;
    assert.ok(text.length > 2_000_000);
    assert.equal(
      markdownOf(decodeJwtText(text, { now: NOW_DATE, bufferSeconds: 300 })).split('\n')[0],
      '### JSON Web Token (JWS)',
    );
  });

  it('answers params that are not { text: string } with InvalidParams', () => {
    for (const params of [undefined, null, [], 'eyJ', { text: 42 }, { token: 'eyJ' }]) {
      const error = invalidParams(params);
      assert.equal(error.code, ErrorCodes.InvalidParams);
      assert.equal(error.message, 'studioTokenLens/decodeJwt: text must be a string');
    }
  });
});
