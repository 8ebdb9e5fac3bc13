import type {
  CodeUnit,
  Condition,
  FlowEvent,
  FlowModel,
  Guard,
  RestCallEvent,
  StatusCopyEvent,
  TokenAcquireEvent,
  TokenPresenceCheckEvent,
  TokenUseEvent,
} from './flow-model';
import type { TextRange } from '../../common/text-range';

/** Questions several rules ask of the flow model. Pure functions over the model and the document text. */

export type EventOfKind<K extends FlowEvent['kind']> = Extract<FlowEvent, { kind: K }>;

/**
 * Per-unit lookups, built once per unit: rules ask the same questions for every event, which must not cost O(n) each.
 */
interface UnitIndex {
  readonly byKind: Map<FlowEvent['kind'], FlowEvent[]>;
  readonly conditions: Map<number, Condition>;
  readonly calls: Map<number, RestCallEvent>;
  readonly callsByClient: Map<string, RestCallEvent[]>;
  /** Conditions that examine a status, by the call id they name and by each variable they read. */
  readonly statusByCall: Map<number, Condition[]>;
  readonly statusByRead: Map<string, Condition[]>;
  /** Rest calls by each condition that guards them (either branch). */
  readonly callsByGuard: Map<number, RestCallEvent[]>;
  /** Status copies by the call they name, and (call unknown) by client. */
  readonly statusCopiesByCall: Map<number, StatusCopyEvent[]>;
  readonly statusCopiesByClient: Map<string, StatusCopyEvent[]>;
  /**
   * Branches with an error path, a cleared token or a cleared expiry at any depth below them: bit 1 'then', bit 2
   * 'else', by condition id.
   */
  readonly errorBranches: Map<number, number>;
  /**
   * Branches that clear a kept token (a token or expiry written for later units), or fetch a new one, at any depth
   * below them: bit 1 'then', bit 2 'else', by condition id.
   */
  readonly invalidatingBranches: Map<number, number>;
  /** Token uses by the call they belong to and by variable; acquisitions read from a call's response, by call. */
  readonly tokenUsesByCall: Map<number, TokenUseEvent[]>;
  readonly tokenUsesByVariable: Map<string, TokenUseEvent[]>;
  readonly responseAcquisitionsByCall: Map<number, TokenAcquireEvent[]>;
  /** Acquisitions that copy another variable (alias or cache read), in order: the only ones `copiesOf` can add. */
  readonly copyAcquisitions: TokenAcquireEvent[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const INDEXES = new WeakMap<CodeUnit, UnitIndex>();

function indexOf(unit: CodeUnit): UnitIndex {
  let index = INDEXES.get(unit);
  if (!index) {
    const byKind = new Map<FlowEvent['kind'], FlowEvent[]>();
    const calls = new Map<number, RestCallEvent>();
    const callsByClient = new Map<string, RestCallEvent[]>();
    const statusCopiesByCall = new Map<number, StatusCopyEvent[]>();
    const statusCopiesByClient = new Map<string, StatusCopyEvent[]>();
    const errorBranches = new Map<number, number>();
    const invalidatingBranches = new Map<number, number>();
    const tokenUsesByCall = new Map<number, TokenUseEvent[]>();
    const tokenUsesByVariable = new Map<string, TokenUseEvent[]>();
    const responseAcquisitionsByCall = new Map<number, TokenAcquireEvent[]>();
    const copyAcquisitions: TokenAcquireEvent[] = [];
    for (const event of unit.events) {
      push(byKind, event.kind, event);
      if (event.kind === 'rest-call') {
        calls.set(event.id, event);
        push(callsByClient, event.client, event);
      } else if (event.kind === 'token-use') {
        if (event.callId !== undefined) push(tokenUsesByCall, event.callId, event);
        push(tokenUsesByVariable, event.variable, event);
      } else if (event.kind === 'token-acquire') {
        if (event.source === 'response' && event.fromCall !== undefined)
          push(responseAcquisitionsByCall, event.fromCall, event);
        if ((event.source === 'alias' || event.source === 'cache-read') && event.fromVariable !== undefined)
          copyAcquisitions.push(event);
      } else if (event.kind === 'status-copy') {
        if (event.callId === undefined) push(statusCopiesByClient, event.client, event);
        else push(statusCopiesByCall, event.callId, event);
      }
      if (
        event.kind === 'error-path' ||
        event.kind === 'token-clear' ||
        (event.kind === 'expiry-set' && event.clears)
      ) {
        for (const guard of event.guards) {
          errorBranches.set(guard.conditionId, (errorBranches.get(guard.conditionId) ?? 0) | branchBit(guard.branch));
        }
      }
      if (
        (event.kind === 'token-clear' && event.persistent) ||
        (event.kind === 'expiry-set' && event.clears) ||
        event.kind === 'token-acquire'
      ) {
        for (const guard of event.guards) {
          const bits = invalidatingBranches.get(guard.conditionId) ?? 0;
          invalidatingBranches.set(guard.conditionId, bits | branchBit(guard.branch));
        }
      }
    }
    const statusByCall = new Map<number, Condition[]>();
    const statusByRead = new Map<string, Condition[]>();
    for (const condition of [...unit.conditions].sort(byPosition)) {
      if (!condition.statusCheck) continue;
      if (condition.statusCheck.callId !== undefined) push(statusByCall, condition.statusCheck.callId, condition);
      for (const read of new Set(condition.reads)) push(statusByRead, read, condition);
    }
    const callsByGuard = new Map<number, RestCallEvent[]>();
    for (const call of calls.values()) {
      for (const guard of new Set(call.guards.map((g) => g.conditionId))) push(callsByGuard, guard, call);
    }
    const conditions = new Map(unit.conditions.map((condition) => [condition.id, condition]));
    index = {
      byKind,
      calls,
      callsByClient,
      conditions,
      statusByCall,
      statusByRead,
      callsByGuard,
      statusCopiesByCall,
      statusCopiesByClient,
      errorBranches,
      invalidatingBranches,
      tokenUsesByCall,
      tokenUsesByVariable,
      responseAcquisitionsByCall,
      copyAcquisitions,
    };
    INDEXES.set(unit, index);
  }
  return index;
}

function branchBit(branch: 'then' | 'else'): number {
  return branch === 'then' ? 1 : 2;
}

/** The unit's events of one kind, in order. The array is shared: do not modify it. */
export function eventsOfKind<K extends FlowEvent['kind']>(unit: CodeUnit, kind: K): EventOfKind<K>[] {
  return (indexOf(unit).byKind.get(kind) ?? []) as EventOfKind<K>[];
}

export function allEventsOfKind<K extends FlowEvent['kind']>(
  model: FlowModel,
  kind: K,
): { unit: CodeUnit; event: EventOfKind<K> }[] {
  const found: { unit: CodeUnit; event: EventOfKind<K> }[] = [];
  for (const unit of model.units) for (const event of eventsOfKind(unit, kind)) found.push({ unit, event });
  return found;
}

export function conditionById(unit: CodeUnit, id: number): Condition | undefined {
  return indexOf(unit).conditions.get(id);
}

/** The conditions enclosing an event, outermost first. */
export function guardConditions(unit: CodeUnit, guards: readonly Guard[]): Condition[] {
  const found: Condition[] = [];
  for (const guard of guards) {
    const condition = conditionById(unit, guard.conditionId);
    if (condition) found.push(condition);
  }
  return found;
}

/** The event sits in a branch of an expiry check (Strategy B's refresh or its "still valid" branch). */
export function isExpiryGuarded(unit: CodeUnit, guards: readonly Guard[]): boolean {
  return guardConditions(unit, guards).some((condition) => condition.expiryCheck !== undefined);
}

export function isInBranch(guards: readonly Guard[], conditionId: number, branch?: 'then' | 'else'): boolean {
  return guards.some((guard) => guard.conditionId === conditionId && (branch === undefined || guard.branch === branch));
}

export function contains(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Conditions whose text contains a range (e.g. the condition a token-presence-check belongs to). */
export function conditionsContaining(unit: CodeUnit, range: TextRange): Condition[] {
  return unit.conditions.filter((condition) => contains(condition.range, range));
}

/** A condition that tests whether a token is present (`IF cachedToken = ""`, `tokenValue.length > 0`). */
export function presenceChecksIn(unit: CodeUnit, condition: Condition): TokenPresenceCheckEvent[] {
  return eventsOfKind(unit, 'token-presence-check').filter((check) => contains(condition.range, check.range));
}

/** Error paths, cleared tokens or cleared expiries in one branch of a condition (at any depth below it). */
export function branchTakesErrorPath(unit: CodeUnit, conditionId: number, branch: 'then' | 'else'): boolean {
  return ((indexOf(unit).errorBranches.get(conditionId) ?? 0) & branchBit(branch)) !== 0;
}

/**
 * Whether one branch of a condition clears a kept token or its expiry, or fetches a new token (at any depth below it):
 * what a 401 handler must do when the token is cached, or the next call sends the same rejected token.
 */
export function branchInvalidatesToken(unit: CodeUnit, conditionId: number, branch: 'then' | 'else'): boolean {
  return ((indexOf(unit).invalidatingBranches.get(conditionId) ?? 0) & branchBit(branch)) !== 0;
}

/** Tells whether a branch of a condition ends in an error path (an error variable is set, the token cleared). */
export type ErrorBranch = (conditionId: number, branch: 'then' | 'else') => boolean;

/** The variable and every variable it is copied into later in the unit (`SET strCachedToken = validToken`). */
export function copiesOf(
  unit: CodeUnit,
  variable: string,
  fromOrder: number,
): { names: Set<string>; copies: TokenAcquireEvent[] } {
  const names = new Set([variable]);
  const copies: TokenAcquireEvent[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    // Passes over the copying acquisitions only, in order: no other acquisition can be added.
    for (const event of indexOf(unit).copyAcquisitions) {
      if (event.order <= fromOrder || names.has(event.variable)) continue;
      if (names.has(event.fromVariable!)) {
        names.add(event.variable);
        copies.push(event);
        grew = true;
      }
    }
  }
  return { names, copies };
}

/** The token uses that belong to a call (sent in its Authorization header), in order. Shared: do not modify. */
export function tokenUsesOfCall(unit: CodeUnit, callId: number): readonly TokenUseEvent[] {
  return indexOf(unit).tokenUsesByCall.get(callId) ?? [];
}

/** The uses of one token variable, in order. Shared: do not modify. */
export function tokenUsesOf(unit: CodeUnit, variable: string): readonly TokenUseEvent[] {
  return indexOf(unit).tokenUsesByVariable.get(variable) ?? [];
}

/** The acquisitions read from a call's response (`t = r.access_token`), in order. Shared: do not modify. */
export function responseAcquisitionsOf(unit: CodeUnit, callId: number): readonly TokenAcquireEvent[] {
  return indexOf(unit).responseAcquisitionsByCall.get(callId) ?? [];
}

/** The first event after `order` in a list of one unit's events in order (binary search). */
export function firstAfter<E extends { readonly order: number }>(events: readonly E[], order: number): E | undefined {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.order <= order) low = middle + 1;
    else high = middle;
  }
  return events[low];
}

/** Two events in different branches of one condition: at most one of them runs. */
export function mutuallyExclusive(
  a: { readonly guards: readonly Guard[] },
  b: { readonly guards: readonly Guard[] },
): boolean {
  return a.guards.some((ga) => b.guards.some((gb) => ga.conditionId === gb.conditionId && ga.branch !== gb.branch));
}

/**
 * Whether a status read attributed to call `otherId` also reads `call`'s status: the same client, in the other
 * branch of a condition (`IF … { r = api.Make…(a) } ELSE { r = api.Make…(b) }` then one `api.StatusCode` check).
 */
function readsStatusOf(
  unit: CodeUnit,
  call: RestCallEvent,
  otherId: number | undefined,
  client: string | undefined,
): boolean {
  if (otherId === call.id) return true;
  if (otherId === undefined) return client === call.client;
  const other = indexOf(unit).calls.get(otherId);
  return other !== undefined && other.client === call.client && mutuallyExclusive(other, call);
}

/**
 * The calls on the same client as `call` that sit in the other branch of one of its conditions: the only other calls
 * whose status reads also read `call`'s (see readsStatusOf). Looked up by the call's own guards, so a script with
 * thousands of calls on one proxy asks about a handful.
 */
function exclusiveSameClientCalls(unit: CodeUnit, call: RestCallEvent): RestCallEvent[] {
  const found = new Set<RestCallEvent>();
  const index = indexOf(unit);
  for (const guard of call.guards) {
    for (const other of index.callsByGuard.get(guard.conditionId) ?? []) {
      if (other !== call && other.client === call.client && mutuallyExclusive(other, call)) found.add(other);
    }
  }
  return [...found];
}

/** Status copies of a call (`code = "{proxy.StatusCode}"`) after it in its unit. */
export function statusCopiesOf(unit: CodeUnit, call: RestCallEvent): StatusCopyEvent[] {
  // Only copies that name this call or a call on the same client in the other branch of one of its conditions, or
  // (call unknown) the same client, can match.
  const index = indexOf(unit);
  const candidates = new Set<StatusCopyEvent>(index.statusCopiesByCall.get(call.id));
  for (const other of exclusiveSameClientCalls(unit, call)) {
    for (const copy of index.statusCopiesByCall.get(other.id) ?? []) candidates.add(copy);
  }
  for (const copy of index.statusCopiesByClient.get(call.client) ?? []) candidates.add(copy);
  const found: StatusCopyEvent[] = [];
  for (const copy of candidates)
    if (copy.order > call.order && readsStatusOf(unit, call, copy.callId, copy.client)) found.push(copy);
  return found.sort((a, b) => a.order - b.order);
}

/**
 * Conditions after a call that examine its status: by call id, or (id unknown) by the call's client or a
 * status copy of it. A check attributed to the same client's call in the other branch of an IF counts too.
 */
export function statusChecksOf(unit: CodeUnit, call: RestCallEvent): Condition[] {
  return [...statusChecksIn(unit, call)];
}

/**
 * `statusChecksOf`, one condition at a time in the same order (by position), for callers that stop at the first that
 * does something: where many calls share one status variable every later check of it reads it, and listing them
 * all for every call would be quadratic.
 */
export function* statusChecksIn(unit: CodeUnit, call: RestCallEvent): Generator<Condition, void, undefined> {
  const index = indexOf(unit);
  const copies = statusCopiesOf(unit, call);
  // Only conditions that name this call (or the same client's call in its other branch), or read its client, result
  // or a copy can match; each list is sorted by position, and only the part after the call is read.
  const lists: (readonly Condition[])[] = [];
  for (const id of [call.id, ...exclusiveSameClientCalls(unit, call).map((other) => other.id)]) {
    const list = index.statusByCall.get(id);
    if (list) lists.push(list);
  }
  for (const read of [call.client, call.resultVariable, ...copies.map((copy) => copy.variable)]) {
    const list = read === undefined ? undefined : index.statusByRead.get(read);
    if (list) lists.push(list);
  }
  const matches = (condition: Condition): boolean => {
    const check = condition.statusCheck!;
    if (check.callId !== undefined && readsStatusOf(unit, call, check.callId, undefined)) return true;
    if (check.callId === undefined && condition.reads.includes(call.client)) return true;
    // `a.statusCode != 200 || b.statusCode != 200`: one condition, several calls; the model names only one.
    if (
      call.resultVariable !== undefined &&
      call.resultVariable !== call.client &&
      condition.reads.includes(call.resultVariable)
    )
      return true;
    return copies.some((copy) => copy.range.start <= condition.range.start && condition.reads.includes(copy.variable));
  };
  for (const condition of mergeByPosition(lists, call.range.start)) if (matches(condition)) yield condition;
}

/** Whether `test` holds for an item, reading no further than the first that passes. */
export function someOf<T>(items: Iterable<T>, test: (item: T) => boolean): boolean {
  for (const item of items) if (test(item)) return true;
  return false;
}

function byPosition(a: Condition, b: Condition): number {
  return a.range.start - b.range.start || a.id - b.id;
}

/** The conditions of several lists sorted `byPosition`, each once, from the first starting at `from`. */
function* mergeByPosition(lists: readonly (readonly Condition[])[], from: number): Generator<Condition> {
  const at = lists.map((list) => firstStartingAt(list, from));
  let previous: Condition | undefined;
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const candidate = lists[i]![at[i]!];
      if (candidate && (best < 0 || byPosition(candidate, lists[best]![at[best]!]!) < 0)) best = i;
    }
    if (best < 0) return;
    const next = lists[best]![at[best]!]!;
    at[best]!++;
    if (next === previous) continue;
    previous = next;
    yield next;
  }
}

function firstStartingAt(sorted: readonly Condition[], from: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.range.start < from) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The rest call with an id, wherever it is in the model. */
export function callById(model: FlowModel, id: number): { unit: CodeUnit; call: RestCallEvent } | undefined {
  for (const unit of model.units) {
    const call = indexOf(unit).calls.get(id);
    if (call) return { unit, call };
  }
  return undefined;
}

const MAX_ALIAS_DEPTH = 6;

/**
 * The token request whose response an acquisition stores, following copies (`t = "{strToken}"`) back to it through
 * the whole model; undefined when the token comes from a function or an unknown place.
 */
export function tokenRequestBehind(
  model: FlowModel,
  acquisition: TokenAcquireEvent,
  depth = 0,
): RestCallEvent | undefined {
  if (acquisition.source === 'response' && acquisition.fromCall !== undefined) {
    const call = callById(model, acquisition.fromCall)?.call;
    return call?.isTokenRequest ? call : undefined;
  }
  if (acquisition.source === 'function' || acquisition.fromVariable === undefined || depth >= MAX_ALIAS_DEPTH)
    return undefined;
  const sources: TokenAcquireEvent[] = [];
  for (const unit of model.units) {
    for (const event of eventsOfKind(unit, 'token-acquire'))
      if (event.variable === acquisition.fromVariable) sources.push(event);
  }
  for (const source of sources.reverse()) {
    const call = tokenRequestBehind(model, source, depth + 1);
    if (call) return call;
  }
  return undefined;
}
