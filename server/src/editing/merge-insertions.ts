import type { TextEdit } from '../common/text-edit';

/**
 * Joins insertions at the same offset into one, in the order given, so that a fix may insert code (a refresh block)
 * at the very point where it also opens a wrapper (a token guard) and still hand over edits that do not overlap.
 */
export function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  const insertions = new Map<number, number>();
  for (const edit of edits) {
    const { start, end } = edit.range;
    const at = start === end ? insertions.get(start) : undefined;
    if (at !== undefined) {
      const first = merged[at]!;
      merged[at] = { range: first.range, newText: first.newText + edit.newText };
      continue;
    }
    if (start === end) insertions.set(start, merged.length);
    merged.push(edit);
  }
  return merged;
}
