import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FoldingRange } from 'vscode-languageserver-protocol/node';
import { assertBundleIsFresh, fileUri, PULL_CAPABILITIES, ROOT, TestClient } from './lsp-client';

const SELECT_WITH_STACKED_CASES = [
  '// Order lookup',
  '// status handling for 401/403',
  'ASSIGN orderStatus = "{orderProxy.StatusCode}"',
  'SELECT',
  '{',
  '  CASE orderStatus = 401',
  '  CASE orderStatus = 403',
  '  {',
  '    ASSIGN apiError = "AUTH_FAILURE"',
  '  }',
  '  DEFAULT',
  '  {',
  '    ASSIGN apiError = ""',
  '  }',
  '}',
  '',
].join('\r\n');

describe('protocol: folding ranges', () => {
  let client: TestClient;
  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
  });
  after(async () => client?.dispose());

  async function folds(name: string, languageId: string, text: string): Promise<FoldingRange[]> {
    const uri = fileUri(name);
    await client.open(uri, languageId, text);
    return (await client.connection.sendRequest('textDocument/foldingRange', {
      textDocument: { uri },
    })) as FoldingRange[];
  }

  it(
    'folds braces of SELECT and CASE blocks and comment runs in Snippet code, keeping closing braces ' + 'visible',
    async () => {
      const ranges = await folds('order-status.snippet', 'cxone-snippet', SELECT_WITH_STACKED_CASES);
      assert.deepEqual(
        ranges.map((r) => [r.startLine, r.endLine, r.kind ?? 'block']),
        [
          [0, 1, 'comment'],
          [3, 13, 'block'],
          [7, 8, 'block'],
          [11, 12, 'block'],
        ],
      );
    },
  );

  it('folds SNIPPET … END SNIPPET blocks and their JavaScript blocks in the guide notation', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/guide/strategy-b-cached-token.studio'), 'utf8');
    const ranges = await folds('strategy-b.studio', 'cxone-studio', text);
    const lines = text.split(/\r?\n/);
    const snippetFold = ranges.find((r) => lines[r.startLine]!.trim() === 'SNIPPET');
    assert.ok(snippetFold, 'the SNIPPET block folds');
    assert.ok(lines[snippetFold.endLine]!.startsWith('END SNIPPET'));
    assert.ok(
      ranges.some((r) => lines[r.startLine]!.includes('if (tokenExpiry > 0')),
      'the if block folds',
    );
  });

  it('folds actions and SNIPPET code inside an XML export', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/export/token-at-begin-used-after-menu.xml'), 'utf8');
    const ranges = await folds('export.xml', 'xml', text);
    const lines = text.split(/\r\n/);
    assert.ok(ranges.filter((r) => lines[r.startLine]!.includes('<ActionStruct>')).length >= 5);
  });
});
