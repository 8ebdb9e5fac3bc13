import type { TextEdit } from '../common/text-edit';
import type { LineEnding } from '../templates';
import type { CodeRegion } from './code-region';
import {
  endsLine,
  indentAt,
  indentUnitOf,
  lineStartAt,
  linesBetween,
  nextLineStartAt,
  startsLine,
} from './text-layout';

/** Marks where the wrapped lines go in a rendered wrapper (never in code). */
export const WRAPPED = '\u2063wrapped\u2063';

/**
 * Puts whole lines [from, to] of the code inside a rendered wrapper: `render(indent)` returns the wrapper's lines at
 * the indentation of the first wrapped line, with one line holding `WRAPPED` where the wrapped lines go. The part above
 * goes before them, each of their lines gains one indentation level, and the part below goes after them; the lines
 * themselves are untouched otherwise (so an export keeps its entities). Code edits, in code offsets; undefined when
 * the range does not start and end a line.
 */
export function wrapLines(
  region: CodeRegion,
  from: number,
  to: number,
  render: (indent: string) => string,
): TextEdit[] | undefined {
  const { code, eol } = region;
  if (!startsLine(code, from) || !endsLine(code, to)) return undefined;
  const indentUnit = indentUnitOf(code);
  const rendered = render(indentAt(code, from));
  const markerAt = rendered.indexOf(WRAPPED);
  if (markerAt < 0) return undefined;
  const head = rendered.slice(0, lineStartAt(rendered, markerAt));
  const tail = rendered.slice(nextLineStartAt(rendered, markerAt));
  const edits: TextEdit[] = [];
  linesBetween(code, from, to).forEach((line, i) => {
    const blank = code.slice(line.start, line.end).trim() === '';
    const text = (i === 0 ? head : '') + (blank ? '' : indentUnit);
    if (text) edits.push({ range: { start: line.start, end: line.start }, newText: text });
  });
  const after = nextLineStartAt(code, to);
  const atEnd = after === code.length && !/[\r\n]$/.test(code);
  edits.push({
    range: { start: after, end: after },
    newText: atEnd ? eol + tail.slice(0, tail.length - (eol as LineEnding).length) : tail,
  });
  return edits;
}
