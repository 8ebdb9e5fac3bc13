import type { CodeUnit } from '../analysis/model/flow-model';
import type { Settings } from '../common/settings';
import type { TextRange } from '../common/text-range';
import {
  bufferPlan,
  bufferSetting,
  jitteredBufferAssignment,
  REFRESH_BUFFER_SETTING,
  type BufferValue,
  type LineEnding,
  type Notation,
} from '../templates';

/** The buffer a fix writes into an expiry check, and what it needs inserted first. */
export interface BufferChoice {
  readonly value: BufferValue;
  /** Renders the buffer's assignment at an indentation; absent when nothing is to be inserted. */
  readonly assignment?: (indent: string) => string;
}

const JITTERED = /(?:ContactID\s*%|Math\.random\s*\()/i;

/**
 * Real Snippet: the one named buffer setting (`refreshBufferSeconds`), set once per contact; its default (the
 * settings' fixed buffer, or the jittered range when jitter is on or `forceJitter`) is inserted unless the code
 * already assigns it.
 */
export function snippetBufferSetting(
  settings: Settings,
  assigned: ReadonlySet<string>,
  layout: { eol: LineEnding; indentUnit: string },
  forceJitter = false,
): BufferChoice {
  const variable = REFRESH_BUFFER_SETTING;
  if (assigned.has(variable.toLowerCase())) return { value: variable };
  const plan = bufferPlan(forceJitter ? { ...settings, jitter: { ...settings.jitter, enabled: true } } : settings);
  return { value: variable, assignment: (indent) => bufferSetting({ plan, variable, ...layout, indent }) };
}

/**
 * The guide's notation: a jittered buffer when the settings ask for one (or `forceJitter`), else `bufferSeconds`.
 * The jittered buffer's variable is `refreshBuffer`; when the code already assigns that name a jittered value it is
 * reused as is, and when it assigns it anything else a new name is taken.
 */
export function chooseBuffer(
  notation: Notation,
  settings: Settings,
  code: string,
  assigned: ReadonlySet<string>,
  layout: { eol: LineEnding; indentUnit: string },
  forceJitter = false,
): BufferChoice {
  if (notation === 'snippet') return snippetBufferSetting(settings, assigned, layout, forceJitter);
  const plan = bufferPlan(forceJitter ? { ...settings, jitter: { ...settings.jitter, enabled: true } } : settings);
  if (plan.kind === 'fixed' && !forceJitter) return { value: plan.seconds };
  const minSeconds = plan.kind === 'jittered' ? plan.minSeconds : settings.jitter.minSeconds;
  const maxSeconds = plan.kind === 'jittered' ? plan.maxSeconds : settings.jitter.maxSeconds;
  // The first of refreshBuffer, jitteredBuffer, jitteredBuffer2… that is free (then assigned here) or already holds
  // a jittered value (then reused as it is).
  let variable = 'refreshBuffer';
  for (let n = 1; assigned.has(variable.toLowerCase()); n++) {
    const escaped = variable.replace(/\$/g, '\\$');
    const assignment = new RegExp(
      `(?:^|[{;])[ \\t]*(?:ASSIGN[ \\t]+|var[ \\t]+|let[ \\t]+|SET[ \\t]+)?${escaped}[ \\t]*=(?!=)([^\\r\\n]*)`,
      'gim',
    );
    const values = [...code.matchAll(assignment)].map((m) => m[1]!);
    if (values.length > 0 && values.every((v) => JITTERED.test(v))) return { value: variable };
    variable = n === 1 ? 'jitteredBuffer' : `jitteredBuffer${n}`;
  }
  return {
    value: variable,
    assignment: (indent) => jitteredBufferAssignment(notation, { variable, minSeconds, maxSeconds, ...layout, indent }),
  };
}

/**
 * Where a buffer's assignment goes: before the first expiry check of the unit (the check being fixed, or an
 * earlier one). Every fix in a unit then inserts it at the same place, so fix-all writes it once and the other
 * checks reuse it.
 */
export function jitterAnchor(
  unit: CodeUnit,
  own: number,
  statementStart: (documentRange: TextRange) => number | undefined,
): number {
  let first = own;
  for (const condition of unit.conditions) {
    if (!condition.expiryCheck) continue;
    const start = statementStart(condition.expiryCheck.comparisonRange);
    if (start !== undefined && start < first) first = start;
  }
  return first;
}
