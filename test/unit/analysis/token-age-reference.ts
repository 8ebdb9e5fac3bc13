import type { AgeStep, TokenAge } from '../../../server/src/analysis/model/token-age';
import { type ActionDuration, actionDurationOf } from '../../../server/src/analysis/vocabulary/action-durations';
import type { ActionGraph, ScriptAction } from '../../../server/src/syntax/export/read-export';

/**
 * The reference for analysis/export/token-age.ts: its first algorithm, kept verbatim as the oracle of the property
 * test (token-age-index.test.ts). It walks the whole graph for each (acquisition, use) pair, which made the full lint
 * of a large export quadratic; the index answers every pair from one pass per acquisition and must agree with it.
 *
 * The worst-case age of a token acquired in action `from` when action `to` sends it: the longest simulated time
 * between the end of `from` and the start of `to` over every path of the action graph, each action on the way taking
 * its default duration (analysis/vocabulary/action-durations.ts, the simulator's). Paths go no further back than
 * `from`: running it again acquires the token again.
 *
 * Unbounded when an action with no upper bound (queue, agent, hold…) lies on some path, or when a path can go round a
 * loop (a MENU's retry branch). Undefined when `to` cannot be reached from `from`. Linear in the size of the graph,
 * per pair.
 */
export function referenceTokenAge(graph: ActionGraph, from: number, to: number): TokenAge | undefined {
  if (!graph.action(from) || !graph.action(to)) return undefined;
  // The actions a path from `from` to `to` can pass through (never `from` again), `to` included unless it is `from`.
  const after = walk(graph.successors(from), (id) => graph.successors(id), from);
  const before = walk(from === to ? graph.predecessors(to) : [to], (id) => graph.predecessors(id), from);
  const between = new Set([...after].filter((id) => before.has(id)));
  const reached = from === to ? graph.predecessors(to).some((p) => p === from || between.has(p)) : between.has(to);
  if (!reached) return undefined;
  const order = uniqueActions(graph).filter((a) => between.has(a.id));
  const durations = new Map(order.map((action) => [action.id, durationOf(action)] as const));

  const sorted = topologicalOrder(graph, order, between);
  if (sorted === undefined) {
    const onLoop = loopAction(graph, order, between);
    return unbounded('loop', onLoop, undefined, pathThrough(graph, from, onLoop.id, to, between));
  }
  const blocker = order.find((a) => a.id !== to && durations.get(a.id)?.bounded === false);
  if (blocker) {
    const basis = durations.get(blocker.id)?.basis;
    return unbounded('action', blocker, basis, pathThrough(graph, from, blocker.id, to, between));
  }

  // Longest paths in a directed acyclic graph: `from` leaves at 0, each action adds its own duration.
  const longest = new Map<number, number>();
  const previous = new Map<number, number>();
  const arrive = (id: number, at: number, via: number): void => {
    if (at > (longest.get(id) ?? -1)) {
      longest.set(id, at);
      previous.set(id, via);
    }
  };
  const leaving = (id: number): number | undefined =>
    id === from ? 0 : longest.has(id) ? longest.get(id)! + (durations.get(id)?.seconds ?? 0) : undefined;
  for (const next of graph.successors(from)) if (between.has(next)) arrive(next, 0, from);
  for (const id of sorted) {
    const leave = id === to ? undefined : leaving(id);
    if (leave === undefined) continue;
    for (const next of graph.successors(id)) if (between.has(next)) arrive(next, leave, id);
  }
  let seconds = longest.get(to) ?? 0;
  let last = previous.get(to) ?? from;
  if (from === to) {
    // Back round to the acquiring action itself: the longest way in.
    seconds = -1;
    for (const p of graph.predecessors(to)) {
      const leave = p === from || between.has(p) ? leaving(p) : undefined;
      if (leave !== undefined && leave > seconds) {
        seconds = leave;
        last = p;
      }
    }
  }
  const path = [to];
  for (let at = last; ; at = previous.get(at)!) {
    path.push(at);
    if (at === from) break;
  }
  path.reverse();
  const steps: AgeStep[] = [];
  for (const id of path.slice(1, -1)) {
    const duration = durations.get(id);
    const action = graph.action(id)!;
    if (duration && duration.seconds > 0)
      steps.push({
        actionId: id,
        type: action.type,
        caption: action.caption,
        seconds: duration.seconds,
        basis: duration.basis,
      });
  }
  return { kind: 'bounded', seconds: Math.max(0, seconds), path, steps };
}

/** The actions with distinct ids, in file order (the first of two with one id wins, as in ActionGraph). */
function uniqueActions(graph: ActionGraph): ScriptAction[] {
  const seen = new Set<number>();
  return graph.actions.filter((a) => {
    if (seen.has(a.id)) return false;
    seen.add(a.id);
    return true;
  });
}

function durationOf(action: ScriptAction): ActionDuration | undefined {
  return actionDurationOf(
    action.type,
    action.parameters.map((p) => p.value),
  );
}

function unbounded(
  because: 'loop' | 'action',
  action: ScriptAction,
  basis: string | undefined,
  path: readonly number[],
): TokenAge {
  const at = { id: action.id, type: action.type, caption: action.caption };
  return basis === undefined
    ? { kind: 'unbounded', because, action: at, path }
    : { kind: 'unbounded', because, action: at, basis, path };
}

/** Every action reachable from `starts` by `next`, never entering `stop`. */
function walk(starts: readonly number[], next: (id: number) => readonly number[], stop: number): Set<number> {
  const seen = new Set<number>();
  const stack = starts.filter((id) => id !== stop);
  for (const id of stack) seen.add(id);
  while (stack.length > 0) {
    for (const following of next(stack.pop()!)) {
      if (following === stop || seen.has(following)) continue;
      seen.add(following);
      stack.push(following);
    }
  }
  return seen;
}

/** Kahn's algorithm over the actions in `within`; undefined when they contain a loop. */
function topologicalOrder(
  graph: ActionGraph,
  order: readonly ScriptAction[],
  within: ReadonlySet<number>,
): number[] | undefined {
  const indegree = new Map<number, number>(order.map((a) => [a.id, 0]));
  for (const action of order)
    for (const next of graph.successors(action.id)) if (within.has(next)) indegree.set(next, indegree.get(next)! + 1);
  const ready = order.filter((a) => indegree.get(a.id) === 0).map((a) => a.id);
  const sorted: number[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    sorted.push(id);
    for (const next of graph.successors(id)) {
      if (!within.has(next)) continue;
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return sorted.length === order.length ? sorted : undefined;
}

/** An action on a loop inside `within`: the first one in file order that can reach itself without leaving it. */
function loopAction(graph: ActionGraph, order: readonly ScriptAction[], within: ReadonlySet<number>): ScriptAction {
  for (const action of order) {
    const reach = walk(
      graph.successors(action.id).filter((id) => within.has(id)),
      (id) => graph.successors(id).filter((n) => within.has(n)),
      Number.NaN,
    );
    if (reach.has(action.id)) return action;
  }
  return order[0]!;
}

/** A shortest path from `from` through `via` to `to` inside `within` (for highlighting); just the ends if none. */
function pathThrough(graph: ActionGraph, from: number, via: number, to: number, within: ReadonlySet<number>): number[] {
  const first = shortest(graph, from, via, within);
  const second = via === to ? [to] : shortest(graph, via, to, within);
  if (!first || !second) return [from, to];
  return [...first, ...second.slice(1)];
}

function shortest(graph: ActionGraph, from: number, to: number, within: ReadonlySet<number>): number[] | undefined {
  const previous = new Map<number, number>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    if (id === to && head > 0) break;
    for (const next of graph.successors(id)) {
      if (!within.has(next) || previous.has(next)) continue;
      previous.set(next, id);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return undefined;
  const path = [to];
  for (let at = to; at !== from; ) {
    at = previous.get(at)!;
    path.push(at);
  }
  return path.reverse();
}
