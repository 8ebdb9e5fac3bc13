import type { TextRange } from '../../common/text-range';

/** Small offset helpers for line-based parsing; `end` is always exclusive and never past the line. */

export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff';
}

export function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && isBlank(text[i])) i++;
  return i;
}

export function trimEndOffset(text: string, start: number, end: number): number {
  while (end > start && isBlank(text[end - 1])) end--;
  return end;
}

export function lineEndFrom(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * Finds a trailing `// comment` on a script-level line: `//` outside quotes, at the start or after a blank or `;`
 * (so `http://…` in action arguments stays text). Records the comment and returns where the content ends
 * (trailing blanks trimmed).
 */
export function splitTrailingComment(text: string, start: number, end: number, comments: TextRange[]): number {
  let quote = '';
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
    } else if (
      c === '/' &&
      text[i + 1] === '/' &&
      i + 1 < end &&
      (i === start || isBlank(text[i - 1]) || text[i - 1] === ';')
    ) {
      comments.push({ start: i, end });
      return trimEndOffset(text, start, i);
    }
  }
  return trimEndOffset(text, start, end);
}
