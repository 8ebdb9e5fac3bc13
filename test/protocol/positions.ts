import type { Range } from 'vscode-languageserver-protocol/node';
import type { TextRange } from '../../server/src/common/text-range';

/**
 * Offsets and LSP positions, counted independently of the server's code: lines end at \r\n, \n or
 * a lone \r; characters are UTF-16 code units.
 */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

export function positionOf(text: string, offset: number): { line: number; character: number } {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line, character: offset - starts[line]! };
}

export function offsetOf(text: string, position: { line: number; character: number }): number {
  return lineStarts(text)[position.line]! + position.character;
}

export function rangeOf(text: string, range: TextRange): Range {
  return { start: positionOf(text, range.start), end: positionOf(text, range.end) };
}

/** The text a reported range covers, for readable assertions. */
export function textAt(text: string, range: Range): string {
  return text.slice(offsetOf(text, range.start), offsetOf(text, range.end));
}
