import type { TextRange } from './text-range';

/** Replace `range` (document offsets) with `newText`. Fixes are lists of these: pure text edits. */
export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/**
 * Sorts edits by start (then length) and drops every edit that overlaps one already kept, the way
 * eslint applies fix-all: the dropped ones are recomputed from the new text on the next pass.
 */
export function nonOverlapping(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const kept: TextEdit[] = [];
  for (const edit of sorted) {
    const last = kept[kept.length - 1];
    if (last && edit.range.start < last.range.end) continue;
    // Two insertions at one point would interleave unpredictably: keep the first.
    const isInsertion = (e: TextEdit): boolean => e.range.start === e.range.end;
    if (last && isInsertion(last) && isInsertion(edit) && last.range.start === edit.range.start) continue;
    kept.push(edit);
  }
  return kept;
}

/** Applies non-overlapping edits (as returned by `nonOverlapping`) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = nonOverlapping(edits);
  let result = '';
  let cursor = 0;
  for (const edit of ordered) {
    result += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return result + text.slice(cursor);
}
