import type { TextRange } from '../common/text-range';

/** A request a SNIPPET sends through its REST proxy. */
export interface OutgoingRequest {
  readonly url: string;
  readonly body: string;
  readonly verb: string;
  readonly contentType: string;
  readonly timeoutSeconds: number;
  readonly headers: readonly (readonly [string, string])[];
  /** The MakeRestRequest call, in the snippet's code. */
  readonly range: TextRange;
}

export type RequestOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly statusDescription: string; readonly body: unknown }
  | { readonly kind: 'failure'; readonly reason: string };

/**
 * What a running snippet needs from the contact around it: the simulated clock, the contact's identity and the
 * simulated network. The interpreter has no clock or network of its own.
 */
export interface SnippetHost {
  /** The script host's clock now, in Unix seconds (simulated). */
  now(): number;
  readonly contactId: number;
  /** The business unit's time zone as minutes east of UTC (`now`, `date`, `time`). */
  readonly businessUnitOffsetMinutes: number;
  /** Sends a request, advancing the simulated clock by its latency. */
  send(request: OutgoingRequest): RequestOutcome;
  /** A TRACE statement's text. */
  trace(text: string, range: TextRange): void;
}
