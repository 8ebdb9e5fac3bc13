import * as assert from 'node:assert/strict';
import { assertExactOffsetMap } from '../../helpers/export-offset-oracle';
import type { EmbeddedCode } from '../../../server/src/syntax/export/read-export';

describe('xml offset oracle (test helper)', () => {
  const text = '<string>a&amp;b</string>';
  const good: EmbeddedCode = {
    actionId: 1,
    caption: '',
    code: 'a&b',
    contentRange: { start: 8, end: 15 },
    elementRange: { start: 0, end: text.length },
    usesCdata: false,
    toDocumentOffset: (o) => [8, 9, 14, 15][Math.max(0, Math.min(3, o))]!,
    toCodeOffset: (d) => (d < 8 || d > 15 ? undefined : d <= 8 ? 0 : d < 14 ? 1 : d === 14 ? 2 : 3),
    toDocumentRange: (start, end) => ({ start: [8, 9, 14, 15][start]!, end: [8, 9, 14, 15][end]! }),
    movedBy: () => assert.fail('the oracle never moves code'),
  };

  it('accepts an exact map', () => {
    assertExactOffsetMap(text, good);
  });

  it('rejects a map that treats an entity as plain characters', () => {
    const wrong: EmbeddedCode = { ...good, toDocumentOffset: (o) => 8 + Math.max(0, Math.min(3, o)) };
    assert.throws(() => assertExactOffsetMap(text, wrong));
  });
});
