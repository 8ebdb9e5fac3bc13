import * as assert from 'node:assert/strict';
import { EncryptJWT } from 'jose';
import { ErrorCodes, ParameterStructures, RequestType, ResponseError } from 'vscode-languageserver-protocol/node';
import { maskSecret } from '../../server/src/common/mask';
import { DECODE_JWT_REQUEST, type DecodeJwtParams, type DecodeJwtResult } from '../../server/src/common/protocol-ids';
import { MAX_JWT_LENGTH } from '../../server/src/jwt/find';
import { generateSnippet } from '../bench/generate';
import { binaryJunk, sampleJwt } from './documents';
import {
  assertAliveWithNoTokenLogged,
  assertBundleIsFresh,
  PULL_CAPABILITIES,
  SYNTAX_ONLY_RULES,
  TestClient,
} from './lsp-client';

/**
 * `studioTokenLens/decodeJwt` as any editor sends it: the "Decode JWT" command of the VS Code client, and the request
 * README.md documents for other editors.
 */
describe('protocol: studioTokenLens/decodeJwt', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  const server = (): TestClient => {
    assert.ok(client, 'the server did not start');
    return client;
  };
  const decode = (params: DecodeJwtParams): Promise<DecodeJwtResult> =>
    server().connection.sendRequest(DECODE_JWT_REQUEST, params);

  const markdownOf = async (params: DecodeJwtParams): Promise<string> => {
    const result = await decode(params);
    assert.ok('markdown' in result, `expected a report, got ${JSON.stringify(result).slice(0, 200)}`);
    return result.markdown;
  };

  const errorOf = async (params: DecodeJwtParams): Promise<string> => {
    const result = await decode(params);
    assert.ok('error' in result, 'expected an error, got a report');
    return result.error;
  };

  const responseError = async (request: Promise<unknown>): Promise<ResponseError<unknown>> => {
    try {
      const result = await request;
      return assert.fail(`expected an error response, got ${JSON.stringify(result)}`);
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      return error;
    }
  };

  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, settings: { rules: SYNTAX_ONLY_RULES } });
  });

  /** After every test the server must still answer, and nothing it logged may hold a token. */
  afterEach(async () => {
    if (client) await assertAliveWithNoTokenLogged(client);
  });

  after(async () => {
    if (client) assert.equal(await client.shutdown(), 0);
  });

  it('decodes the token in a selected line of each notation into the masked hover report', async () => {
    const jwt = sampleJwt({ sub: 'svc-ivr', scope: 'crm.read', iat: 1_700_000_000, exp: 1_700_003_600 });
    const selections = {
      snippet: `proxy.AddHeader("Authorization", "Bearer ${jwt}")`,
      guide: `req.headers["Authorization"] = "Bearer ${jwt}";`,
      export: `<string>ASSIGN debugToken = "${jwt}"</string>`,
    };
    for (const [notation, text] of Object.entries(selections)) {
      const markdown = await markdownOf({ text });
      assert.match(markdown, /^### JSON Web Token \(JWS\)/, notation);
      assert.match(markdown, /\*\*Status:\*\* expired \d+ years? ago/, notation);
      assert.ok(markdown.includes(`\`${maskSecret(jwt)}\``), `${notation}: the token is shown masked`);
      assert.ok(markdown.includes('| sub | svc-ivr |'), `${notation}: the claims table`);
      assert.ok(!markdown.includes(jwt), `${notation}: the report repeats the token`);
      assert.ok(!markdown.includes(jwt.split('.')[2]!), `${notation}: the report shows the signature`);
    }
  });

  it('judges the refresh buffer with the bufferSeconds the client sends', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = sampleJwt({ sub: 'svc-ivr', iat: now - 3000, exp: now + 600 });
    assert.match(await markdownOf({ text: jwt }), /\*\*Status:\*\* valid: expires in (?:9|10) min/);
    assert.match(
      await markdownOf({ text: jwt, bufferSeconds: 900 }),
      /\*\*Status:\*\* refresh now: expires in (?:9|10) min, inside the 900 s buffer/,
    );
  });

  it('shows only the header of a JWE', async () => {
    const jwe = await new EncryptJWT({ sub: 'svc-ivr', exp: 1_700_003_600 })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: 'enc-1' })
      .encrypt(new Uint8Array(32).fill(7));
    const markdown = await markdownOf({ text: `Bearer ${jwe}` });
    assert.match(markdown, /^### JSON Web Token \(JWE, encrypted\)/);
    assert.ok(markdown.includes('**Header:** alg: dir · enc: A256GCM · typ: — · kid: enc-1'));
    assert.ok(!markdown.includes('svc-ivr') && !markdown.includes(jwe), 'the JWE payload or the token is shown');
  });

  it('answers malformed input with a reason that does not quote it', async () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const secret = Buffer.from('client_secret=Zx81-not-json').toString('base64url');
    const notJson = await errorOf({ text: `"Bearer ${header}.${secret}.c2ln"` });
    assert.match(notJson, /^Not a decodable JWT: the payload does not decode/);
    assert.ok(!notJson.includes(secret), notJson);
    assert.equal(
      await errorOf({ text: '{SECURE_CLIENT_SECRET}' }),
      'Not a decodable JWT: expected 3 (JWS) or 5 (JWE) dot-separated parts, found 1',
    );
    assert.equal(await errorOf({ text: '   ' }), 'Nothing to decode: the text is empty.');
  });

  it('answers params that are not { text: string } with InvalidParams', async () => {
    const connection = server().connection;
    const none = await responseError(connection.sendRequest(DECODE_JWT_REQUEST));
    assert.equal(none.code, ErrorCodes.InvalidParams);
    const wrongType = await responseError(connection.sendRequest(DECODE_JWT_REQUEST, { text: 42 }));
    assert.equal(wrongType.code, ErrorCodes.InvalidParams);
    const byPosition = new RequestType<string, DecodeJwtResult, void>(
      DECODE_JWT_REQUEST,
      ParameterStructures.byPosition,
    );
    const positional = await responseError(connection.sendRequest(byPosition, sampleJwt({ sub: 'svc-ivr' })));
    assert.equal(positional.code, ErrorCodes.InvalidParams);
  });

  it('finds the token in a 4 MB selection, and refuses a 1 MB token or 4 MB of junk with a short answer', async () => {
    const jwt = sampleJwt({ sub: 'svc-ivr', iat: 1_700_000_000, exp: 1_700_003_600 });
    // Two megabytes of generated Studio code on each side of the header line.
    const script = generateSnippet(80_000);
    const buried = `${script}\nproxy.AddHeader("Authorization", "Bearer ${jwt}")\n${script}`;
    assert.ok(buried.length > 4 * 1024 * 1024);
    assert.match(await markdownOf({ text: buried }), /^### JSON Web Token \(JWS\)/);

    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const hugeToken = `${header}.${'QUFB'.repeat(256 * 1024)}.c2ln`;
    assert.equal(
      await errorOf({ text: hugeToken }),
      `Not decoded: the token is ${hugeToken.length} characters long, more than the ${MAX_JWT_LENGTH} allowed.`,
    );

    const junk = await errorOf({ text: binaryJunk(4 * 1024 * 1024) });
    assert.ok(junk.length < 200, `the answer echoes the input: ${junk.length} characters`);
  });
});
