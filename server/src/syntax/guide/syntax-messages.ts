import { quoteSource } from '../../common/quote-source';
import type { ParseError, TextRange } from '../../common/text-range';
import type { FragmentSyntaxError } from './javascript-fragment';
import { lineEndFrom } from './line-text';

const TOKEN_AT = /[\w$\u0080-\uffff]+|\S/y;

/**
 * Turns acorn's terse error into a ParseError a script author understands, with a range covering the offending
 * token (or the unterminated literal up to its line end). `what` names the fragment, e.g. "SNIPPET body";
 * `fragmentEnd` is the document offset where that fragment stops.
 */
export function describeSyntaxError(
  text: string,
  error: FragmentSyntaxError,
  what: string,
  fragmentEnd: number,
): ParseError {
  const pos = Math.min(error.pos, fragmentEnd);
  const lineEnd = Math.min(lineEndFrom(text, pos), fragmentEnd);
  const toLineEnd = { start: pos, end: Math.max(pos, lineEnd) };
  const message = quoteEmbeddedSource(error.message);

  if (message.startsWith('Unterminated string')) {
    return { range: toLineEnd, message: 'Unterminated string: the closing quote is missing' };
  }
  if (message.startsWith('Unterminated template')) {
    return { range: toLineEnd, message: 'Unterminated template literal: the closing backtick is missing' };
  }
  if (message.startsWith('Unterminated comment')) {
    return {
      range: { start: pos, end: Math.min(pos + 2, fragmentEnd) },
      message: 'Unterminated comment: `*/` is missing',
    };
  }
  if (message === 'Unexpected token' || message.startsWith('Unexpected token')) {
    if (atEnd(text, pos, fragmentEnd))
      return { range: lastCharacterBefore(text, fragmentEnd), message: `Unexpected end of ${what}` };
    const token = tokenAt(text, pos, fragmentEnd);
    return {
      range: { start: pos, end: pos + token.length },
      message: `Unexpected '${quoteSource(token)}' in ${what}`,
    };
  }
  if (atEnd(text, pos, fragmentEnd))
    return { range: lastCharacterBefore(text, fragmentEnd), message: `${message} (at the end of ${what})` };
  const tokenEnd = pos + tokenAt(text, pos, fragmentEnd).length;
  return {
    range: { start: pos, end: Math.max(tokenEnd, Math.min(error.raisedAt, lineEnd)) },
    message: `${message} in ${what}`,
  };
}

/** acorn quotes source in its messages: names in '…' and a regular expression's pattern in /…/. */
const ACORN_REGEXP_MESSAGE = /^(Invalid regular expression: \/)(.*)(\/: [^/]*)$/s;
const ACORN_QUOTED = /'([^'\n]*)'/g;

/** acorn's message with the source it quotes passed through quoteSource (masked, shortened, escaped). */
function quoteEmbeddedSource(message: string): string {
  const regexp = ACORN_REGEXP_MESSAGE.exec(message);
  if (regexp) return `${regexp[1]}${quoteSource(regexp[2]!)}${regexp[3]}`;
  return message.replace(ACORN_QUOTED, (_quoted, inner: string) => `'${quoteSource(inner)}'`);
}

/** The last non-blank character before `end` on its line, so an "unexpected end" points at what is unfinished. */
function lastCharacterBefore(text: string, end: number): TextRange {
  let i = end;
  while (i > 0 && /[ \t]/.test(text[i - 1]!)) i--;
  if (i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r') return { start: end, end };
  return { start: i - 1, end: i };
}

function tokenAt(text: string, pos: number, limit: number): string {
  TOKEN_AT.lastIndex = pos;
  const match = TOKEN_AT.exec(text);
  const token = match ? match[0] : text.slice(pos, pos + 1);
  return token.slice(0, Math.max(0, limit - pos)) || text.slice(pos, Math.min(pos + 1, limit));
}

function atEnd(text: string, pos: number, fragmentEnd: number): boolean {
  return pos >= fragmentEnd || text.slice(pos, fragmentEnd).trim() === '';
}
