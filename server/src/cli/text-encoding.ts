import { isUtf8 } from 'node:buffer';
import { diffArrays } from 'diff';

/**
 * How a file's bytes became the text the linter sees, and how fixed text becomes bytes again. The aim is that
 * `--fix` changes no byte outside its fixes: UTF-8 and UTF-16 are decoded and re-encoded exactly (BOM kept);
 * bytes that are not UTF-8 (a Windows-1252 accent, say) are kept as they were, line by line, and a fix that would
 * have to rewrite one of them is refused.
 */
export type Charset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'not-utf-8';

export interface DecodedText {
  readonly charset: Charset;
  readonly bom: boolean;
  /** The text without its BOM (editors do not show it, and columns must not count it). */
  readonly text: string;
  /** False when decoding replaced something (invalid UTF-16, bytes that are not UTF-8). */
  readonly exact: boolean;
}

export type Decoding =
  | { readonly kind: 'decoded'; readonly decoded: DecodedText }
  | { readonly kind: 'unsupported'; readonly reason: string };

export type Encoding =
  | { readonly kind: 'encoded'; readonly bytes: Buffer }
  | { readonly kind: 'refused'; readonly reason: string };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function decode(label: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): { text: string; exact: boolean } {
  // The common case, checked by Node's native validator (several times faster than a fatal TextDecoder).
  if (label === 'utf-8' && isUtf8(bytes))
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), exact: true };
  try {
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), exact: true };
  } catch {
    return { text: new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(bytes), exact: false };
  }
}

/** Detects the encoding from the BOM (or an XML declaration's first bytes in UTF-16) and UTF-8 validity. */
export function decodeBytes(bytes: Uint8Array): Decoding {
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff]))
    return { kind: 'unsupported', reason: 'UTF-32 text is not supported; save it as UTF-8 or UTF-16' };
  let charset: Exclude<Charset, 'not-utf-8'> = 'utf-8';
  let bom = false;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) bom = true;
  else if (startsWith(bytes, [0xff, 0xfe])) [charset, bom] = ['utf-16le', true];
  else if (startsWith(bytes, [0xfe, 0xff])) [charset, bom] = ['utf-16be', true];
  // `<?` in UTF-16 without a BOM (XML 1.0 appendix F): Studio can write exports this way.
  else if (startsWith(bytes, [0x3c, 0, 0x3f, 0])) charset = 'utf-16le';
  else if (startsWith(bytes, [0, 0x3c, 0, 0x3f])) charset = 'utf-16be';
  const body = bytes.subarray(bom ? (charset === 'utf-8' ? 3 : 2) : 0);
  const { text, exact } = decode(charset, body);
  if (charset === 'utf-8' && !exact) return { kind: 'decoded', decoded: { charset: 'not-utf-8', bom, text, exact } };
  return { kind: 'decoded', decoded: { charset, bom, text, exact } };
}

function utf16be(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  bytes.swap16();
  return bytes;
}

const BOM: Record<Exclude<Charset, 'not-utf-8'>, readonly number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
};

/** The bytes for `fixed`, the new text of a file decoded as `decoded` from `original`. */
export function encodeText(decoded: DecodedText, original: Uint8Array, fixed: string): Encoding {
  if (decoded.charset === 'not-utf-8') return mergeLines(original.subarray(decoded.bom ? 3 : 0), fixed, decoded.bom);
  if (!decoded.exact)
    return {
      kind: 'refused',
      reason: `${decoded.charset.toUpperCase()} text with invalid sequences cannot be rewritten exactly`,
    };
  const body =
    decoded.charset === 'utf-8'
      ? Buffer.from(fixed, 'utf8')
      : decoded.charset === 'utf-16le'
        ? Buffer.from(fixed, 'utf16le')
        : utf16be(fixed);
  return { kind: 'encoded', bytes: decoded.bom ? Buffer.concat([Buffer.from(BOM[decoded.charset]), body]) : body };
}

/** Lines with their terminators ("\r\n", "\n" or "\r"): CR and LF are single bytes in UTF-8 and in every 8-bit code. */
function byteLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 10 && byte !== 13) continue;
    if (byte === 13 && bytes[i + 1] === 10) i++;
    lines.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function textLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

const NOT_ASCII = /[^\t\n\r -~]/;

/**
 * Fixed text for a file that is not UTF-8: lines the fixes left alone keep their original bytes; new lines are
 * written only when they are printable ASCII (the same bytes in UTF-8 and in every 8-bit code page). A fix whose new
 * text holds anything else (such as a line of the file with its accents, which could not be decoded) is refused.
 */
function mergeLines(original: Uint8Array, fixed: string, bom: boolean): Encoding {
  const oldBytes = byteLines(original);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const oldText = oldBytes.map((line) => decoder.decode(line));
  const newText = textLines(fixed);
  // Fixes touch a few places: the diff runs on what lies between the first and the last changed line.
  let head = 0;
  while (head < oldText.length && head < newText.length && oldText[head] === newText[head]) head++;
  let tail = 0;
  while (
    tail < oldText.length - head &&
    tail < newText.length - head &&
    oldText[oldText.length - 1 - tail] === newText[newText.length - 1 - tail]
  )
    tail++;
  const parts: Uint8Array[] = bom ? [Uint8Array.from([0xef, 0xbb, 0xbf])] : [];
  parts.push(...oldBytes.slice(0, head));
  let oldIndex = head;
  const changes = diffArrays(oldText.slice(head, oldText.length - tail), newText.slice(head, newText.length - tail));
  for (const change of changes) {
    if (change.removed) {
      oldIndex += change.count ?? change.value.length;
      continue;
    }
    if (change.added) {
      for (const line of change.value) {
        if (NOT_ASCII.test(line))
          return {
            kind: 'refused',
            reason:
              'the file is not UTF-8 and a fix writes a line that is not plain ASCII; ' +
              'convert the file to UTF-8 or fix it by hand',
          };
        parts.push(Buffer.from(line, 'latin1'));
      }
      continue;
    }
    for (let i = 0; i < change.value.length; i++) parts.push(oldBytes[oldIndex++]!);
  }
  parts.push(...oldBytes.slice(oldBytes.length - tail));
  return { kind: 'encoded', bytes: Buffer.concat(parts) };
}
