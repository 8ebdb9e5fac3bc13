import assert from 'node:assert/strict';
import {
  escapeMarkdown,
  jsonCodeBlock,
  safeJson,
  showInvisibles,
  truncateText,
} from '../../../server/src/jwt/markdown';

describe('jwt-markdown', () => {
  it('escapes images, links, HTML, code, emphasis and table pipes', () => {
    assert.equal(
      escapeMarkdown('![t](https://tracker.example/p.png) <img src=x> `c` *b* _i_ a|b ~s~ &amp; #h \\'),
      '\\!\\[t\\](https://tracker.example/p.png) \\<img src=x\\> \\`c\\` \\*b\\* \\_i\\_ a\\|b \\~s\\~ \\&amp; ' +
        '\\#h \\\\',
    );
  });

  it('shows control and bidi characters as escapes', () => {
    assert.equal(showInvisibles('a\nb\u202ec\u0000'), 'a\\u000ab\\u202ec\\u0000');
  });

  it('truncates without splitting a surrogate pair', () => {
    assert.equal(truncateText('abcdef', 6), 'abcdef');
    assert.equal(truncateText('abcdef', 3), 'abc…');
    assert.equal(truncateText('ab\u{1F600}cd', 3), 'ab…');
  });

  it('returns undefined instead of throwing on JSON too deep to stringify', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(safeJson(deep), undefined);
    assert.equal(jsonCodeBlock(deep, 100).markdown, '_(too deeply nested to show)_');
  });

  it('fences pretty JSON, keeping its layout and neutralising backticks', () => {
    assert.deepEqual(jsonCodeBlock({ note: '```\n<b>\u202e' }, 1000), {
      markdown: '```json\n{\n  "note": "\\u0060\\u0060\\u0060\\n<b>\\u202e"\n}\n```',
    });
  });

  it('cuts long JSON and says how long it was', () => {
    const block = jsonCodeBlock({ blob: 'x'.repeat(100) }, 20);
    assert.equal(block.truncatedFrom, 116);
    assert.equal(block.markdown, '```json\n{\n  "blob": "xxxxxxx…\n```');
  });
});
