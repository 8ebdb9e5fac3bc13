import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SemanticTokensEdit } from 'vscode-languageserver';
import { semanticTokensEdits, SentSemanticTokens } from '../../../server/src/lsp/semantic-tokens-delta';

/** What a client does with the edits: applied to the data it holds, last first (they never overlap). */
function applied(previous: readonly number[], edits: readonly SemanticTokensEdit[]): number[] {
  const out = [...previous];
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  }
  return out;
}

describe('semantic tokens delta (lsp/semantic-tokens-delta.ts)', () => {
  it('sends nothing for equal answers, and one edit over only what differs', () => {
    assert.deepEqual(semanticTokensEdits([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]), []);
    // A token's length changed in the middle of three.
    assert.deepEqual(
      semanticTokensEdits([0, 0, 4, 1, 0, 1, 2, 5, 2, 0, 0, 7, 3, 3, 0], [0, 0, 4, 1, 0, 1, 2, 6, 2, 0, 0, 7, 3, 3, 0]),
      [{ start: 7, deleteCount: 1, data: [6] }],
    );
    // The last token removed: a deletion with no data.
    assert.deepEqual(semanticTokensEdits([0, 0, 4, 1, 0, 1, 2, 5, 2, 0], [0, 0, 4, 1, 0]), [
      { start: 5, deleteCount: 5 },
    ]);
    // Everything new.
    assert.deepEqual(semanticTokensEdits([], [0, 0, 4, 1, 0]), [{ start: 0, deleteCount: 0, data: [0, 0, 4, 1, 0] }]);
  });

  it('applied to the previous answer, the edits give the next one (any two arrays, typed or not)', () => {
    const ints = fc.array(fc.nat({ max: 6 }), { maxLength: 60 });
    fc.assert(
      fc.property(ints, ints, fc.boolean(), (previous, next, typed) => {
        const edits = semanticTokensEdits(typed ? Uint32Array.from(previous) : previous, next);
        assert.deepEqual(applied(previous, edits), next);
        assert.ok(edits.length <= 1);
      }),
      { numRuns: 2000 },
    );
    // A shared middle with changes around it, as an edit above and below makes.
    fc.assert(
      fc.property(ints, ints, ints, ints, (head, middle, tail, other) => {
        const previous = [...head, ...middle, ...tail];
        const next = [...other, ...middle, ...tail];
        assert.deepEqual(applied(previous, semanticTokensEdits(previous, next)), next);
      }),
    );
  });

  it('keeps the last result per document, forgets it on close, and bounds what it holds', () => {
    const sent = new SentSemanticTokens();
    const a1 = sent.remember('file:///a.snippet', [0, 0, 4, 1, 0]);
    const a2 = sent.remember('file:///a.snippet', [0, 0, 5, 1, 0]);
    assert.notEqual(a1, a2);
    assert.equal(sent.sent('file:///a.snippet', a1), undefined, 'only the last result of a document is kept');
    assert.deepEqual([...sent.sent('file:///a.snippet', a2)!], [0, 0, 5, 1, 0]);
    assert.equal(sent.sent('file:///b.snippet', a2), undefined, 'a result belongs to its document');
    sent.forget('file:///a.snippet');
    assert.equal(sent.sent('file:///a.snippet', a2), undefined);

    // Ten documents at most: the eleventh pushes out the one sent longest ago.
    const ids = Array.from({ length: 11 }, (_, i) => sent.remember(`file:///${i}.snippet`, [i]));
    assert.equal(sent.sent('file:///0.snippet', ids[0]!), undefined);
    for (let i = 1; i <= 10; i++) assert.ok(sent.sent(`file:///${i}.snippet`, ids[i]!), `document ${i}`);

    // A result over the whole integer budget is still kept when it is the latest; the others make room for it.
    const huge = sent.remember('file:///huge.snippet', new Array(4 * 1024 * 1024 + 5).fill(1));
    assert.ok(sent.sent('file:///huge.snippet', huge));
    assert.equal(sent.sent('file:///10.snippet', ids[10]!), undefined);
  });
});
