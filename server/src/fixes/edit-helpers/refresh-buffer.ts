import type { Settings } from '../../common/settings';
import { bufferPlan, jitteredBufferAssignment, type BufferValue, type LineEnding, type Notation } from '../templates';
import { uniqueName } from './names';

/** The buffer a fix writes into an expiry check, and the per-contact assignment it needs first (jitter only). */
export interface BufferChoice {
  readonly value: BufferValue;
  /** Renders the jittered buffer's assignment at an indentation; absent when nothing is to be inserted. */
  readonly assignment?: (indent: string) => string;
}

const JITTERED = /(?:ContactID\s*%|Math\.random\s*\()/i;

/**
 * A jittered buffer when the settings ask for one (or `forceJitter`), else `bufferSeconds`. The jittered buffer's
 * variable is `refreshBuffer`; when the code already assigns that name a jittered value it is reused as is, and when
 * it assigns it anything else a new name is taken.
 */
export function chooseBuffer(
  notation: Notation,
  settings: Settings,
  code: string,
  assigned: ReadonlySet<string>,
  layout: { eol: LineEnding; indentUnit: string },
  forceJitter = false,
): BufferChoice {
  const plan = bufferPlan(forceJitter ? { ...settings, jitter: { ...settings.jitter, enabled: true } } : settings);
  if (plan.kind === 'fixed' && !forceJitter) return { value: plan.seconds };
  const minSeconds = plan.kind === 'jittered' ? plan.minSeconds : settings.jitter.minSeconds;
  const maxSeconds = plan.kind === 'jittered' ? plan.maxSeconds : settings.jitter.maxSeconds;
  let variable = 'refreshBuffer';
  if (assigned.has('refreshbuffer')) {
    const assignment = /(?:^|[{;])[ \t]*(?:ASSIGN[ \t]+|var[ \t]+|let[ \t]+|SET[ \t]+)?refreshBuffer[ \t]*=(?!=)([^\r\n]*)/gim;
    const values = [...code.matchAll(assignment)].map((m) => m[1]!);
    if (values.length > 0 && values.every((v) => JITTERED.test(v))) return { value: variable };
    variable = uniqueName('jitteredBuffer', assigned);
  }
  return {
    value: variable,
    assignment: (indent) => jitteredBufferAssignment(notation, { variable, minSeconds, maxSeconds, ...layout, indent }),
  };
}
