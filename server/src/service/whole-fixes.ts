import { nonOverlapping, type TextEdit } from '../common/text-edit';
import type { Fix } from '../diagnostics/fix';

function isInsertion(edit: TextEdit): boolean {
  return edit.range.start === edit.range.end;
}

/** Two edits that cannot both be applied: overlapping ranges, or two insertions at one point. */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (isInsertion(a) && isInsertion(b)) return a.range.start === b.range.start;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

/**
 * Fixes to apply together, in order of preference, as whole fixes: a fix whose edits conflict with a fix already
 * taken, or that claims code a taken fix claims (`Fix.claims`), is left out entirely (a fix applied in part could
 * break the code, and two fixes restructuring the same token code would each miss the other's work; fix-all
 * recomputes it from the re-analysed text on its next pass). The same fix offered for several findings is taken
 * once (its edits conflict with its twin's).
 */
export function pickWholeFixes(candidates: readonly Fix[]): { fixes: Fix[]; edits: TextEdit[] } {
  const fixes: Fix[] = [];
  const taken: TextEdit[] = [];
  const claimed = new Set<string>();
  for (const fix of candidates) {
    if (fix.edits.length === 0) continue;
    if (fix.edits.some((edit) => taken.some((other) => conflicts(edit, other)))) continue;
    if (fix.claims?.some((claim) => claimed.has(claim))) continue;
    fixes.push(fix);
    taken.push(...fix.edits);
    for (const claim of fix.claims ?? []) claimed.add(claim);
  }
  return { fixes, edits: nonOverlapping(taken) };
}
