import type { CodeUnit, Guard, TokenAcquireEvent, TokenClearEvent } from './flow-model';
import { branchTakesErrorPath, coversPoint, eventsOfKind, isExpiryGuarded } from './queries';

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
  | { readonly kind: 'stale'; readonly names: ReadonlySet<string>; readonly partial: readonly TokenAcquireEvent[] };

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
  const acquisitions = eventsOfKind(unit, 'token-acquire').filter(
    (a) => a.variable === variable && a.order < beforeOrder,
  );
  if (acquisitions.some((a) => isExpiryGuarded(unit, a.guards))) return MANAGED;
  const fresh: TokenAcquireEvent[] = [];
  const names = new Set([variable]);
  for (const acquisition of acquisitions) {
    if (acquisition.source === 'function' || acquisition.source === 'response') {
      fresh.push(acquisition);
      continue;
    }
    // A copy (`validToken = tokenValue`, `t = "{strToken}"`) is as fresh as what it copies at that point.
    if (acquisition.fromVariable === undefined || depth >= MAX_ALIAS_DEPTH) continue;
    const source = originOf(unit, acquisition.fromVariable, acquisition.order, acquisition.guards, depth + 1);
    if (source.kind === 'managed') return MANAGED;
    if (source.kind === 'fresh') fresh.push(acquisition);
    else if (source.kind === 'stale') for (const name of source.names) names.add(name);
  }
  const clears: TokenClearEvent[] = eventsOfKind(unit, 'token-clear').filter(
    (c) => c.variable === variable && c.order < beforeOrder,
  );
  const errorBranch = (conditionId: number, branch: 'then' | 'else'): boolean =>
    branchTakesErrorPath(unit, conditionId, branch);
  if ((fresh.length > 0 || clears.length > 0) && coversPoint([...fresh, ...clears], pointGuards, errorBranch)) {
    if (fresh.length === 0) return CLEARED;
    const latest = fresh.reduce((a, b) => (b.order > a.order ? b : a));
    return { kind: 'fresh', latest };
  }
  return { kind: 'stale', names, partial: fresh };
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
