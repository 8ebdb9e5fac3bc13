import type { TextRange } from '../common/text-range';

/**
 * Why a snippet stopped early:
 * - `script-error`: an error Studio itself raises (division by zero, a wrong number of arguments…): the SNIPPET
 *   action leaves by its Error branch;
 * - `transport`: the REST call failed (timeout, connection): the Error branch too (studio-semantics.ts, REST PROXY);
 * - `unsupported`: a construct whose behaviour no NICE page confirms: the simulation of the contact stops;
 * - `limit`: the simulator's step, depth or size limits: the simulation of the contact stops;
 * - `syntax`: code the parser could not read (Studio's Check Syntax refuses it): the simulation stops;
 * - `internal`: a bug in the simulator, reported instead of thrown: the simulation stops.
 */
export type FaultKind = 'script-error' | 'transport' | 'unsupported' | 'limit' | 'syntax' | 'internal';

/** Thrown inside the interpreter to stop a snippet; caught by `runSnippet`, never thrown out of the runtime API. */
export class RuntimeFault {
  constructor(
    readonly kind: FaultKind,
    readonly message: string,
    readonly range: TextRange,
  ) {}
}

/** Faults that end the simulation of the contact (as opposed to taking the SNIPPET action's Error branch). */
export function stopsContact(kind: FaultKind): boolean {
  return kind !== 'script-error' && kind !== 'transport';
}
