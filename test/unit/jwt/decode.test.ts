import assert from 'node:assert/strict';
import { base64url, CompactEncrypt, SignJWT, UnsecuredJWT } from 'jose';
import { decodeJwtToken } from '../../../server/src/jwt/decode';

// Test-only keys; tokens are generated here, never real credentials.
const HMAC_KEY = new TextEncoder().encode('test-only-hmac-key-of-32-bytes!!');
const AES_KEY = new Uint8Array(32).fill(7);

const HEADER = base64url.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

describe('jwt-decode', () => {
  it('decodes a JWS: header, claims and signature length', async () => {
    const token = await new SignJWT({ sub: 'agent-4711', iat: 1772355600, exp: 1772359200 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
      .sign(HMAC_KEY);
    assert.deepEqual(decodeJwtToken(token), {
      kind: 'jws',
      header: { alg: 'HS256', typ: 'JWT', kid: 'k1' },
      payload: { sub: 'agent-4711', iat: 1772355600, exp: 1772359200 },
      signatureLength: 32,
    });
  });

  it('decodes an alg none token with an empty signature', () => {
    const token = new UnsecuredJWT({ sub: 'agent-4711' }).encode();
    assert.deepEqual(decodeJwtToken(token), {
      kind: 'jws',
      header: { alg: 'none' },
      payload: { sub: 'agent-4711' },
      signatureLength: 0,
    });
  });

  it('decodes only the header of a 5-part JWE', async () => {
    const token = await new CompactEncrypt(new TextEncoder().encode('{"sub":"agent-4711"}'))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: 'enc-1' })
      .encrypt(AES_KEY);
    assert.deepEqual(decodeJwtToken(token), { kind: 'jwe', header: { alg: 'dir', enc: 'A256GCM', kid: 'enc-1' } });
  });

  it('reports garbage that looks like a JWT', () => {
    const result = decodeJwtToken('eyJhbGciOi.xxx.yyy');
    assert.equal(result.kind, 'invalid');
    assert.equal(result.kind === 'invalid' && result.reason, 'the header is not a base64url-encoded JSON object');
  });

  it('reports a payload that is not JSON', () => {
    const token = `${HEADER}.${base64url.encode('not json at all')}.c2ln`;
    assert.deepEqual(decodeJwtToken(token), {
      kind: 'invalid',
      reason: 'the payload does not decode (Failed to parse the decoded payload as JSON)',
    });
  });

  it('reports a payload that is JSON but not an object', () => {
    const token = `${HEADER}.${base64url.encode('[1,2,3]')}.c2ln`;
    assert.deepEqual(decodeJwtToken(token), {
      kind: 'invalid',
      reason: 'the payload does not decode (Invalid JWT Claims Set)',
    });
  });

  it('reports a header that is JSON but not an object', () => {
    const token = `${base64url.encode('"HS256"')}.${base64url.encode('{}')}.c2ln`;
    assert.equal(decodeJwtToken(token).kind, 'invalid');
  });

  it('reports a signature that is not base64url', () => {
    const token = `${HEADER}.${base64url.encode('{}')}.a`;
    assert.deepEqual(decodeJwtToken(token), { kind: 'invalid', reason: 'the signature is not base64url' });
  });

  it('reports the wrong number of parts', () => {
    assert.deepEqual(decodeJwtToken(`${HEADER}.e30`), {
      kind: 'invalid',
      reason: 'expected 3 (JWS) or 5 (JWE) dot-separated parts, found 2',
    });
    assert.equal(decodeJwtToken('').kind, 'invalid');
  });

  it('never throws, whatever the text', () => {
    const samples = [
      '.',
      '..',
      '....',
      'eyJ.eyJ.eyJ',
      'eyJhbGciOiJIUzI1NiJ9.\u00ff\u00fe.x',
      `${HEADER}.${'['.repeat(100_000)}.x`,
    ];
    for (const sample of samples) assert.equal(decodeJwtToken(sample).kind, 'invalid', sample.slice(0, 40));
  });
});
