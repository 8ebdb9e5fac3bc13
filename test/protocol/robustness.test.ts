import * as assert from 'node:assert/strict';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { readAnnotated } from '../helpers/annotated';
import { generateSnippet } from '../bench/generate';
import { binaryJunk, SNIPPET_WITH_ERROR, sampleJwt } from './documents';
import {
  assertAliveWithNoTokenLogged,
  assertBundleIsFresh,
  countJsonRpcFrames,
  fileUri,
  PULL_CAPABILITIES,
  SYNTAX_ONLY_RULES,
  TestClient,
} from './lsp-client';
import { positionOf } from './positions';

async function responseError(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    const result = await request;
    assert.fail(`expected an error response, got ${JSON.stringify(result)}`);
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error;
  }
}

describe('protocol: robustness and the other requests', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  const server = (): TestClient => {
    assert.ok(client, 'the server did not start');
    return client;
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
    if (!client) return;
    assert.equal(await client.shutdown(), 0);
    countJsonRpcFrames(client.stdout);
  });

  it('answers an unknown method with MethodNotFound', async () => {
    const error = await responseError(server().connection.sendRequest('studioTokenLens/noSuchThing', { x: 1 }));
    assert.equal(error.code, ErrorCodes.MethodNotFound);
  });

  it('answers malformed hover and code action params with InvalidParams', async () => {
    const hover = await responseError(server().connection.sendRequest('textDocument/hover', {}));
    assert.equal(hover.code, ErrorCodes.InvalidParams);
    const position = await responseError(
      server().connection.sendRequest('textDocument/hover', {
        textDocument: { uri: fileUri('a.snippet') },
        position: { line: 'one' },
      }),
    );
    assert.equal(position.code, ErrorCodes.InvalidParams);
    const action = await responseError(
      server().connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: fileUri('a.snippet') },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      }),
    );
    assert.equal(action.code, ErrorCodes.InvalidParams);
  });

  it('answers a hover on a document that is not open with null', async () => {
    const hover = await server().connection.sendRequest('textDocument/hover', {
      textDocument: { uri: fileUri('not-open.snippet') },
      position: { line: 0, character: 0 },
    });
    assert.equal(hover, null);
  });

  it('decodes a JWT under the cursor into a Markdown hover over the token', async () => {
    const jwt = sampleJwt({ sub: 'svc-ivr', iat: 1_700_000_000, exp: 1_700_003_600 });
    const text = `ASSIGN proxy = GetRESTProxy()\nproxy.AddHeader("Authorization", "Bearer ${jwt}")\n`;
    const uri = fileUri('pasted-token.snippet');
    await server().open(uri, 'cxone-snippet', text);
    const start = text.indexOf(jwt);
    const hover = (await server().connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, start + 20),
    })) as Hover;
    assert.deepEqual(hover.range, { start: positionOf(text, start), end: positionOf(text, start + jwt.length) });
    const contents = hover.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /JSON Web Token/);
    assert.ok(!contents.value.includes(jwt), 'the hover must not repeat the token');
    // Outside the token the hover is the keyword's (ASSIGN), not a JWT report.
    const outside = (await server().connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 3 },
    })) as Hover;
    assert.doesNotMatch((outside.contents as { value: string }).value, /JSON Web Token/);
    assert.match((outside.contents as { value: string }).value, /keywords\.htm/);
    await server().close(uri);
  });

  it('answers code action requests (no fix providers are registered in the bundle for syntax errors)', async () => {
    const { text } = readAnnotated(SNIPPET_WITH_ERROR);
    const uri = fileUri('actions.snippet');
    await server().open(uri, 'cxone-snippet', text);
    const report = await server().pull(uri);
    assert.equal(report.kind, 'full');
    const diagnostics = report.kind === 'full' ? report.items : [];
    const range = diagnostics[0]!.range;
    const quickFixes = (await server().connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.deepEqual(quickFixes, []);
    const fixAll = await server().connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only: ['source.fixAll.studioTokenLens'] },
    });
    assert.deepEqual(fixAll, []);
    await server().close(uri);
  });

  it('answers a pull cancelled by the client with RequestCancelled', async () => {
    const uri = fileUri('cancelled.snippet');
    await server().open(uri, 'cxone-snippet', 'ASSIGN a = 1\n');
    // The settings of a fresh URI are read from the client first, so the cancellation is seen after that await.
    const error = await responseError(server().pullAndCancel(uri));
    assert.equal(error.code, LSPErrorCodes.RequestCancelled);
    await server().close(uri);
  });

  it('survives a document of binary junk', async () => {
    const uri = fileUri('junk.snippet');
    await server().open(uri, 'cxone-snippet', binaryJunk(64 * 1024));
    const report = await server().pull(uri);
    assert.equal(report.kind, 'full');
    await server().change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\u0000\uFFFD{"' },
    ]);
    assert.equal((await server().pull(uri)).kind, 'full');
    await server().close(uri);
    const xml = fileUri('junk.xml');
    await server().open(xml, 'xml', `<ScriptContainer>${binaryJunk(16 * 1024)}`);
    assert.equal((await server().pull(xml)).kind, 'full');
    await server().close(xml);
  });

  it('handles a 5 MB document and an edit to it', async () => {
    let text = generateSnippet(150_000);
    while (text.length < 5 * 1024 * 1024) text += text.slice(0, 5 * 1024 * 1024 - text.length);
    const uri = fileUri('five-megabytes.snippet');
    await server().open(uri, 'cxone-snippet', text);
    assert.equal((await server().pull(uri)).kind, 'full');
    await server().change(uri, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'ASSIGN edited = 1\n' },
    ]);
    assert.equal((await server().pull(uri)).kind, 'full');
    await server().close(uri);
  });
});
