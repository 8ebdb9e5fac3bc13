import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageModelCache } from '../../../server/src/lsp/language-model-cache';

describe('language model cache', () => {
  function counting(max: number): { cache: ReturnType<typeof createLanguageModelCache<string>>; computed: string[] } {
    const computed: string[] = [];
    const cache = createLanguageModelCache({ maxEntries: max }, (document) => {
      computed.push(`${document.uri}@${document.version}`);
      return document.getText();
    });
    return { cache, computed };
  }

  it('computes once per (uri, version, language id)', () => {
    const { cache, computed } = counting(10);
    const v1 = TextDocument.create('file:///a.snippet', 'snippet', 1, 'ASSIGN a = 1');
    assert.equal(cache.get(v1), 'ASSIGN a = 1');
    assert.equal(cache.get(v1), 'ASSIGN a = 1');
    const v2 = TextDocument.update(v1, [{ text: 'ASSIGN a = 2' }], 2);
    assert.equal(cache.get(v2), 'ASSIGN a = 2');
    const renamed = TextDocument.create('file:///a.snippet', 'plaintext', 2, 'ASSIGN a = 2');
    cache.get(renamed);
    assert.deepEqual(computed, ['file:///a.snippet@1', 'file:///a.snippet@2', 'file:///a.snippet@2']);
  });

  it('evicts the least recently used entry and forgets removed documents', () => {
    const { cache, computed } = counting(2);
    const doc = (name: string): TextDocument => TextDocument.create(`file:///${name}`, 'snippet', 1, name);
    const [a, b, c] = [doc('a'), doc('b'), doc('c')];
    cache.get(a);
    cache.get(b);
    cache.get(a); // a is now the most recent
    cache.get(c); // evicts b
    cache.get(a);
    cache.get(b);
    cache.onDocumentRemoved('file:///a');
    cache.get(a);
    assert.deepEqual(computed, ['file:///a@1', 'file:///b@1', 'file:///c@1', 'file:///b@1', 'file:///a@1']);
  });

  it('evicts the least recently used entries while the documents kept weigh more than the limit', () => {
    const computed: string[] = [];
    const cache = createLanguageModelCache(
      { maxEntries: 10, maxWeight: 100, weigh: (document) => document.getText().length },
      (document) => {
        computed.push(document.uri);
        return document.uri;
      },
    );
    const doc = (name: string, length: number): TextDocument =>
      TextDocument.create(`file:///${name}.snippet`, 'snippet', 1, 'x'.repeat(length));
    const [a, b, c, huge] = [doc('a', 40), doc('b', 40), doc('c', 40), doc('huge', 500)];
    cache.get(a);
    cache.get(b);
    cache.get(c); // 120 > 100: evicts a
    cache.get(b);
    cache.get(a); // a again; evicts c (b was used since)
    cache.get(b);
    cache.get(huge); // over the limit alone: kept, as the only entry
    cache.get(huge);
    cache.onDocumentRemoved('file:///huge.snippet');
    cache.get(b);
    cache.get(a); // 80: both kept
    cache.get(b);
    assert.deepEqual(
      computed.map((uri) => uri.slice('file:///'.length, -'.snippet'.length)),
      ['a', 'b', 'c', 'a', 'huge', 'b', 'a'],
    );
  });
});
