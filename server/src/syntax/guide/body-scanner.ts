import { isWordChar, lineEndFrom, REGEX_AFTER_CHAR, REGEX_AFTER_WORD, skipQuoted, skipRegex } from './javascript-text';

/**
 * One linear pass over a SNIPPET body that knows strings, comments and regex literals well enough to find
 * (1) Studio `SET name = …` statements, whose keyword must be masked before acorn sees the body, and
 * (2) brackets left open at the end, to turn acorn's "Unexpected token" at end of input into a useful message.
 */

export interface SetKeyword {
  readonly keywordStart: number;
  /** Start of the name (including a `global:` prefix). */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** End of the line the statement starts on (fallback range end when the tree lacks the statement). */
  readonly lineEnd: number;
}

export interface BodyScan {
  readonly setKeywords: SetKeyword[];
  /** Offsets of `(`, `[`, `{` never closed, outermost first. */
  readonly unclosedOpeners: number[];
  /** Name offsets of `SET name` with no `=` (left unmasked, so acorn fails right at the name). */
  readonly incompleteSetNames: number[];
}

const OPENER_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
/**
 * A line ending after one of these continues the expression, so the next line is not a statement start. A `:` that
 * ends a `case …:`, `default:` or a label is the exception: a statement follows it (see `colonEndsLabel`).
 */
const CONTINUES_EXPRESSION = new Set([
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '^',
  '!',
  '<',
  '>',
  '?',
  ':',
  ',',
  '.',
  '(',
  '[',
]);
/** An identifier followed by `:` (not `::`) at a statement start is a label. */
const LABEL_COLON = /[ \t]*:/y;

const SET_TAIL = /[ \t]+((?:global:)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)[ \t]*=(?![=>])/iy;
const SET_NAME_ONLY = /[ \t]+(?=[A-Za-z_$])/y;

export function scanSnippetBody(text: string, start: number, end: number): BodyScan {
  const setKeywords: SetKeyword[] = [];
  const openers: number[] = [];
  const incompleteSetNames: number[] = [];
  /** Open brackets per kind, so a closer with no opener costs O(1) instead of a scan of the stack. */
  const openCounts = new Map<string, number>();
  let lastSignificant = '';
  let lastWord = '';
  let newlineSinceSignificant = true;
  /** True when the last significant `:` ended a `case …:`, `default:` or a label, so a statement starts after it. */
  let colonEndsLabel = false;
  /**
   * Set at a statement-start `case`, `default` or label: the `:` that ends it is the first one at this bracket depth
   * not taken by a `?` of a conditional expression (`case a ? b : c:`).
   */
  let pendingLabel: { depth: number; conditionals: number } | undefined;
  let i = start;
  /** End of the line found for the last SET keyword: several SETs on one long line share one scan of it. */
  let knownLineEnd = -1;
  const lineEndAt = (at: number): number => {
    if (at > knownLineEnd) knownLineEnd = lineEndFrom(text, at, end);
    return knownLineEnd;
  };

  const statementStarts = (): boolean =>
    lastSignificant === '' ||
    lastSignificant === ';' ||
    lastSignificant === '{' ||
    lastSignificant === '}' ||
    lastSignificant === ')' ||
    lastWord === 'else' ||
    lastWord === 'do' ||
    (lastSignificant === ':' && colonEndsLabel) ||
    (newlineSinceSignificant && !CONTINUES_EXPRESSION.has(lastSignificant));

  const significant = (mark: string, word: string): void => {
    lastSignificant = mark;
    lastWord = word;
    newlineSinceSignificant = false;
    colonEndsLabel = false;
  };

  while (i < end) {
    const c = text[i]!;
    const next = i + 1 < end ? text[i + 1]! : '';
    if (c === '\n' || c === '\r') {
      newlineSinceSignificant = true;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
    } else if (c === '/' && next === '/') {
      i = lineEndFrom(text, i, end);
    } else if (c === '/' && next === '*') {
      let stop = i + 2;
      while (stop < end && !(text[stop] === '*' && text[stop + 1] === '/' && stop + 1 < end)) {
        if (text[stop] === '\n' || text[stop] === '\r') newlineSinceSignificant = true;
        stop++;
      }
      i = Math.min(end, stop + 2);
    } else if (c === '"' || c === "'") {
      i = skipQuoted(text, i, end, c.charCodeAt(0));
      significant('"', '');
    } else if (c === '`') {
      i = skipTemplate(text, i, end);
      significant('`', '');
    } else if (c === '/' && (REGEX_AFTER_CHAR.has(lastSignificant) || REGEX_AFTER_WORD.has(lastWord))) {
      i = skipRegex(text, i, end);
      significant('"', '');
    } else if (isWordChar(c)) {
      const wordStart = i;
      while (i < end && isWordChar(text[i]!)) i++;
      const word = text.slice(wordStart, i);
      if (word.length === 3 && word.toUpperCase() === 'SET' && statementStarts()) {
        SET_TAIL.lastIndex = i;
        const tail = SET_TAIL.exec(text);
        if (tail && tail.index + tail[0].length <= end) {
          const nameStart = i + tail[0].indexOf(tail[1]!);
          setKeywords.push({
            keywordStart: wordStart,
            nameStart,
            nameEnd: nameStart + tail[1]!.length,
            lineEnd: lineEndAt(i),
          });
          // The masked keyword is whitespace to acorn: the statement starts at the name.
          continue;
        }
        SET_NAME_ONLY.lastIndex = i;
        const nameOnly = SET_NAME_ONLY.exec(text);
        if (nameOnly && i + nameOnly[0].length < end) incompleteSetNames.push(i + nameOnly[0].length);
      }
      if (statementStarts() && (word === 'case' || word === 'default' || isLabel(text, i, end))) {
        pendingLabel = { depth: openers.length, conditionals: 0 };
      }
      significant('a', word);
    } else {
      let endsLabel = false;
      if (pendingLabel && openers.length === pendingLabel.depth) {
        if (c === '?' && next !== '?' && !(next === '.' && !isDigit(text[i + 2]))) {
          pendingLabel.conditionals++;
        } else if (c === ':' && pendingLabel.conditionals > 0) {
          pendingLabel.conditionals--;
        } else if (c === ':') {
          endsLabel = true;
          pendingLabel = undefined;
        } else if (c === ';' || c === '{' || c === '}') {
          pendingLabel = undefined; // not a case or label after all (e.g. `default;`)
        }
      } else if (pendingLabel && openers.length < pendingLabel.depth) {
        pendingLabel = undefined;
      }
      if (c === '(' || c === '[' || c === '{') {
        openers.push(i);
        openCounts.set(c, (openCounts.get(c) ?? 0) + 1);
      } else if (c === ')' || c === ']' || c === '}') {
        closeBracket(text, openers, openCounts, OPENER_OF[c]!);
      }
      significant(c, '');
      colonEndsLabel = endsLabel;
      i++;
    }
  }
  return { setKeywords, unclosedOpeners: openers, incompleteSetNames };
}

/** Whether the word ending at `i` is followed by a label's `:` (and not by `::`). */
function isLabel(text: string, i: number, end: number): boolean {
  LABEL_COLON.lastIndex = i;
  const match = LABEL_COLON.exec(text);
  if (!match) return false;
  const colon = i + match[0].length - 1;
  return colon < end && text[colon + 1] !== ':';
}

/**
 * Pops to the nearest matching opener (the brackets popped on the way are unclosed, which acorn reports); a closer
 * with no opener of its kind is left for acorn to report. Amortised O(1): each opener is popped once.
 */
function closeBracket(text: string, openers: number[], openCounts: Map<string, number>, opener: string): void {
  if ((openCounts.get(opener) ?? 0) === 0) return;
  while (openers.length > 0) {
    const popped = text[openers.pop()!]!;
    openCounts.set(popped, openCounts.get(popped)! - 1);
    if (popped === opener) return;
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Templates may span lines; `${…}` nesting is not tracked (a backtick inside one is rare in Studio snippets). */
function skipTemplate(text: string, i: number, end: number): number {
  i++;
  while (i < end) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '`') return i + 1;
    else i++;
  }
  return end;
}
