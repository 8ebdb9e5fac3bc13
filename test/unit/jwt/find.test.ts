import assert from 'node:assert/strict';
import { EncryptJWT, SignJWT, UnsecuredJWT } from 'jose';
import { findJwtAt, findJwts, MAX_JWT_LENGTH, type JwtCandidate } from '../../../server/src/jwt/find';

// Test-only key; tokens are generated here, never real credentials.
const HMAC_KEY = new TextEncoder().encode('test-only-hmac-key-of-32-bytes!!');
const AES_KEY = new Uint8Array(32).fill(7);

function signed(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' }).sign(HMAC_KEY);
}

/** The one candidate in `text`, checked to sit exactly on `token`. */
function only(text: string, token: string): JwtCandidate {
  const found = findJwts(text);
  assert.equal(found.length, 1, `expected one candidate, got ${found.length}`);
  const candidate = found[0]!;
  assert.equal(candidate.token, token);
  assert.deepEqual(candidate.range, { start: text.indexOf(token), end: text.indexOf(token) + token.length });
  return candidate;
}

describe('jwt-find', () => {
  let token: string;
  let unsigned: string;
  let encrypted: string;
  before(async () => {
    token = await signed({ sub: 'agent-4711', scope: 'contacts.read', iat: 1772355600, exp: 1772359200 });
    unsigned = new UnsecuredJWT({ sub: 'agent-4711' }).encode();
    encrypted = await new EncryptJWT({ sub: 'agent-4711' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(AES_KEY);
  });

  describe('findJwts', () => {
    it('finds a token in a Snippet string after Bearer', () => {
      const text = `ASSIGN proxy = GetRESTProxy()\r\nproxy.AddHeader("Authorization", "Bearer ${token}")\r\n`;
      const candidate = only(text, token);
      assert.equal(candidate.bearerPrefix, true);
      assert.equal(candidate.parts, 3);
      assert.equal(candidate.tooLong, false);
    });

    it('finds a token without Bearer in an assignment', () => {
      const candidate = only(`ASSIGN cachedToken = "${token}"\r\n`, token);
      assert.equal(candidate.bearerPrefix, false);
    });

    it('finds a token inside an interpolation', () => {
      const text = `ASSIGN added = "{proxy.AddHeader('Authorization','Bearer ${token}')}"\r\n`;
      assert.equal(only(text, token).bearerPrefix, true);
    });

    it('finds a token in a // comment, leaving out a sentence-ending dot', () => {
      const text = `// token copied from Postman for testing: ${token}.\r\nASSIGN cachedToken = ""\r\n`;
      assert.equal(only(text, token).bearerPrefix, false);
    });

    it('finds a token in Desktop Studio XML text with raw offsets', () => {
      const text = [
        '<ActionStruct>',
        '  <ActionID>7</ActionID>',
        '  <Action>SNIPPET</Action>',
        '  <Caption>Call contacts API</Caption>',
        '  <Parameters>',
        `    <string>ASSIGN proxy = GetRESTProxy()\r\nproxy.AddHeader("Authorization", "Bearer ${token}")\r\nIF a ` +
          `&lt; b {}</string>`,
        '    <string>Limit2K</string>',
        '  </Parameters>',
        '</ActionStruct>',
      ].join('\r\n');
      assert.equal(only(text, token).bearerPrefix, true);
    });

    it('finds a token right after an XML tag and before an entity', () => {
      only(`<string>${token}&amp;next</string>`, token);
    });

    it('finds a token in guide notation where Bearer is a separate string', () => {
      const text = `req.headers["Authorization"] = "Bearer " + "${token}";\n`;
      assert.equal(only(text, token).bearerPrefix, false);
    });

    it('finds a token after an escape in a $"…" string', () => {
      const text = `ASSIGN body = $"token:\\n${token}"\r\n`;
      only(text, token);
    });

    it('accepts bearer in any case and several spaces or tabs, but not across a line break', () => {
      assert.equal(only(`"bearer  \t${token}"`, token).bearerPrefix, true);
      assert.equal(only(`"BEARER ${token}"`, token).bearerPrefix, true);
      assert.equal(only(`"Bearer\n${token}"`, token).bearerPrefix, false);
      assert.equal(only(`"NotBearer ${token}"`, token).bearerPrefix, false);
      // Glued to a word, the text no longer starts a JWT.
      assert.deepEqual(findJwts(`"Bearer${token}"`), []);
    });

    it('finds an alg none token whose signature is empty', () => {
      assert.ok(unsigned.endsWith('.'));
      const candidate = only(`ASSIGN t = "${unsigned}"`, unsigned);
      assert.equal(candidate.parts, 3);
    });

    it('finds a 5-part JWE, including an empty encrypted key', () => {
      assert.ok(encrypted.includes('..'));
      const candidate = only(`ASSIGN t = "Bearer ${encrypted}"`, encrypted);
      assert.equal(candidate.parts, 5);
      assert.equal(candidate.bearerPrefix, true);
    });

    it('finds garbage that only looks like a JWT (decoding decides later)', () => {
      only('ASSIGN t = "eyJhbGciOi.xxx.yyy"', 'eyJhbGciOi.xxx.yyy');
    });

    it('finds several tokens in document order', () => {
      const text = `ASSIGN a = "${token}"\r\n// old: ${unsigned}\r\nASSIGN b = "Bearer ${encrypted}"\r\n`;
      assert.deepEqual(
        findJwts(text).map((c) => c.token),
        [token, unsigned, encrypted],
      );
    });

    it('ignores member chains, versions, hosts and dotted text without a JWT header', () => {
      const text = [
        'ASSIGN cachedToken = tokenResult.access_token',
        'ASSIGN n = a.b.c',
        'ASSIGN v = "1.2.3"',
        'ASSIGN url = "https://api.example.com/v1/contacts"',
        'ASSIGN short = "eyJ.ab.cd"',
        'ASSIGN tooFew = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0"',
        'ASSIGN four = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig.more"',
        'ASSIGN noPayload = "eyJhbGciOiJIUzI1NiJ9..sig"',
        'ASSIGN basic = "Basic dXNlcjpwYXNz"',
        'ASSIGN inWord = "xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig"',
      ].join('\r\n');
      assert.deepEqual(findJwts(text), []);
    });

    it('flags a candidate longer than MAX_JWT_LENGTH as tooLong and still returns it', async () => {
      const huge = await signed({ blob: 'x'.repeat(MAX_JWT_LENGTH) });
      const candidate = only(`ASSIGN t = "${huge}"`, huge);
      assert.equal(candidate.tooLong, true);
    });

    it('scans a large document with long dotted and base64 runs', () => {
      const text = `${'a.b.'.repeat(250_000)} eyJ${'A'.repeat(1_000_000)} "${token}"`;
      assert.deepEqual(
        findJwts(text).map((c) => c.token),
        [token],
      );
    });

    it('finds nothing in empty text', () => {
      assert.deepEqual(findJwts(''), []);
    });
  });

  describe('findJwtAt', () => {
    const prefix = 'proxy.AddHeader("Authorization", "Bearer ';
    let text: string;
    let start: number;
    let end: number;
    before(() => {
      text = `${prefix}${token}")\r\n`;
      start = prefix.length;
      end = start + token.length;
    });

    it('finds the token at its first character', () => {
      const candidate = findJwtAt(text, start);
      assert.equal(candidate?.token, token);
      assert.deepEqual(candidate?.range, { start, end });
      assert.equal(candidate?.bearerPrefix, true);
    });

    it('finds the token at its last character', () => {
      assert.equal(findJwtAt(text, end - 1)?.token, token);
    });

    it('finds the token on a dot and in the signature', () => {
      assert.equal(findJwtAt(text, text.indexOf('.', start))?.token, token);
      assert.equal(findJwtAt(text, end - 5)?.token, token);
    });

    it('finds nothing one past the last character (the closing quote)', () => {
      assert.equal(findJwtAt(text, end), undefined);
    });

    it('finds nothing outside the token, including on the Bearer prefix', () => {
      assert.equal(findJwtAt(text, start - 1), undefined);
      assert.equal(findJwtAt(text, prefix.indexOf('Bearer')), undefined);
      assert.equal(findJwtAt(text, 0), undefined);
      assert.equal(findJwtAt(text, -1), undefined);
      assert.equal(findJwtAt(text, text.length), undefined);
      assert.equal(findJwtAt(text, 1.5), undefined);
    });

    it('finds nothing on a sentence-ending dot after the token', () => {
      const comment = `// expired test token ${token}.`;
      assert.equal(findJwtAt(comment, comment.length - 1), undefined);
      assert.equal(findJwtAt(comment, comment.length - 2)?.token, token);
    });

    it('agrees with findJwts at every offset of a mixed fixture', () => {
      const fixture = [
        `ASSIGN a = "Bearer ${token}" // and ${unsigned}.`,
        `ASSIGN added = "{proxy.AddHeader('Authorization','Bearer ${encrypted}')}"`,
        'ASSIGN n = tokenResult.access_token.length',
      ].join('\r\n');
      const all = findJwts(fixture);
      assert.equal(all.length, 3);
      for (let offset = -1; offset <= fixture.length + 1; offset++) {
        const expected = all.find((c) => c.range.start <= offset && offset < c.range.end);
        assert.deepEqual(findJwtAt(fixture, offset), expected, `offset ${offset}`);
      }
    });
  });
});
