import assert from 'node:assert/strict';
import { base64url, CompactEncrypt, EncryptJWT, SignJWT, UnsecuredJWT } from 'jose';
import { maskSecret } from '../../../server/src/common/mask';
import { findJwtAt } from '../../../server/src/jwt/find';
import {
  JWT_REPORT_LIMITS,
  PAYLOAD_NOT_DECRYPTED,
  renderJwtReport,
  SIGNATURE_NOT_VERIFIED,
  type JwtReportOptions,
} from '../../../server/src/jwt/report';

// Test-only keys; tokens are generated here, never real credentials.
const HMAC_KEY = new TextEncoder().encode('test-only-hmac-key-of-32-bytes!!');
const AES_KEY = new Uint8Array(32).fill(7);

const NOW_DATE = new Date('2026-03-01T12:00:00Z');
const NOW = NOW_DATE.getTime() / 1000; // 1772366400
const MIN = 60;
const HOUR = 3600;
const YEAR = 365 * 86400;
const OPTIONS: JwtReportOptions = { now: NOW_DATE, bufferSeconds: 300 };

function signed(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT', kid: 'k1' },
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', ...header }).sign(HMAC_KEY);
}

/** Renders and checks the privacy promise: never the whole token, never its signature. */
function report(token: string, options: JwtReportOptions = OPTIONS): string {
  const markdown = renderJwtReport(token, options);
  assert.ok(markdown !== undefined, 'expected a report');
  assert.ok(!markdown.includes(token), 'the report shows the whole token');
  const signature = token.split('.')[2] ?? '';
  if (signature !== '') assert.ok(!markdown.includes(signature), 'the report shows the signature');
  assert.ok(markdown.includes(maskSecret(token)), 'the report shows the masked token');
  return markdown;
}

describe('jwt-report', () => {
  it('renders a valid token in full', async () => {
    const token = await signed({
      sub: 'agent-4711',
      scope: 'contacts.read',
      iat: NOW - 46 * MIN,
      exp: NOW + 14 * MIN,
      auth_time: NOW - 3 * HOUR,
    });
    assert.equal(
      report(token),
      [
        '### JSON Web Token (JWS)',
        '',
        `**Credential pasted into the script:** \`${maskSecret(token)}\`. See rule \`hardcoded-token\`.`,
        '',
        '**Status:** valid: expires in 14 min',
        '',
        '**Header:** alg: HS256 · typ: JWT · kid: k1 · signature: 32 bytes',
        '',
        '**Lifetime:** 3600 s (1 h)',
        '',
        '| Claim | Value |',
        '| --- | --- |',
        '| iat | 1772363640 (2026-03-01T11:14:00Z, issued 46 min ago) |',
        '| exp | 1772367240 (2026-03-01T12:14:00Z, expires in 14 min) |',
        '| auth\\_time | 1772355600 (2026-03-01T09:00:00Z, authenticated 3 hours ago) |',
        '| sub | agent-4711 |',
        '| scope | contacts.read |',
        '',
        '**Header JSON**',
        '',
        '```json',
        '{',
        '  "alg": "HS256",',
        '  "typ": "JWT",',
        '  "kid": "k1"',
        '}',
        '```',
        '',
        '**Claims JSON**',
        '',
        '```json',
        '{',
        '  "sub": "agent-4711",',
        '  "scope": "contacts.read",',
        '  "iat": 1772363640,',
        '  "exp": 1772367240,',
        '  "auth_time": 1772355600',
        '}',
        '```',
        '',
        'Signature not verified (decoded locally; nothing leaves your machine).',
      ].join('\n'),
    );
  });

  it('expired: exact relative text in the status and the table', async () => {
    const exp = NOW - 2 * YEAR - 40 * 86400;
    const markdown = report(await signed({ sub: 'agent-4711', iat: exp - HOUR, exp }));
    assert.ok(markdown.includes('**Status:** expired 2 years ago\n'));
    assert.ok(markdown.includes('| exp | 1705838400 (2024-01-21T12:00:00Z, expired 2 years ago) |'));
    assert.ok(markdown.includes('| iat | 1705834800 (2024-01-21T11:00:00Z, issued 2 years ago) |'));
    assert.ok(!markdown.includes('**Warnings**'));
  });

  it('inside the refresh buffer', async () => {
    const markdown = report(await signed({ iat: NOW - 3300, exp: NOW + 4 * MIN + 10 }));
    assert.ok(markdown.includes('**Status:** refresh now: expires in 4 min, inside the 300 s buffer\n'));
    assert.ok(markdown.includes('**Lifetime:** 3550 s (59 min 10 s)'));
  });

  it('uses the buffer from the options', async () => {
    const token = await signed({ iat: NOW - 3300, exp: NOW + 4 * MIN + 10 });
    assert.ok(report(token, { now: NOW_DATE, bufferSeconds: 120 }).includes('**Status:** valid: expires in 4 min\n'));
  });

  it('missing exp: status and warning, no lifetime', async () => {
    const markdown = report(await signed({ sub: 'agent-4711', iat: NOW - HOUR }));
    assert.ok(markdown.includes('**Status:** no expiry: the token has no `exp` claim\n'));
    assert.ok(markdown.includes('**Warnings**\n\n- No `exp` claim: nothing tells the script when this token expires'));
    assert.ok(!markdown.includes('**Lifetime:**'));
  });

  it('lifetime shorter than the buffer', async () => {
    const markdown = report(await signed({ iat: NOW - 30, exp: NOW + 90 }));
    assert.ok(markdown.includes('**Lifetime:** 120 s (2 min)'));
    assert.ok(
      markdown.includes(
        '- Lifetime 120 s (2 min) is shorter than the 300 s refresh buffer: the token is due for refresh as soon as ' +
          'it is issued.',
      ),
    );
    assert.ok(markdown.includes('**Status:** refresh now: expires in 1 min, inside the 300 s buffer'));
  });

  it('nbf in the future', async () => {
    const markdown = report(await signed({ iat: NOW, nbf: NOW + 3 * HOUR, exp: NOW + 4 * HOUR }));
    assert.ok(markdown.includes('**Status:** not yet valid: becomes valid in 3 hours\n'));
    assert.ok(
      markdown.includes('- `nbf` is in the future: the token is not valid until 2026-03-01T15:00:00Z (in 3 hours).'),
    );
    assert.ok(markdown.includes('| nbf | 1772377200 (2026-03-01T15:00:00Z, becomes valid in 3 hours) |'));
  });

  it('alg none: warning first, no signature', async () => {
    const token = new UnsecuredJWT({ sub: 'agent-4711', exp: NOW + HOUR }).encode();
    const markdown = report(token);
    assert.ok(markdown.includes('**Header:** alg: none · typ: — · kid: — · signature: none'));
    assert.ok(
      markdown.includes('**Warnings**\n\n- `alg: none`: the token is unsigned, so anyone can forge or alter it.'),
    );
    assert.ok(markdown.includes(SIGNATURE_NOT_VERIFIED));
  });

  it('auth_time as a date and a relative time', async () => {
    const markdown = report(await signed({ auth_time: NOW - 3 * HOUR - 10, exp: NOW + HOUR }));
    assert.ok(markdown.includes('| auth\\_time | 1772355590 (2026-03-01T08:59:50Z, authenticated 3 hours ago) |'));
  });

  it('time claims that are not numbers are shown as values, with a warning', async () => {
    const markdown = report(await signed({ exp: '2026-03-01', iat: NOW }));
    assert.ok(markdown.includes('| exp | 2026-03-01 |'));
    assert.ok(markdown.includes('**Status:** unknown: `exp` is not a number'));
    assert.ok(markdown.includes('- `exp` is not a NumericDate (a number of seconds since 1970).'));
  });

  it('a time outside the Date range does not throw', async () => {
    const markdown = report(await signed({ iat: NOW, exp: 1e20 }));
    assert.ok(markdown.includes('| exp | 100000000000000000000 (outside the date range) |'));
  });

  it('a 5-part JWE shows the header only and says the payload is encrypted', async () => {
    const token = await new EncryptJWT({ sub: 'agent-4711', exp: NOW - HOUR })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'JWT', kid: 'enc-1' })
      .encrypt(AES_KEY);
    const markdown = report(token);
    assert.equal(
      markdown,
      [
        '### JSON Web Token (JWE, encrypted)',
        '',
        `**Credential pasted into the script:** \`${maskSecret(token)}\`. See rule \`hardcoded-token\`.`,
        '',
        '**Header:** alg: dir · enc: A256GCM · typ: JWT · kid: enc-1',
        '',
        'The payload is encrypted: its claims and expiry cannot be read without the key.',
        '',
        '**Header JSON**',
        '',
        '```json',
        '{',
        '  "alg": "dir",',
        '  "enc": "A256GCM",',
        '  "typ": "JWT",',
        '  "kid": "enc-1"',
        '}',
        '```',
        '',
        PAYLOAD_NOT_DECRYPTED,
      ].join('\n'),
    );
    for (const part of token.split('.').slice(1)) if (part !== '') assert.ok(!markdown.includes(part));
  });

  it('a JWE made with CompactEncrypt is header-only too', async () => {
    const token = await new CompactEncrypt(new TextEncoder().encode('{"sub":"agent-4711"}'))
      .setProtectedHeader({ alg: 'dir', enc: 'A128CBC-HS256' })
      .encrypt(new Uint8Array(32).fill(3));
    const markdown = report(token);
    assert.ok(markdown.includes('**Header:** alg: dir · enc: A128CBC-HS256 · typ: — · kid: —'));
    assert.ok(!markdown.includes('agent-4711'));
  });

  it('gives no hover for garbage that looks like a JWT', () => {
    assert.equal(renderJwtReport('eyJhbGciOi.xxx.yyy', OPTIONS), undefined);
    assert.equal(renderJwtReport('', OPTIONS), undefined);
    assert.equal(renderJwtReport('a.b.c', OPTIONS), undefined);
  });

  it('takes the token only: Bearer-prefixed text gives no hover (the finder strips the prefix)', async () => {
    const token = await signed({ exp: NOW + HOUR });
    assert.equal(renderJwtReport(`Bearer ${token}`, OPTIONS), undefined);
  });

  it('gives no hover for a payload that is not JSON', () => {
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    assert.equal(
      renderJwtReport(`${header}.${base64url.encode('user=agent-4711;exp=soon')}.c2lnbmF0dXJl`, OPTIONS),
      undefined,
    );
  });

  it('caps the report for a token with 200 KB of claims', async () => {
    const blob = 'A'.repeat(200 * 1024);
    const token = await signed({ sub: 'agent-4711', iat: NOW - HOUR, exp: NOW + HOUR, blob });
    const markdown = report(token);
    assert.ok(markdown.length < 8 * 1024, `report is ${markdown.length} chars`);
    assert.ok(markdown.includes(`| blob | ${'A'.repeat(JWT_REPORT_LIMITS.valueChars)}… |`));
    assert.ok(
      markdown.includes(
        `_Claims JSON truncated: showing the first ${JWT_REPORT_LIMITS.claimsJsonChars} of 204881 characters._`,
      ),
    );
    assert.ok(markdown.includes('**Status:** valid: expires in 1 hour'));
    assert.ok(markdown.endsWith(SIGNATURE_NOT_VERIFIED));
  });

  it('caps the claims table for a token with thousands of claims', async () => {
    const claims: Record<string, unknown> = { exp: NOW + HOUR };
    for (let i = 0; i < 5000; i++) claims[`claim_${i}`] = `value ${i}`;
    const markdown = report(await signed(claims));
    const rows = markdown
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| Claim') && !line.startsWith('| ---'));
    assert.equal(rows.length, JWT_REPORT_LIMITS.tableRows);
    assert.ok(markdown.includes(`_…and ${5001 - JWT_REPORT_LIMITS.tableRows} more claims._`));
    assert.ok(markdown.length < 12 * 1024, `report is ${markdown.length} chars`);
  });

  it('does not throw on claims nested too deeply to print', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'HS256' }));
    const payload = base64url.encode(`{"deep":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const markdown = report(`${header}.${payload}.c2lnbmF0dXJl`);
    assert.ok(markdown.includes('| deep | (too deeply nested to show) |'));
    assert.ok(markdown.includes('**Claims JSON**\n\n_(too deeply nested to show)_'));
  });

  it('escapes Markdown a token author wrote, so the hover loads nothing', async () => {
    const markdown = report(
      await signed(
        {
          exp: NOW + HOUR,
          name: '![pixel](https://tracker.example/p.png) <img src="https://tracker.example/i.png"> a|b',
          '[link](https://evil.example)': 'x',
          note: '```\nbreak out\u202e',
        },
        { alg: 'HS256', typ: '<b>JWT</b>', kid: '`k1`' },
      ),
    );
    // Fenced code is shown literally; everywhere else, nothing may form an image, link or HTML tag.
    const outsideFences = markdown.replace(/```json\n[\s\S]*?\n```/g, '');
    assert.ok(!/(^|[^\\])!\[/.test(outsideFences), 'unescaped image');
    assert.ok(!/(^|[^\\])\[link\]/.test(outsideFences), 'unescaped link');
    assert.ok(!/(^|[^\\])<(img|b)/.test(outsideFences), 'unescaped HTML');
    assert.ok(
      markdown.includes(
        '| name | \\!\\[pixel\\](https://tracker.example/p.png) \\<img src="https://tracker.example/i.png"\\> a\\|b |',
      ),
    );
    assert.ok(markdown.includes('| \\[link\\](https://evil.example) | x |'));
    assert.ok(markdown.includes('| note | \\`\\`\\`\\\\u000abreak out\\\\u202e |'));
    assert.ok(markdown.includes('typ: \\<b\\>JWT\\</b\\> · kid: \\`k1\\`'));
    assert.ok(markdown.includes('"note": "\\u0060\\u0060\\u0060\\nbreak out\\u202e"'));
    assert.equal(markdown.split('```').length - 1, 4, 'exactly two fenced blocks');
  });

  it('does not throw on an invalid clock or buffer', async () => {
    const token = await signed({ iat: NOW, exp: NOW + HOUR });
    assert.ok(
      report(token, { now: new Date(Number.NaN), bufferSeconds: 300 }).includes(
        '**Status:** unknown: the current time is not known',
      ),
    );
    assert.ok(
      report(token, { now: NOW_DATE, bufferSeconds: Number.NaN }).includes('**Status:** valid: expires in 1 hour'),
    );
  });

  it('renders the token the finder found in a Snippet string', async () => {
    const token = await signed({ sub: 'agent-4711', iat: NOW - 2 * YEAR - HOUR, exp: NOW - 2 * YEAR });
    const text = `ASSIGN proxy = GetRESTProxy()\r\nproxy.AddHeader("Authorization", "Bearer ${token}")\r\n`;
    const candidate = findJwtAt(text, text.indexOf('eyJ') + 20);
    assert.ok(candidate);
    assert.ok(report(candidate.token).includes('**Status:** expired 2 years ago'));
  });
});
