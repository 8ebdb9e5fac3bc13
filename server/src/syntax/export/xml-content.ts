import { detachedCopy } from '../../common/detached-string';
import type { TextRange } from '../../common/text-range';

/**
 * The decoded text of one element's content, with an exact map between offsets in the decoded text and
 * offsets in the file.
 *
 * Decoding rules (the file must already be well-formed; saxes checks that):
 * - `&amp; &lt; &gt; &quot; &apos;` and numeric references (`&#13;`, `&#x7B;`, astral code points become two
 *   UTF-16 units) are decoded.
 * - CDATA sections contribute their content verbatim; comments, processing instructions and (unexpected)
 *   child tags contribute nothing.
 * - Line breaks are kept exactly as written in the file (CRLF stays CRLF). An XML parser would normalise them
 *   to LF; we do not, so that every decoded character maps 1:1 back to the file and fixes can keep CRLF.
 *
 * Offset rules:
 * - `toDocumentOffset(o)` is the file offset where the source of decoded unit `o` starts. Both units of an
 *   astral character written as one reference (`&#x1F600;`) map to that reference's `&`.
 *   `o === text.length` maps to the end of the source of the last unit (for plain content that is the end of the
 *   content; a trailing CDATA section's `]]>` or a trailing comment stay outside). Offsets outside
 *   `[0, text.length]` are clamped.
 * - `toCodeOffset(d)` is the number of decoded units whose source lies entirely before `d`: an offset inside an
 *   entity maps to the entity's decoded unit, an offset inside markup (`<![CDATA[`, `]]>`, a comment) maps to
 *   the next decoded unit. Offsets outside the content range give `undefined`.
 */
export interface XmlContent {
  readonly text: string;
  /** Raw range of the content in the file (between the start tag's `>` and the end tag's `<`). */
  readonly contentRange: TextRange;
  /** True when the content contains at least one CDATA section. */
  readonly usesCdata: boolean;
  toDocumentOffset(codeOffset: number): number;
  toCodeOffset(documentOffset: number): number | undefined;
  /**
   * The file range whose source is exactly the decoded range: it starts where the first unit's source starts and ends
   * right after the last unit's own source (an entity's `;`, or the character itself), never before the markup that
   * follows it (`]]>`, a comment).
   */
  toDocumentRange(codeStart: number, codeEnd: number): TextRange;
  /**
   * The same content `delta` further on, in `text`: a new version of the file with an edit before it (or none).
   * The content is not decoded again, and the result keeps no reference to the earlier file.
   */
  movedBy(delta: number, text: string): XmlContent;
}

const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Longest reference we try to decode: `&#x10FFFF;` and `&#1114111;` are 10 characters. */
const MAX_REFERENCE_LENGTH = 12;

/**
 * Decodes the raw content `text.slice(start, end)`. Never throws; malformed references are kept literally
 * (they cannot occur in content saxes accepted).
 */
export function decodeXmlContent(text: string, start: number, end: number): XmlContent {
  const runs = new RunList();
  const pieces: string[] = [];
  let codeLength = 0;
  let usesCdata = false;
  let plainStart = -1; // start of the pending run of plain characters, or -1

  const flushPlain = (upTo: number): void => {
    if (plainStart < 0) return;
    const length = upTo - plainStart;
    pieces.push(text.slice(plainStart, upTo));
    runs.add(codeLength, plainStart, length, length, true);
    codeLength += length;
    plainStart = -1;
  };

  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x26 /* & */) {
      const reference = decodeReference(text, i, end);
      if (reference === undefined) {
        if (plainStart < 0) plainStart = i;
        i++;
        continue;
      }
      flushPlain(i);
      pieces.push(reference.value);
      runs.add(codeLength, i, reference.value.length, reference.length, false);
      codeLength += reference.value.length;
      i += reference.length;
    } else if (c === 0x3c /* < */) {
      flushPlain(i);
      if (text.startsWith('<![CDATA[', i)) {
        usesCdata = true;
        const bodyStart = i + 9;
        const close = text.indexOf(']]>', bodyStart);
        const bodyEnd = close < 0 || close > end ? end : close;
        const length = bodyEnd - bodyStart;
        if (length > 0) {
          pieces.push(text.slice(bodyStart, bodyEnd));
          runs.add(codeLength, bodyStart, length, length, true);
          codeLength += length;
        }
        i = Math.min(end, bodyEnd + 3);
      } else {
        i = skipMarkup(text, i, end);
      }
    } else {
      if (plainStart < 0) plainStart = i;
      i++;
    }
  }
  flushPlain(end);

  // One piece is a slice of the whole file: copied, so that code kept beyond this version does not keep the file.
  const decoded = pieces.length === 1 ? detachedCopy(pieces[0]!) : pieces.join('');
  return placedContent({ decoded, runs, usesCdata }, text, start, end, 0);
}

/** Decoded content and its runs, as found at first (the runs hold the file offsets of that version). */
interface DecodedContent {
  readonly decoded: string;
  readonly runs: RunList;
  readonly usesCdata: boolean;
}

/** The content at `[start, end)` of `text`, which is where it was decoded plus `delta`. */
function placedContent(content: DecodedContent, text: string, start: number, end: number, delta: number): XmlContent {
  const { decoded, runs, usesCdata } = content;
  const codeLength = decoded.length;
  const contentRange: TextRange = { start, end };
  const toDocumentOffset = (codeOffset: number): number =>
    runs.toDocument(codeOffset, codeLength, start - delta) + delta;
  return {
    text: decoded,
    contentRange,
    usesCdata,
    toDocumentOffset,
    toCodeOffset: (documentOffset) =>
      documentOffset < start || documentOffset > end ? undefined : runs.toCode(documentOffset - delta),
    toDocumentRange: (codeStart, codeEnd) => {
      const from = Math.max(0, Math.min(codeStart, decoded.length));
      const to = Math.max(from, Math.min(codeEnd, decoded.length));
      const first = toDocumentOffset(from);
      let last = toDocumentOffset(to);
      if (to > from) {
        // The last character written as itself ends right after its own source.
        const at = toDocumentOffset(to - 1);
        const ch = decoded.charCodeAt(to - 1);
        const reference = ch === 0x26 /* & */ && decodeReference(text, at, end) !== undefined;
        if (text.charCodeAt(at) === ch && !reference) last = at + 1;
      }
      return { start: first, end: Math.max(first, last) };
    },
    movedBy: (by, next) => placedContent(content, next, start + by, end + by, delta + by),
  };
}

interface DecodedReference {
  readonly value: string;
  /** Length of the reference in the file, `&` and `;` included. */
  readonly length: number;
}

function decodeReference(text: string, ampersand: number, end: number): DecodedReference | undefined {
  const limit = Math.min(end, ampersand + MAX_REFERENCE_LENGTH);
  let semicolon = -1;
  for (let j = ampersand + 1; j < limit; j++) {
    if (text.charCodeAt(j) === 0x3b /* ; */) {
      semicolon = j;
      break;
    }
  }
  if (semicolon < 0) return undefined;
  const name = text.slice(ampersand + 1, semicolon);
  const length = semicolon + 1 - ampersand;
  const predefined = PREDEFINED_ENTITIES.get(name);
  if (predefined !== undefined) return { value: predefined, length };
  let codePoint = NaN;
  if (/^#x[0-9a-fA-F]+$/.test(name)) codePoint = parseInt(name.slice(2), 16);
  else if (/^#[0-9]+$/.test(name)) codePoint = parseInt(name.slice(1), 10);
  if (!(codePoint >= 0 && codePoint <= 0x10ffff)) return undefined;
  return { value: String.fromCodePoint(codePoint), length };
}

/** Skips a comment, processing instruction or tag starting at `<`; returns the offset after it. */
function skipMarkup(text: string, open: number, end: number): number {
  const skipTo = (terminator: string, from: number): number => {
    const at = text.indexOf(terminator, from);
    return at < 0 || at + terminator.length > end ? end : at + terminator.length;
  };
  if (text.startsWith('<!--', open)) return skipTo('-->', open + 4);
  if (text.startsWith('<?', open)) return skipTo('?>', open + 2);
  // A tag: attribute values may contain '>', so honour quotes.
  let quote = 0;
  for (let j = open + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e /* > */) {
      return j + 1;
    }
  }
  return end;
}

/**
 * Runs of decoded text, sorted by both code and document offset. A "plain" run maps linearly (one file unit per
 * code unit); an entity run maps `codeLength` units to `documentLength` file units.
 */
class RunList {
  private readonly codeStarts: number[] = [];
  private readonly documentStarts: number[] = [];
  private readonly codeLengths: number[] = [];
  private readonly documentLengths: number[] = [];
  private readonly plain: boolean[] = [];

  add(codeStart: number, documentStart: number, codeLength: number, documentLength: number, plain: boolean): void {
    this.codeStarts.push(codeStart);
    this.documentStarts.push(documentStart);
    this.codeLengths.push(codeLength);
    this.documentLengths.push(documentLength);
    this.plain.push(plain);
  }

  toDocument(codeOffset: number, codeLength: number, emptyOffset: number): number {
    const count = this.codeStarts.length;
    if (count === 0) return emptyOffset;
    const o = Math.max(0, Math.min(Math.floor(codeOffset) || 0, codeLength));
    if (o >= codeLength) {
      const last = count - 1;
      return this.documentStarts[last]! + this.documentLengths[last]!;
    }
    const r = lastAtOrBefore(this.codeStarts, o);
    const inside = o - this.codeStarts[r]!;
    return this.plain[r] ? this.documentStarts[r]! + inside : this.documentStarts[r]!;
  }

  toCode(documentOffset: number): number {
    const r = lastAtOrBefore(this.documentStarts, documentOffset);
    if (r < 0) return 0;
    const inside = documentOffset - this.documentStarts[r]!;
    const codeStart = this.codeStarts[r]!;
    const codeLength = this.codeLengths[r]!;
    if (this.plain[r]) return codeStart + Math.min(inside, codeLength);
    return inside < this.documentLengths[r]! ? codeStart : codeStart + codeLength;
  }
}

/** Index of the last element `<= value` in an ascending array, or -1. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
