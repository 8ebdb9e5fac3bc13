import type * as A from '../../syntax/snippet/ast';
import type { ExpirySetEvent, TokenUseEvent } from '../model/flow-model';

export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The call whose status a variable holds. */
export interface StatusSource {
  readonly client: string;
  readonly callId: number | undefined;
}

/** Where an expiry variable's value came from. */
export interface ExpiryFact {
  readonly fromExpiresIn: boolean;
  readonly fromCall: number | undefined;
  readonly storedBuffer?: ExpirySetEvent['storedBuffer'];
}

type Table = Map<string, unknown> | Set<string>;

/**
 * What is known at a point of the code, in source order: one table per kind of fact, by variable or by client.
 * A value in a table is never changed in place (a new list or map replaces it), so copying the tables copies the
 * state; the events and syntax nodes the values refer to are shared on purpose (a call patches its pending uses).
 */
export class FlowState {
  /**
   * The latest string literal assigned to a variable. Its static text and its template (the interpolated variables,
   * `auth = "Bearer {tok}"`) are read from it when asked: most strings are never asked about.
   */
  readonly strings = new Map<string, A.StringLiteral>();
  /** Variables holding constant arithmetic. */
  readonly constants = new Map<string, number>();
  /** Variables computed from a random or jitter source. */
  readonly jitter = new Set<string>();
  /** Copies of a response's expires_in, with the call it came from. */
  readonly lifetimes = new Map<string, number | undefined>();
  /** Lifetimes with a buffer already taken off (`r.expires_in - 300`), in seconds. */
  readonly lifetimeBuffers = new Map<string, number>();
  /** The latest rest-call whose response a variable holds. */
  readonly callResults = new Map<string, number>();
  /** The latest rest-call on each client. */
  readonly lastCall = new Map<string, number>();
  /** Token variables in each client's Authorization header (headers stay on a proxy for its later calls). */
  readonly authorization = new Map<string, readonly string[]>();
  /** Token uses waiting for the next call on their client. */
  readonly pending = new Map<string, readonly Writable<TokenUseEvent>[]>();
  /** Copies of a call's status. */
  readonly statuses = new Map<string, StatusSource>();
  /** Variables acquired as tokens so far. */
  readonly acquired = new Set<string>();
  readonly expiries = new Map<string, ExpiryFact>();
  /** Members assigned on dynamic objects (`TokenInput.grant_type = "password"`), for `{TokenInput.asjson()}` bodies. */
  readonly dynamicMembers = new Map<string, ReadonlyMap<string, string>>();
  /** Variables this code has assigned so far (what other actions assigned is known only document-wide). */
  readonly assigned = new Set<string>();

  /** A copy to read code that runs elsewhere with (a FUNCTION body): what that code learns is dropped with it. */
  copy(): FlowState {
    const copy = new FlowState();
    // Every field is a table: the copy gets a shallow copy of each, whatever tables are added later.
    const from = this as unknown as Record<string, Table>;
    const to = copy as unknown as Record<string, Table>;
    for (const name of Object.keys(from)) {
      const table = from[name]!;
      to[name] = table instanceof Map ? new Map(table) : new Set(table);
    }
    return copy;
  }
}
