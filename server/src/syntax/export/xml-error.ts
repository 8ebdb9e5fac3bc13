import { quoteSource } from '../../common/quote-source';
import type { ParseError } from '../../common/text-range';

/** An element whose start tag has been read and whose end tag has not. */
export interface OpenElement {
  readonly name: string;
  /** Offset of the start tag's `<`. */
  readonly start: number;
}

const MESSAGE_PREFIX = 'Malformed XML: ';

/**
 * Turns the first error saxes reports into one clear ParseError at the exact place a human would look.
 *
 * saxes decides whether the file is well-formed; this only sharpens where and how we say it:
 * - saxes reads an entity name up to the next `;`, so a bare `&` (very common in pasted Snippet code:
 *   `IF a = 1 & b = 2`) is reported far away, often at the end of the file. We point at the `&` itself.
 * - `x < 300` is "disallowed character in tag name" at the space; we point at the `<`.
 * - End-of-file errors are an empty range at the end of the text, naming the element left open.
 *
 * `position` is saxes' `position`: the UTF-16 offset just after the character that triggered the error (we feed
 * the whole text in one chunk, so it is a plain index into `text`; saxes' `line`/`column` are not needed).
 */
export function xmlParseError(
  text: string,
  saxesMessage: string,
  position: number,
  openElements: readonly OpenElement[],
): ParseError {
  const reason = saxesMessage.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
  const limit = Math.max(0, Math.min(position, text.length));

  const badReference = findBadReference(text, limit);
  if (badReference !== undefined) return badReference;

  const innermost = openElements[openElements.length - 1];
  if (isEndOfInput(reason)) {
    const opened = innermost !== undefined ? `line ${lineNumberAt(text, innermost.start)}` : '';
    const message =
      innermost !== undefined
        ? `the file ends before <${quoteSource(innermost.name)}> (opened on ${opened}) is closed`
        : reason === 'document must contain a root element'
          ? 'the file has no root element'
          : 'the file ends inside unfinished markup';
    return error(text.length, text.length, message);
  }

  const offending = characterStartBefore(text, limit);
  const offendingEnd = limit > offending ? limit : Math.min(text.length, offending + 1);

  if (reason === 'unexpected close tag' || reason.startsWith('unmatched closing tag')) {
    const start = text.lastIndexOf('</', offending);
    if (start >= 0) {
      const found = text.slice(start + 2, offending).trim();
      const expected =
        innermost !== undefined ? ` the open element <${quoteSource(innermost.name)}>` : ' any open element';
      return error(start, offendingEnd, `closing tag </${quoteSource(found)}> does not match${expected}`);
    }
  }
  if (
    (reason.startsWith('disallowed character in tag name') || reason === 'disallowed character in closing tag') &&
    text.charCodeAt(offending - 1) === 0x3c /* < */
  ) {
    return error(offending - 1, offending, "unescaped '<' in element text; write it as &lt;");
  }
  if (reason === 'text data outside of root node') {
    let start = textRunStart(text, offending);
    while (start < offending && isSpaceOrBom(text.charCodeAt(start))) start++;
    let end = text.charCodeAt(offending) === 0x3c ? offending : Math.min(limit, text.length);
    while (end > start && isSpaceOrBom(text.charCodeAt(end - 1))) end--;
    if (start < end) return error(start, end, 'text outside the root element');
  }
  if (reason.startsWith('the string "]]>" is disallowed')) {
    return error(Math.max(0, offending - 2), offendingEnd, "']]>' is not allowed in element text; write it as ]]&gt;");
  }
  if (reason === 'documents may contain only one root') {
    const start = text.lastIndexOf('<', offending);
    return error(start >= 0 ? start : offending, offendingEnd, 'a second root element; the document already ended');
  }
  // Anything else in saxes' words; they may name the file's own elements and attributes.
  return error(offending, offendingEnd, quoteSource(reason, 120));
}

function error(start: number, end: number, message: string): ParseError {
  return { range: { start, end }, message: MESSAGE_PREFIX + message };
}

function isEndOfInput(reason: string): boolean {
  return (
    reason.startsWith('unclosed tag') ||
    reason === 'document must contain a root element' ||
    reason === 'unexpected end'
  );
}

/** Start of the character that ends at `end` (one unit, a surrogate pair, or CRLF which saxes reads as one). */
function characterStartBefore(text: string, end: number): number {
  if (end <= 0) return 0;
  if (end > text.length) return text.length;
  const last = text.charCodeAt(end - 1);
  const before = text.charCodeAt(end - 2);
  if (last === 0x0a && before === 0x0d) return end - 2;
  if (last >= 0xdc00 && last <= 0xdfff && before >= 0xd800 && before <= 0xdbff) return end - 2;
  return end - 1;
}

function isSpaceOrBom(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff;
}

function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) line++;
  }
  return line;
}

const ENTITY_NAME = /^[A-Za-z_:][\w.:-]*$/;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * The first `&` in element text or an attribute value before `limit` that does not start a valid reference.
 * Walks markup the way an XML parser does (comments, CDATA, processing instructions, tags with quoted values);
 * it only runs after saxes has already reported an error.
 */
function findBadReference(text: string, limit: number): ParseError | undefined {
  let i = 0;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 0x26 /* & */) {
      const problem = checkReference(text, i);
      if (problem !== undefined) return problem;
      i++;
    } else if (c === 0x3c /* < */) {
      if (text.startsWith('<!--', i)) i = after(text, '-->', i + 4);
      else if (text.startsWith('<![CDATA[', i)) i = after(text, ']]>', i + 9);
      else if (text.startsWith('<?', i)) i = after(text, '?>', i + 2);
      else if (text.startsWith('<!', i)) i = afterDeclaration(text, i);
      else {
        // A tag: check references inside quoted attribute values.
        let quote = 0;
        let j = i + 1;
        for (; j < limit; j++) {
          const d = text.charCodeAt(j);
          if (quote !== 0) {
            if (d === quote) quote = 0;
            else if (d === 0x26) {
              const problem = checkReference(text, j);
              if (problem !== undefined) return problem;
            }
          } else if (d === 0x22 || d === 0x27) quote = d;
          else if (d === 0x3e) break;
        }
        i = j + 1;
      }
    } else {
      i++;
    }
  }
  return undefined;
}

/** Start of the run of character data that contains `offset`: the end of the markup before it, or 0. */
function textRunStart(text: string, offset: number): number {
  let runStart = 0;
  let i = 0;
  while (i < offset) {
    if (text.charCodeAt(i) === 0x3c /* < */) {
      i = markupEnd(text, i);
      if (i <= offset) runStart = i;
    } else {
      i++;
    }
  }
  return runStart;
}

/** End of the comment, CDATA section, processing instruction, declaration or tag that starts at `<`. */
function markupEnd(text: string, open: number): number {
  if (text.startsWith('<!--', open)) return after(text, '-->', open + 4);
  if (text.startsWith('<![CDATA[', open)) return after(text, ']]>', open + 9);
  if (text.startsWith('<?', open)) return after(text, '?>', open + 2);
  if (text.startsWith('<!', open)) return afterDeclaration(text, open);
  let quote = 0;
  for (let j = open + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return j + 1;
  }
  return text.length;
}

function after(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at < 0 ? text.length : at + terminator.length;
}

/** Skips `<!DOCTYPE …>` including an internal subset in brackets. */
function afterDeclaration(text: string, from: number): number {
  let depth = 0;
  for (let j = from + 2; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
    else if (c === 0x3e && depth <= 0) return j + 1;
  }
  return text.length;
}

function checkReference(text: string, ampersand: number): ParseError | undefined {
  let j = ampersand + 1;
  while (j < text.length && !isReferenceStop(text.charCodeAt(j))) j++;
  const name = text.slice(ampersand + 1, j);
  const terminated = text.charCodeAt(j) === 0x3b /* ; */;
  if (terminated && name.startsWith('#')) {
    const codePoint = /^#x[0-9a-fA-F]+$/.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]+$/.test(name)
        ? parseInt(name.slice(1), 10)
        : NaN;
    if (Number.isNaN(codePoint)) return bareAmpersand(ampersand);
    if (!isXmlChar(codePoint)) {
      return error(ampersand, j + 1, `&${quoteSource(name)}; is not a character XML allows`);
    }
    return undefined;
  }
  if (terminated && ENTITY_NAME.test(name)) {
    if (PREDEFINED.has(name)) return undefined;
    return error(
      ampersand,
      j + 1,
      `unknown entity &${quoteSource(name)}; (XML defines only &amp; &lt; &gt; &quot; &apos; and numeric references)`,
    );
  }
  return bareAmpersand(ampersand);
}

function bareAmpersand(ampersand: number): ParseError {
  return error(ampersand, ampersand + 1, "unescaped '&' in element text; write it as &amp;");
}

function isReferenceStop(c: number): boolean {
  return (
    c === 0x3b ||
    c === 0x26 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x22 ||
    c === 0x27 ||
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d
  );
}

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}
