import { strict as assert } from 'node:assert';
import { assertBundleIsFresh, fileUri, PULL_CAPABILITIES, TestClient } from './lsp-client';

/**
 * Settings a cloned repository can carry (`.vscode/settings.json`) must not freeze the server: a token endpoint
 * pattern with nested quantifiers runs against a long URL in linear time, and the server keeps answering other
 * requests. Patterns it cannot use are told to the user (window/showMessage), never dropped silently.
 */
const CATASTROPHIC = '(a+)+$';
const LONG_URL = `https://api.example-crm.com/${'a'.repeat(50_000)}!`;
const SNIPPET = [
  'ASSIGN crm = GetRESTProxy()',
  `ASSIGN result = crm.MakeRestRequest("${LONG_URL}", "", 0, "GET")`,
  'IF crm.StatusCode != 200 { ASSIGN crmErr = "HTTP_{crm.StatusCode}" }',
  '',
].join('\n');

/** Resolves with the value, or rejects when `ms` pass first. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('protocol: hostile settings', function () {
  this.timeout(60_000);
  let client: TestClient;

  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({
      capabilities: PULL_CAPABILITIES,
      settings: { tokenEndpointPatterns: [CATASTROPHIC, '(unclosed', '(?<=lookbehind)token'] },
    });
  });
  after(async () => client?.dispose());

  it('lints a document with a 50,000-character URL under a nested-quantifier pattern, and stays live', async () => {
    const uri = fileUri('long-url.snippet');
    await client.open(uri, 'cxone-snippet', SNIPPET);
    const report = await within(20_000, client.pull(uri), 'textDocument/diagnostic');
    assert.equal(report.kind, 'full');
    // Liveness probe: another document's hover answers at once.
    const other = fileUri('other.snippet');
    await client.open(other, 'cxone-snippet', 'ASSIGN x = 1\n');
    await within(
      1_000,
      client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: other },
        position: { line: 0, character: 8 },
      }),
      'a hover on another document',
    );
    assert.ok(client.isAlive());
  });

  it('tells the user about each pattern it cannot use, once, naming the setting', async () => {
    const uri = fileUri('shown.snippet');
    await client.open(uri, 'cxone-snippet', 'ASSIGN x = 1\n');
    await client.pull(uri);
    const texts = client.shownMessages.map((m) => m.message);
    const about = (needle: string): string[] => texts.filter((t) => t.includes(needle));
    assert.equal(about('(unclosed').length, 1, `messages: ${JSON.stringify(texts)}`);
    assert.equal(about('lookbehind').length, 1, `messages: ${JSON.stringify(texts)}`);
    for (const text of texts) assert.match(text, /studioTokenLens\.tokenEndpointPatterns/);
    assert.deepEqual(about(CATASTROPHIC), [], 'the nested-quantifier pattern is usable: it runs without backtracking');
  });
});
