import { isWordCode, lineEndFrom, REGEX_AFTER_CHAR, REGEX_AFTER_WORD, skipQuoted, skipRegex } from './javascript-text';

/**
 * How many brackets, braces and template substitutions (`${`) may be open at once in the guide notation's
 * JavaScript before a fragment is not parsed at all. Real scripts stay far below (a deep JSON literal inside a
 * function inside an IF is about 15). At 64 levels acorn's recursion weighs at most about 520 (4 guarded calls of
 * weight 2 per level, for an object literal in parentheses) of the 800 that recursion-guard.ts allows, so bracket
 * nesting meets this limit first, with its clear position, and the guard stays the backstop for the shapes this
 * scan does not count (operator chains, statements nested without braces, arrow chains).
 */
export const MAX_BRACKET_NESTING = 64;

export interface ExcessiveNesting {
  /** Offset in the scanned text of the opener that went past the limit. */
  readonly start: number;
  /** End of that opener (`(` is one character, `${` two). */
  readonly end: number;
}

// What can be open: a bracket (its character code), a template literal's text, or a `${` substitution in it.
const TEMPLATE_TEXT = -1;
const SUBSTITUTION = -2;

const QUOTE = 34;
const APOSTROPHE = 39;
const BACKTICK = 96;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const DOLLAR = 36;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** The last significant token before a `/`: a punctuator (its character), a word (its range), or a literal. */
const LITERAL = -1;
const WORD = -2;

/**
 * Finds where `text` (JavaScript, possibly broken) first opens more than MAX_BRACKET_NESTING brackets, braces and
 * `${` substitutions, or `undefined` when it never does. One linear pass by character code that steps over
 * strings, comments and regular expression literals, and follows template literals into their substitutions (so
 * `` `${(`${(` `` counts every level). A closer pops only its own opener: unbalanced code can only make the count
 * higher, never hide nesting. Never throws.
 */
export function findExcessiveNesting(text: string): ExcessiveNesting | undefined {
  const end = text.length;
  /** Open brackets (character codes), template texts and substitutions, innermost last. */
  const open: number[] = [];
  /** Brackets and substitutions in `open` (template texts do not count). */
  let depth = 0;
  let last = 0; // 0: nothing yet (a `/` there starts a regular expression)
  let wordStart = 0;
  let wordEnd = 0;
  let i = 0;

  while (i < end) {
    const c = text.charCodeAt(i);
    if (open.length > 0 && open[open.length - 1] === TEMPLATE_TEXT) {
      // Template text: it ends at a backtick, or opens a substitution at `${`.
      if (c === BACKSLASH) {
        i += 2;
      } else if (c === BACKTICK) {
        open.pop();
        last = LITERAL;
        i++;
      } else if (c === DOLLAR && text.charCodeAt(i + 1) === OPEN_BRACE) {
        open.push(SUBSTITUTION);
        if (++depth > MAX_BRACKET_NESTING) return { start: i, end: i + 2 };
        last = OPEN_BRACE;
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (c <= 32) {
      i++;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      i = lineEndFrom(text, i, end);
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      // Unterminated, acorn-loose reads on from the next line: so does the count.
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? lineEndFrom(text, i, end) : close + 2;
    } else if (c === QUOTE || c === APOSTROPHE) {
      i = skipQuoted(text, i, end, c);
      last = LITERAL;
    } else if (c === BACKTICK) {
      open.push(TEMPLATE_TEXT);
      i++;
    } else if (c === SLASH && startsRegex(text, last, wordStart, wordEnd)) {
      i = skipRegex(text, i, end);
      last = LITERAL;
    } else if (isWordCode(c)) {
      wordStart = i;
      while (i < end && isWordCode(text.charCodeAt(i))) i++;
      wordEnd = i;
      last = WORD;
    } else {
      if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE) {
        open.push(c);
        if (++depth > MAX_BRACKET_NESTING) return { start: i, end: i + 1 };
      } else if (c === CLOSE_BRACE && open[open.length - 1] === SUBSTITUTION) {
        open.pop(); // back in the template's text
        depth--;
      } else if (open.length > 0 && open[open.length - 1] === openerOf(c)) {
        open.pop();
        depth--;
      }
      last = c;
      i++;
    }
  }
  return undefined;
}

function startsRegex(text: string, last: number, wordStart: number, wordEnd: number): boolean {
  if (last === 0) return true;
  if (last === LITERAL) return false;
  if (last === WORD) return REGEX_AFTER_WORD.has(text.slice(wordStart, wordEnd));
  return REGEX_AFTER_CHAR.has(String.fromCharCode(last));
}

function openerOf(closer: number): number {
  if (closer === CLOSE_PAREN) return OPEN_PAREN;
  if (closer === CLOSE_BRACKET) return OPEN_BRACKET;
  if (closer === CLOSE_BRACE) return OPEN_BRACE;
  return 0;
}
