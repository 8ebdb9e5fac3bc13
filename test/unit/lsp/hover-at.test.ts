import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { parseDocument } from '../../../server/src/documents/parsed-document';
import { hoverAt, hoverInfoAt } from '../../../server/src/service/hover';

/** hoverAt is core (no LSP types); it lives here because the hover handler is its only caller. */
const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const CLAIMS = { sub: 'svc-ivr', iat: 1_700_000_000, exp: 1_700_003_600 };
const JWT = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(CLAIMS)}.${part('sig')}`;
const NOW = new Date('2023-11-14T22:30:00Z'); // 600 s after iat: 3000 s left

describe('hoverAt', () => {
  it('describes the JWT under the cursor and gives its range', () => {
    const text = `proxy.AddHeader("Authorization", "Bearer ${JWT}")\n`;
    const document = parseDocument('snippet', text)!;
    const start = text.indexOf(JWT);
    const info = hoverInfoAt(document, start + 5, DEFAULT_SETTINGS, NOW);
    assert.deepEqual(info?.range, { start, end: start + JWT.length });
    assert.match(info?.markdown ?? '', /JSON Web Token/);
    assert.equal(hoverAt(document, start + 5, DEFAULT_SETTINGS, NOW), info?.markdown);
  });

  it('passes the buffer setting to the report', () => {
    const text = `ASSIGN token = "${JWT}"\n`;
    const document = parseDocument('snippet', text)!;
    const at = text.indexOf(JWT) + 1;
    const relaxed = hoverAt(document, at, { ...DEFAULT_SETTINGS, bufferSeconds: 60 }, NOW);
    const strict = hoverAt(document, at, { ...DEFAULT_SETTINGS, bufferSeconds: 3_500 }, NOW);
    assert.notEqual(
      relaxed,
      strict,
      'inside a 3500 s buffer the token is due for refresh; outside a 60 s one it is not',
    );
  });

  it('has nothing to say elsewhere, or for dotted text that is no JWT', () => {
    const text = 'ASSIGN host = "api.example-crm.com"\nASSIGN fake = "eyJnot.a.jwt"\n';
    const document = parseDocument('snippet', text)!;
    for (let offset = 0; offset <= text.length; offset++)
      assert.equal(hoverAt(document, offset, DEFAULT_SETTINGS, NOW), undefined, `offset ${offset}`);
  });
});
