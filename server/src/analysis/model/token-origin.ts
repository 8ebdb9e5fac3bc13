import type { CodeUnit, Guard, TokenAcquireEvent, TokenClearEvent } from './flow-model';
import { CoverIndex } from './cover-index';
import { branchTakesErrorPath, eventsOfKind, isExpiryGuarded } from './queries';

/**
 * Where the token sent at a point of a unit comes from, as far as the unit shows:
 * - managed: an acquisition on the way is guarded by an expiry check (Strategy B);
 * - fresh: fetched in this unit before the point on every path (Strategy A); a path on which the token was emptied
 *   instead (`tok = ""` before `IF tok = "" { …fetch… }`, an ELSE that clears it) sends no stale token either;
 * - cleared: emptied on every path and never fetched: whatever is sent, it is not an old token;
 * - stale: not (always) fetched here; `names` are the variables to look for in earlier units.
 */
export type Origin =
  | { readonly kind: 'managed' }
  | { readonly kind: 'fresh'; readonly latest: TokenAcquireEvent }
  | { readonly kind: 'cleared' }
  | {
      readonly kind: 'stale';
      readonly names: ReadonlySet<string>;
      /** The first fetch before the point, when there is one: it runs only on some paths. */
      readonly partial: readonly TokenAcquireEvent[];
    };

export const MANAGED: Origin = { kind: 'managed' };
const CLEARED: Origin = { kind: 'cleared' };

const MAX_ALIAS_DEPTH = 8;

/** The origin of `variable` at a point (before `beforeOrder`, under `pointGuards`) of `unit`. */
export function originOf(
  unit: CodeUnit,
  variable: string,
  beforeOrder: number,
  pointGuards: readonly Guard[],
  depth = 0,
): Origin {
  const summary = summaryOf(unit, variable, depth);
  if (summary.managedFrom < beforeOrder) return MANAGED;
  const freshBefore = countBefore(summary.fresh, beforeOrder);
  const names = new Set([variable]);
  for (const copy of summary.staleCopies) {
    if (copy.order >= beforeOrder) break;
    for (const name of copy.names) names.add(name);
  }
  if ((freshBefore > 0 || summary.firstClear < beforeOrder) && summary.cover.coversPoint(beforeOrder, pointGuards)) {
    if (freshBefore === 0) return CLEARED;
    return { kind: 'fresh', latest: summary.fresh[freshBefore - 1]! };
  }
  return { kind: 'stale', names, partial: summary.fresh.slice(0, Math.min(freshBefore, 1)) };
}

/**
 * What decides a variable's origin at any point of a unit, gathered once: an origin is asked for at every use and
 * call, and scanning every earlier fetch and clear (a 401 branch after each call clears the token) for each of them
 * was quadratic in the calls of a unit.
 */
interface VariableSummary {
  /** The first acquisition that makes the token managed (expiry-guarded, or a copy of a managed token). */
  readonly managedFrom: number;
  /** Fetches, and copies of a fresh token, by order. */
  readonly fresh: readonly TokenAcquireEvent[];
  /** Copies of a token that is stale where it is copied, by order, with the names to look for in earlier units. */
  readonly staleCopies: readonly { readonly order: number; readonly names: ReadonlySet<string> }[];
  readonly firstClear: number;
  /** The fresh acquisitions and the clears, indexed by their guards. */
  readonly cover: CoverIndex;
}

const SUMMARIES = new WeakMap<CodeUnit, Map<string, VariableSummary>>();

function summaryOf(unit: CodeUnit, variable: string, depth: number): VariableSummary {
  let byVariable = SUMMARIES.get(unit);
  if (!byVariable) {
    byVariable = new Map();
    SUMMARIES.set(unit, byVariable);
  }
  // Copies are followed MAX_ALIAS_DEPTH deep, so what a variable's copies contribute depends on the depth.
  const key = `${depth}:${variable}`;
  let summary = byVariable.get(key);
  if (!summary) {
    summary = summarise(unit, variable, depth);
    byVariable.set(key, summary);
  }
  return summary;
}

function summarise(unit: CodeUnit, variable: string, depth: number): VariableSummary {
  let managedFrom = Number.POSITIVE_INFINITY;
  const fresh: TokenAcquireEvent[] = [];
  const staleCopies: { order: number; names: ReadonlySet<string> }[] = [];
  const acquisitions = eventsOfKind(unit, 'token-acquire')
    .filter((a) => a.variable === variable)
    .sort((a, b) => a.order - b.order);
  for (const acquisition of acquisitions) {
    if (isExpiryGuarded(unit, acquisition.guards)) managedFrom = Math.min(managedFrom, acquisition.order);
    if (acquisition.source === 'function' || acquisition.source === 'response') {
      fresh.push(acquisition);
      continue;
    }
    // A copy (`validToken = tokenValue`, `t = "{strToken}"`) is as fresh as what it copies at that point.
    if (acquisition.fromVariable === undefined || depth >= MAX_ALIAS_DEPTH) continue;
    const source = originOf(unit, acquisition.fromVariable, acquisition.order, acquisition.guards, depth + 1);
    if (source.kind === 'managed') managedFrom = Math.min(managedFrom, acquisition.order);
    else if (source.kind === 'fresh') fresh.push(acquisition);
    else if (source.kind === 'stale') staleCopies.push({ order: acquisition.order, names: source.names });
  }
  const clears: TokenClearEvent[] = eventsOfKind(unit, 'token-clear').filter((c) => c.variable === variable);
  const errorBranch = (conditionId: number, branch: 'then' | 'else'): boolean =>
    branchTakesErrorPath(unit, conditionId, branch);
  return {
    managedFrom,
    fresh,
    staleCopies,
    firstClear: clears.reduce((first, c) => Math.min(first, c.order), Number.POSITIVE_INFINITY),
    cover: new CoverIndex([...fresh, ...clears], errorBranch),
  };
}

/** How many of `events` (sorted by order) come before `order`. */
function countBefore(events: readonly { readonly order: number }[], order: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.order < order) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether the token a call sends is fresh per call (Strategy A: fetched in the call's unit before it on every path),
 * as opposed to cached or reused (Strategy B, or Pattern A: kept from an earlier fetch or action). A call that sends
 * no token is neither.
 */
export function tokenFreshness(
  unit: CodeUnit,
  uses: readonly { readonly variable: string; readonly order: number; readonly guards: readonly Guard[] }[],
): 'none' | 'fresh' | 'cached' {
  if (uses.length === 0) return 'none';
  for (const use of uses) {
    const origin = originOf(unit, use.variable, use.order, use.guards);
    if (origin.kind === 'managed' || origin.kind === 'stale') return 'cached';
  }
  return 'fresh';
}
