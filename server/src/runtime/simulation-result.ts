/** What a simulation produced: the record the CLI prints and that a chart or an LSP request can show. */

export interface TokenUse {
  /** Seconds since the token was issued, on the identity provider's clock. */
  readonly ageSeconds: number;
  readonly expired: boolean;
}

export interface RequestRecord {
  /** 1-based contact number. */
  readonly contact: number;
  /** Seconds since the contact started when the request was sent. */
  readonly time: number;
  /** The action that sent it (`SNIPPET 11 "Lookup customer"`, or `run 3` for a .snippet file). */
  readonly action: string;
  /** 1-based line and column of the MakeRestRequest call in the file. */
  readonly line: number;
  readonly column: number;
  readonly method: string;
  readonly url: string;
  /** HTTP status; null when the request failed without an answer (timeout). */
  readonly status: number | null;
  readonly failure: string | null;
  readonly kind: 'token' | 'api';
  /** The bearer token it carried, when the simulated identity provider issued it. */
  readonly token: TokenUse | null;
}

export interface TokenRecord {
  readonly contact: number;
  /** Seconds since the contact started (script host clock) when the token was issued and when it expires. */
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface ActionRecord {
  readonly contact: number;
  readonly time: number;
  readonly durationSeconds: number;
  readonly action: string;
  readonly type: string;
}

export interface TraceRecord {
  readonly contact: number;
  readonly time: number;
  readonly action: string;
  readonly line: number;
  readonly text: string;
}

export interface SimulationError {
  readonly contact: number;
  readonly time: number;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly action: string;
  /** See runtime-fault.ts; `flow` for problems of the export's action graph. */
  readonly kind: string;
}

export interface SimulationSummary {
  readonly tokenRequests: number;
  readonly apiRequests: number;
  readonly expiredTokenRequests: number;
  readonly status401: number;
  readonly runtimeErrors: number;
}

export interface SimulationResult {
  readonly documentKind: 'snippet' | 'export';
  readonly contacts: number;
  readonly durationSeconds: number;
  readonly tokenLifetimeSeconds: number;
  readonly runs: number | null;
  readonly requests: readonly RequestRecord[];
  readonly tokens: readonly TokenRecord[];
  readonly actions: readonly ActionRecord[];
  readonly traces: readonly TraceRecord[];
  readonly errors: readonly SimulationError[];
  readonly summary: SimulationSummary;
  /** Values that must never be printed whole (issued tokens, secret inputs); see mask-output.ts. */
  readonly secrets: readonly string[];
}

export type SimulationOutcome =
  | { readonly ok: true; readonly result: SimulationResult }
  | { readonly ok: false; readonly problem: string; readonly details: readonly string[] };

export function summarize(requests: readonly RequestRecord[], errors: readonly SimulationError[]): SimulationSummary {
  let tokenRequests = 0;
  let apiRequests = 0;
  let expiredTokenRequests = 0;
  let status401 = 0;
  for (const r of requests) {
    if (r.kind === 'token') tokenRequests++;
    else apiRequests++;
    if (r.token?.expired) expiredTokenRequests++;
    if (r.status === 401) status401++;
  }
  return { tokenRequests, apiRequests, expiredTokenRequests, status401, runtimeErrors: errors.length };
}
