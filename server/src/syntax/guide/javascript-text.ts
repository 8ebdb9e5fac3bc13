/**
 * Lexical helpers shared by the linear pre-scans of SNIPPET bodies (body-scanner.ts, nesting-scan.ts): enough of
 * JavaScript's lexical grammar to step over strings, comments and regular expression literals without parsing.
 */

/** After these, a `/` starts a regex literal rather than a division. */
export const REGEX_AFTER_CHAR = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);

/** After these words, too (`return /x/.test(s)`). */
export const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);

/** A character of an identifier or keyword (any non-ASCII character counts, as acorn allows most of them). */
export function isWordChar(c: string): boolean {
  return isWordCode(c.charCodeAt(0));
}

/** `isWordChar` by character code. */
export function isWordCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 36 ||
    code > 127
  );
}

const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const SLASH = 47;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** The end of the line holding `i` (its line break excluded), at most `end`. */
export function lineEndFrom(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) break;
    i++;
  }
  return i;
}

/**
 * A string quoted with `quote` (a character code) ends at its closing quote, or (unterminated) before the line
 * break.
 */
export function skipQuoted(text: string, i: number, end: number, quote: number): number {
  i++;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === quote) return i + 1;
    else if (c === LF || c === CR) return i;
    else i++;
  }
  return end;
}

/** A regular expression literal ends at its closing `/` outside a class, or (unterminated) before the line break. */
export function skipRegex(text: string, i: number, end: number): number {
  i++;
  let inClass = false;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === LF || c === CR) return i;
    else if (c === OPEN_BRACKET) {
      inClass = true;
      i++;
    } else if (c === CLOSE_BRACKET) {
      inClass = false;
      i++;
    } else if (c === SLASH && !inClass) return i + 1;
    else i++;
  }
  return end;
}
