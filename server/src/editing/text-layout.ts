import type { LineEnding } from '../templates';

/**
 * Line and indentation facts about a piece of code, so inserted code looks like the code around it: the same
 * line ending (CRLF files stay CRLF) and the same indentation (tabs stay tabs).
 */

/** The line ending the code already uses (its first line break); `fallback` when it has none. */
export function lineEndingOf(code: string, fallback: LineEnding = '\n'): LineEnding {
  const at = code.search(/\r\n|\n|\r/);
  if (at < 0) return fallback;
  return code.startsWith('\r\n', at) ? '\r\n' : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStartAt(code: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, code.length));
  while (i > 0 && code[i - 1] !== '\n' && code[i - 1] !== '\r') i--;
  return i;
}

/** Offset of the line break ending the line holding `offset` (or the end of the code). */
function lineEndAt(code: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, code.length));
  while (i < code.length && code[i] !== '\n' && code[i] !== '\r') i++;
  return i;
}

/** Offset just after the line break ending the line holding `offset` (the end of the code on the last line). */
export function nextLineStartAt(code: string, offset: number): number {
  const end = lineEndAt(code, offset);
  if (code.startsWith('\r\n', end)) return end + 2;
  return end < code.length ? end + 1 : end;
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(code: string, offset: number): string {
  const start = lineStartAt(code, offset);
  return /^[ \t]*/.exec(code.slice(start, lineEndAt(code, offset)))![0];
}

/** True when only spaces and tabs precede `offset` on its line. */
export function startsLine(code: string, offset: number): boolean {
  return /^[ \t]*$/.test(code.slice(lineStartAt(code, offset), offset));
}

/** True when only spaces, tabs and a `//` comment follow `offset` on its line. */
export function endsLine(code: string, offset: number): boolean {
  return /^[ \t]*(?:\/\/.*)?$/.test(code.slice(offset, lineEndAt(code, offset)));
}

/**
 * One level of indentation in the code: a tab when an indented line starts with a tab, otherwise the smallest
 * number of leading spaces found (two spaces when nothing is indented).
 */
export function indentUnitOf(code: string): string {
  // Fixes ask again for every edit they place in the same code (hundreds on a long script): the last answer is kept.
  if (code !== lastIndentCode) {
    lastIndentUnit = scanIndentUnit(code);
    lastIndentCode = code;
  }
  return lastIndentUnit;
}

let lastIndentCode: string | undefined;
let lastIndentUnit = '  ';

function scanIndentUnit(code: string): string {
  let smallest = Infinity;
  for (const match of code.matchAll(/^([ \t]+)\S/gm)) {
    const indent = match[1]!;
    if (indent.startsWith('\t')) return '\t';
    smallest = Math.min(smallest, indent.length);
  }
  return Number.isFinite(smallest) ? ' '.repeat(Math.min(smallest, 8)) : '  ';
}

/** The code's lines between two offsets: [start, end) of each line's text, without its line break. */
export function linesBetween(code: string, from: number, to: number): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  let at = lineStartAt(code, from);
  while (at <= to && at <= code.length) {
    const end = lineEndAt(code, at);
    lines.push({ start: at, end });
    const next = nextLineStartAt(code, at);
    if (next === at || next > to) break;
    at = next;
  }
  return lines;
}
