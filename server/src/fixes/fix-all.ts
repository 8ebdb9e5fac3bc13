import type { Settings } from '../common/settings';
import { applyEdits, nonOverlapping, type TextEdit } from '../common/text-edit';
import type { Finding } from '../rules/finding';
import { lintText } from '../service/lint';
import './index';
import { fixesFor } from './registry';

/** The preferred fix of every finding (optionally of one code), overlaps dropped. */
export function preferredEdits(document: Parameters<typeof fixesFor>[0], findings: readonly Finding[], settings: Settings, code?: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (code !== undefined && finding.code !== code) continue;
    const fix = fixesFor(document, finding, settings).find((f) => f.preferred);
    if (fix) edits.push(...fix.edits);
  }
  return nonOverlapping(edits);
}

const MAX_PASSES = 10;

/**
 * Applies preferred fixes until none is left (edits dropped for overlapping are recomputed from the
 * new text on the next pass). Returns the final text and how many edits were applied.
 */
export function fixAllText(name: string, languageId: string | undefined, text: string, settings: Settings, code?: string): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const linted = lintText(name, languageId, current, settings);
    if (!linted) break;
    const edits = preferredEdits(linted.document, linted.findings, settings, code);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied += edits.length;
  }
  return { text: current, applied };
}
