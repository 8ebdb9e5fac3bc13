import type { TextEdit } from '../common/text-edit';
import type { LineEnding } from '../templates';
import { endsLine, indentAt, lineStartAt, nextLineStartAt, startsLine } from './text-layout';

/** Renders whole lines (each ending with the line ending) at an indentation. */
export type RenderAt = (indent: string) => string;

/**
 * Inserts rendered lines before the code at `offset`, at that line's indentation. When other code precedes it on
 * the same line (one-line programs), the line is broken there and the code keeps its indentation.
 */
export function insertLinesBefore(code: string, offset: number, eol: LineEnding, render: RenderAt): TextEdit {
  const indent = indentAt(code, offset);
  if (startsLine(code, offset)) {
    const at = lineStartAt(code, offset);
    return { range: { start: at, end: at }, newText: render(indent) };
  }
  return { range: { start: offset, end: offset }, newText: eol + render(indent) + indent };
}

/**
 * Inserts rendered lines after the statement ending at `offset` (after a trailing comment on its line), at the
 * indentation of `indentFrom` (the statement's start). A file without a final line break keeps having none.
 */
export function insertLinesAfter(
  code: string,
  offset: number,
  indentFrom: number,
  eol: LineEnding,
  render: RenderAt,
): TextEdit {
  const indent = indentAt(code, indentFrom);
  const text = render(indent);
  if (endsLine(code, offset)) {
    const at = nextLineStartAt(code, offset);
    const atEnd = at === code.length && !/[\r\n]$/.test(code);
    return atEnd
      ? { range: { start: at, end: at }, newText: eol + text.slice(0, text.length - eol.length) }
      : { range: { start: at, end: at }, newText: text };
  }
  return { range: { start: offset, end: offset }, newText: eol + text + indent };
}
