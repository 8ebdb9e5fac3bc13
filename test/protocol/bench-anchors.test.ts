import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleJsonLanguageServer } from '../bench/anchors/bundle';
import { baselineCheckout } from '../bench/baseline';
import { generateJson } from '../bench/generate';
import { PULL_CAPABILITIES, TestClient } from './lsp-client';

/**
 * `npm run bench` is not run by the tests, so its anchors are checked here: a broken anchor would otherwise show up
 * only as a bench that hangs or compares against nothing. The JSON anchor must build, start over stdio and validate
 * (a duplicate key and a trailing comma are what VS Code's JSON server reports); the generated JSON must be valid.
 */
describe('protocol: the benchmark anchors', function () {
  this.timeout(60_000);

  it('bundles and runs the JSON language-server anchor, which validates what it is sent', async () => {
    const anchor = bundleJsonLanguageServer();
    const client = await TestClient.start({ capabilities: PULL_CAPABILITIES, server: anchor.file });
    try {
      const uri = 'file:///bench/anchor.json';
      await client.open(uri, 'json', '{ "baseUrl": "https://api.example-crm.com", "baseUrl": "x", }\n');
      const report = await client.pull(uri);
      assert.equal(report.kind, 'full');
      const messages = report.kind === 'full' ? report.items.map((d) => d.message) : [];
      assert.ok(messages.includes('Duplicate object key'), messages.join('; '));
      assert.ok(messages.includes('Trailing comma'), messages.join('; '));
      const valid = 'file:///bench/generated.json';
      const json = generateJson(20_000);
      await client.open(valid, 'json', json);
      const clean = await client.pull(valid);
      assert.deepEqual(clean.kind === 'full' ? clean.items : undefined, []);
      // The authoring bench's requests get real answers (a handler that answered null would time nothing).
      const document = { textDocument: { uri: valid } };
      const ask = <T>(method: string, params: object): Promise<T> => client.connection.sendRequest<T>(method, params);
      const symbols = await ask<{ name: string }[]>('textDocument/documentSymbol', document);
      assert.ok(symbols.length > 10, `${symbols.length} symbols`);
      const folds = await ask<unknown[]>('textDocument/foldingRange', document);
      assert.ok(folds.length > 10, `${folds.length} folding ranges`);
      const indented = json.replace('\n  {', '\n{');
      await client.change(valid, [{ text: indented }]);
      const edits = await ask<unknown[]>('textDocument/formatting', {
        ...document,
        options: { tabSize: 2, insertSpaces: true },
      });
      assert.ok(edits.length > 0, 'formatting put the indentation back');
      const line = json.split('\n').findIndex((l) => l.includes('"path"'));
      const completion = await ask<{ items: { label: string }[] }>('textDocument/completion', {
        ...document,
        position: { line, character: json.split('\n')[line]!.indexOf('"path"') + 2 },
      });
      assert.ok(completion.items.length > 0, 'completion in a key proposes keys');
    } finally {
      await client.dispose();
      anchor.dispose();
    }
  });

  it('takes a baseline only from a checkout with built bundles, and none when unset', () => {
    const saved = process.env.STUDIO_BENCH_BASELINE;
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-baseline-'));
    try {
      delete process.env.STUDIO_BENCH_BASELINE;
      assert.equal(baselineCheckout(), undefined);
      process.env.STUDIO_BENCH_BASELINE = empty;
      assert.throws(() => baselineCheckout(), /server\.js is missing/);
    } finally {
      if (saved === undefined) delete process.env.STUDIO_BENCH_BASELINE;
      else process.env.STUDIO_BENCH_BASELINE = saved;
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
