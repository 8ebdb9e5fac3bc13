import * as assert from 'node:assert/strict';
import type { EmbeddedCode } from '../../server/src/syntax/export/read-export';

/**
 * Independent check of an EmbeddedCode offset map against the file text, one code point at a time:
 * - the file slice between the mapped start of a code point and the mapped start of the next one, with XML
 *   markup (`<![CDATA[`, `]]>`, comments) removed, is either that code point written literally or one entity /
 *   character reference that decodes to it;
 * - `toCodeOffset` inverts `toDocumentOffset` at every code point start;
 * - both units of an astral character written as a reference map to the reference's `&`;
 * - the end of the code maps to the end of the last character's source.
 */
export function assertExactOffsetMap(text: string, snippet: EmbeddedCode): void {
  const { code } = snippet;
  const { start, end } = snippet.contentRange;
  assert.ok(start <= end && end <= text.length, 'content range lies inside the document');
  let previous = -1;
  for (let o = 0; o < code.length; ) {
    const width = code.codePointAt(o)! > 0xffff ? 2 : 1;
    const d = snippet.toDocumentOffset(o);
    const next = snippet.toDocumentOffset(o + width);
    assert.ok(d >= start && d <= end, `offset ${o} maps inside the content`);
    assert.ok(d > previous, `offsets increase at code offset ${o}`);
    const source = stripMarkup(text.slice(d, next));
    const expected = code.slice(o, o + width);
    const decoded = decodeOne(source);
    assert.equal(
      decoded,
      expected,
      `code ${JSON.stringify(expected)} at ${o} maps to file ${JSON.stringify(text.slice(d, next))} at ${d}`,
    );
    if (width === 2) {
      const low = snippet.toDocumentOffset(o + 1);
      assert.ok(source.startsWith('&') ? low === d : low === d + 1, `low surrogate at ${o + 1} follows the rule`);
    }
    assert.equal(snippet.toCodeOffset(d), o, `toCodeOffset inverts toDocumentOffset at code offset ${o}`);
    previous = d;
    o += width;
  }
  const codeEnd = snippet.toDocumentOffset(code.length);
  assert.ok(codeEnd >= previous && codeEnd <= end);
  assert.equal(snippet.toCodeOffset(codeEnd), code.length);
  assert.equal(stripMarkup(text.slice(codeEnd, end)), '', 'only markup follows the end of the code');
  assert.equal(snippet.toCodeOffset(start - 1), undefined);
  assert.equal(snippet.toCodeOffset(end + 1), undefined);
}

function stripMarkup(raw: string): string {
  return raw.replace(/<!\[CDATA\[|\]\]>|<!--[\s\S]*?-->/g, '');
}

function decodeOne(source: string): string {
  const reference = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);$/.exec(source);
  if (reference === null) return source;
  const name = reference[1]!;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  if (name in named) return named[name]!;
  return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
}
