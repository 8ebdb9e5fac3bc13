import type { Settings } from '../common/settings';
import { applyEdits, nonOverlapping, type TextEdit } from '../common/text-edit';
import type { Finding } from '../diagnostics/finding';
import { lintText } from './lint';
// Registers every fix provider: whatever applies fixes (language server, CLI) imports this module.
import '../diagnostics/register-fixes';
import type { Fix } from '../diagnostics/fix';
import { fixesFor } from '../diagnostics/fix-registry';

function isInsertion(edit: TextEdit): boolean {
  return edit.range.start === edit.range.end;
}

/** Two edits that cannot both be applied: overlapping ranges, or two insertions at one point. */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (isInsertion(a) && isInsertion(b)) return a.range.start === b.range.start;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

/**
 * The preferred fix of every finding (optionally of one code), as whole fixes: a fix whose edits conflict with a
 * fix already taken is left out entirely (a fix applied in part could break the code; it is recomputed from the new
 * text on the next pass). The same fix offered for several findings (one refresh block for every use in a unit) is
 * taken once.
 */
export function preferredFixes(
  document: Parameters<typeof fixesFor>[0],
  findings: readonly Finding[],
  settings: Settings,
  code?: string,
): { fixes: Fix[]; edits: TextEdit[] } {
  const fixes: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    if (code !== undefined && finding.code !== code) continue;
    const fix = fixesFor(document, finding, settings).find((f) => f.preferred);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((edit) => taken.some((other) => conflicts(edit, other)))) continue;
    fixes.push(fix);
    taken.push(...fix.edits);
  }
  return { fixes, edits: nonOverlapping(taken) };
}

/** The preferred fixes' edits (see `preferredFixes`). */
export function preferredEdits(
  document: Parameters<typeof fixesFor>[0],
  findings: readonly Finding[],
  settings: Settings,
  code?: string,
): TextEdit[] {
  return preferredFixes(document, findings, settings, code).edits;
}

const MAX_PASSES = 10;

/**
 * Applies preferred fixes until none is left (fixes left out for conflicting are recomputed from the new text on
 * the next pass). Returns the final text and how many fixes were applied.
 */
export function fixAllText(
  name: string,
  languageId: string | undefined,
  text: string,
  settings: Settings,
  code?: string,
): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const linted = lintText(name, languageId, current, settings);
    if (!linted) break;
    const { fixes, edits } = preferredFixes(linted.document, linted.findings, settings, code);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied += fixes.length;
  }
  return { text: current, applied };
}
