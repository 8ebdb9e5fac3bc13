import { quoteSource } from '../../common/quote-source';
import type { ParseError, TextRange } from '../../common/text-range';
import type { GuideItem, GuideParseResult } from './ast';
import { lineEndFrom, skipBlanks, splitTrailingComment } from './line-text';
import { parseScriptLine, type LineSink } from './script-line';
import { parseSnippetBlock } from './snippet-block';

export type { GuideParseResult } from './ast';

const SNIPPET_KEYWORD = /SNIPPET(?![\w$:])/iy;
const END_SNIPPET = /END[ \t]+SNIPPET(?![\w$:])/iy;
/** A line holding only `SNIPPET` (and maybe a comment) inside an open block starts a new block. */
const BARE_SNIPPET_LINE = /SNIPPET[ \t]*(?:\/\/[^\r\n]*)?(?=\r|\n|$)/iy;

/**
 * Parses "the guide's notation" of a Studio script: script-level lines and SNIPPET … END SNIPPET blocks with
 * JavaScript-like bodies. Linear in the document's length; never throws.
 */
export function parseGuide(text: string): GuideParseResult {
  try {
    return parseDocument(text);
  } catch (thrown) {
    // Not expected to happen; a parser bug must still not take the language server down.
    const detail = quoteSource(thrown instanceof Error ? thrown.message : String(thrown), 200);
    return {
      items: [],
      errors: [{ range: { start: 0, end: 0 }, message: `Internal parser error: ${detail}` }],
      comments: [],
    };
  }
}

interface OpenSnippet {
  readonly keywordRange: TextRange;
}

function parseDocument(text: string): GuideParseResult {
  const items: GuideItem[] = [];
  const errors: ParseError[] = [];
  const comments: TextRange[] = [];
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    errors.push({
      range: { start: nul, end: nul + 1 },
      message: 'This file contains binary data (a NUL character); it is not a Studio script',
    });
    return { items, errors, comments };
  }
  const sink: LineSink = { text, items, errors, comments };
  let open: OpenSnippet | undefined;

  const closeUnterminated = (bodyEnd: number): void => {
    if (!open) return;
    items.push(parseSnippetBlock(text, { keywordRange: open.keywordRange, bodyEnd }, errors, comments));
    errors.push({ range: open.keywordRange, message: 'SNIPPET block is not closed by END SNIPPET' });
    open = undefined;
  };

  let lineStart = 0;
  while (lineStart <= text.length) {
    const lineEnd = lineEndFrom(text, lineStart);
    const next = nextLineStart(text, lineEnd);
    const first = skipBlanks(text, lineStart, lineEnd);

    if (open) {
      const endMatch = sticky(END_SNIPPET, text, first);
      if (endMatch) {
        const endKeywordRange = { start: first, end: first + endMatch[0].length };
        items.push(
          parseSnippetBlock(
            text,
            { keywordRange: open.keywordRange, bodyEnd: lineStart, endKeywordRange },
            errors,
            comments,
          ),
        );
        open = undefined;
        expectNothingAfter(text, endKeywordRange.end, lineEnd, 'END SNIPPET', errors, comments);
      } else if (sticky(BARE_SNIPPET_LINE, text, first)) {
        closeUnterminated(lineStart);
        open = { keywordRange: { start: first, end: first + 'SNIPPET'.length } };
      }
    } else if (first < lineEnd) {
      const consumedTo = parseOutsideSnippet(sink, first, lineEnd);
      if (typeof consumedTo === 'object') {
        open = consumedTo;
      } else if (consumedTo > lineEnd) {
        // A block comment ran over several lines: continue on the line where it ends.
        lineStart = consumedTo;
        continue;
      }
    }
    if (next < 0) break;
    lineStart = next;
  }
  closeUnterminated(text.length);

  errors.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  comments.sort((a, b) => a.start - b.start || a.end - b.end);
  // acorn-loose may report a comment twice when it re-reads tokens after an error.
  const uniqueComments = comments.filter(
    (c, i) => i === 0 || c.start !== comments[i - 1]!.start || c.end !== comments[i - 1]!.end,
  );
  return { items, errors, comments: uniqueComments };
}

/**
 * One script-level line from its first non-blank character. Returns the SNIPPET just opened, or the offset the
 * line was consumed to (past `lineEnd` when a block comment continued on later lines).
 */
function parseOutsideSnippet(sink: LineSink, first: number, lineEnd: number): OpenSnippet | number {
  const { text, errors, comments } = sink;
  if (text.startsWith('//', first)) {
    comments.push({ start: first, end: lineEnd });
    return lineEnd;
  }
  if (text.startsWith('/*', first)) {
    const close = text.indexOf('*/', first + 2);
    if (close < 0) {
      comments.push({ start: first, end: text.length });
      errors.push({ range: { start: first, end: first + 2 }, message: 'Unterminated comment: `*/` is missing' });
      return text.length + 1;
    }
    comments.push({ start: first, end: close + 2 });
    const rest = skipBlanks(text, close + 2, lineEndFrom(text, close + 2));
    if (close + 2 <= lineEnd) {
      if (rest < lineEnd) return parseOutsideSnippet(sink, rest, lineEnd);
      return lineEnd;
    }
    // The comment ended on a later line: resume right after it.
    return close + 2;
  }
  const endMatch = sticky(END_SNIPPET, text, first);
  if (endMatch) {
    const range = { start: first, end: first + endMatch[0].length };
    errors.push({ range, message: 'END SNIPPET without a matching SNIPPET' });
    expectNothingAfter(text, range.end, lineEnd, 'END SNIPPET', errors, comments);
    return lineEnd;
  }
  if (sticky(SNIPPET_KEYWORD, text, first)) {
    return { keywordRange: { start: first, end: first + 'SNIPPET'.length } };
  }
  parseScriptLine(sink, first, lineEnd);
  return lineEnd;
}

function expectNothingAfter(
  text: string,
  from: number,
  lineEnd: number,
  what: string,
  errors: ParseError[],
  comments: TextRange[],
): void {
  const start = skipBlanks(text, from, lineEnd);
  const contentEnd = splitTrailingComment(text, start, lineEnd, comments);
  if (contentEnd > start) errors.push({ range: { start, end: contentEnd }, message: `Unexpected text after ${what}` });
}

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Offset of the next line's start, or -1 when `lineEnd` is the end of the text. */
function nextLineStart(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return -1;
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return lineEnd + 1;
}
