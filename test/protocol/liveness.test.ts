import { strict as assert } from 'node:assert';
import { generateExport, generateSnippet } from '../bench/generate';
import { assertBundleIsFresh, fileUri, PULL_CAPABILITIES, TestClient } from './lsp-client';

/**
 * The server answers while it analyses: a large document's analysis runs in slices, and a request that arrives
 * meanwhile (a hover on another document) is answered before the analysis ends. Without the slices the hover waits
 * behind the whole analysis, so the order of the answers tells; no clock is read.
 */
const BIG_SNIPPET = generateSnippet(40_000);
// Large enough that an edit's analysis spans several slices even with the export path warmed up: at 20,000 lines,
// once the JIT warm-up had run on its export sample, the model and rules of an edit took 16-20 ms, close enough to one
// 8 ms slice that the hover came second in 2 runs of 5.
const BIG_EXPORT = generateExport(60_000);

describe('protocol: liveness while a large document is analysed', function () {
  this.timeout(120_000);
  let client: TestClient;
  const small = fileUri('small-lookup.snippet');

  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
    await client.open(small, 'cxone-snippet', 'ASSIGN lookupProxy = GetRESTProxy()\nASSIGN attempts = 1\n');
    await client.pull(small);
  });
  after(async () => client?.dispose());

  /** Edits `uri` (a new version to analyse), then asks for its diagnostics and a hover on the small document. */
  async function answerOrder(uri: string, text: string): Promise<string[]> {
    // A blank line at the end: the same kind of document (an export stays well-formed), and every rule runs over all
    // of it again (an export keeps its actions' parses and units, but not its findings).
    const end = { line: text.split('\n').length - 1, character: 0 };
    await client.change(uri, [{ range: { start: end, end }, text: '\n' }]);
    const order: string[] = [];
    const pulled = client.pull(uri).then((report) => {
      order.push('diagnostics');
      return report;
    });
    const hovered = client.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 9 } })
      .then(() => order.push('hover'));
    const [report] = await Promise.all([pulled, hovered]);
    assert.equal(report.kind, 'full');
    assert.ok(
      report.items.some((item) => item.code === 'token-reuse-without-expiry'),
      'the large document is analysed, not only parsed',
    );
    return order;
  }

  for (const [name, languageId, text] of [
    ['big-routing.snippet', 'cxone-snippet', BIG_SNIPPET],
    ['big-ivr-export.xml', 'xml', BIG_EXPORT],
  ] as const) {
    it(`answers a hover on another document before the analysis of a ${name.split('.')[1]} ends`, async () => {
      const uri = fileUri(name);
      await client.open(uri, languageId, text);
      // The first pull reads the resource's settings from the client; later pulls find them cached.
      await client.pull(uri);
      assert.deepEqual(await answerOrder(uri, text), ['hover', 'diagnostics']);
    });
  }

  it('drops the analysis of a version an edit replaced, and reports on the new one', async () => {
    const uri = fileUri('big-edited.snippet');
    await client.open(uri, 'cxone-snippet', BIG_SNIPPET);
    await client.pull(uri);
    const insert = (text: string) => [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text },
    ];
    await client.change(uri, insert(' '));
    const stale = client.pull(uri);
    // The edit arrives while the first pull's analysis runs: that pull is answered "server cancelled".
    await client.change(uri, insert('//'));
    await assert.rejects(stale, (error: { code?: number }) => error.code === -32802);
    const fresh = await client.pull(uri);
    assert.equal(fresh.kind, 'full');
  });
});
