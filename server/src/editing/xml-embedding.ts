import { applyEdits, type TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import type { EmbeddedCode } from '../syntax/export/read-export';
import { escapeXmlText } from '../syntax/export/xml-escape';

/** The raw content of every CDATA section inside a range of the export (between `<![CDATA[` and `]]>`). */
function cdataSpans(text: string, range: TextRange): TextRange[] {
  const spans: TextRange[] = [];
  let at = range.start;
  for (;;) {
    const open = text.indexOf('<![CDATA[', at);
    if (open < 0 || open >= range.end) break;
    const close = text.indexOf(']]>', open + 9);
    if (close < 0 || close > range.end) break;
    spans.push({ start: open + 9, end: close });
    at = close + 3;
  }
  return spans;
}

/**
 * Turns edits of a SNIPPET action's code (offsets into `code.code`) into edits of the export file. Each edit lands
 * exactly on the source of the code it replaces (entities and character references included) and its new text is
 * escaped for element text; inside a CDATA section it is written as is. An edit that crosses a CDATA boundary, or
 * would put `]]>` into a CDATA section, rewrites the whole `<string>` element instead (escaped, no CDATA).
 */
export function embeddedEditsToDocument(text: string, code: EmbeddedCode, edits: readonly TextEdit[]): TextEdit[] {
  const spans = code.usesCdata ? cdataSpans(text, code.contentRange) : [];
  const mapped: TextEdit[] = [];
  for (const edit of edits) {
    const start = code.toDocumentOffset(edit.range.start);
    const end = edit.range.end === edit.range.start ? start : code.toDocumentOffset(edit.range.end);
    const inside = spans.find((span) => span.start <= start && end <= span.end);
    if (inside) {
      if (edit.newText.includes(']]>')) return rewriteElement(code, edits);
      mapped.push({ range: { start, end }, newText: edit.newText });
      continue;
    }
    // The section's markup counts: an edit ending at `<![CDATA[`'s end or starting at `]]>` would cut it.
    if (spans.some((span) => start < span.end + 3 && end > span.start - 9)) return rewriteElement(code, edits);
    mapped.push({ range: { start, end }, newText: escapeXmlText(edit.newText) });
  }
  return mapped;
}

function rewriteElement(code: EmbeddedCode, edits: readonly TextEdit[]): TextEdit[] {
  return [{ range: code.elementRange, newText: `<string>${escapeXmlText(applyEdits(code.code, edits))}</string>` }];
}
