import type { AgeStep, TokenAge } from '../model/token-age';
import type { ActionIndex } from './action-index';
import { RecentCache } from './recent-cache';

/** Search trees kept per acquisition: one from it, and one from each action a path is made to go through. */
const KEPT_SEARCHES = 16;

/**
 * The worst-case ages of a token acquired in one action (`from`), at every action it reaches: a few linear passes
 * over the actions `from` reaches, then each answer costs the length of its path.
 *
 * What lies between `from` and a use `to` is every action reached from `from` (without running it again) that
 * reaches `to` (without running `from` again). Any action of `after` (the actions reached from `from`) that links to
 * one of them reaches `to` too, so is one of them: what lies between is closed under predecessors within `after`.
 * That is why passes over all of `after` give, for the actions between, what a pass over those actions alone gives:
 * - an action lies on a loop within them exactly when it lies on a loop of `after` (every action of that loop
 *   reaches `to`), and each action's ancestors within `after` are the same ones;
 * - Kahn's algorithm visits them in the same relative order (the other actions of `after` never link to them), so
 *   the longest paths and their predecessor pointers, which depend only on that order, are the same;
 * - a breadth-first search from `from` (or from an action between) discovers them in the same order.
 */
export class AgesFrom {
  /** 1 for each action reachable from `from` without running `from` again (`from` itself is never in it). */
  private readonly after: Uint8Array;
  /** By index: the first action in file order, among those reaching it within `after` (itself included), that lies
   *  on a loop of `after`; `none` when there is none (the action lies within the loop-free part of `after`). */
  private readonly firstLoop: Int32Array;
  /** Likewise the first whose duration has no upper bound. */
  private readonly firstUnbounded: Int32Array;
  /** Longest times from `from` to the start of each loop-free action, and the action each longest path comes from. */
  private readonly longest: Float64Array;
  private readonly previous: Int32Array;
  /** Breadth-first search trees within `after`, by start (`from`, or an action a path is made to go through). */
  private readonly searches = new RecentCache<number, Int32Array>(KEPT_SEARCHES);
  /** Larger than every index: "no such action" in the first-in-file-order arrays, so that `Math.min` skips it. */
  private readonly none: number;

  constructor(
    private readonly index: ActionIndex,
    private readonly from: number,
  ) {
    const size = index.size;
    this.none = size;
    this.after = reachedFrom(index, from);
    const members: number[] = [];
    for (let i = 0; i < size; i++) if (this.after[i] === 1) members.push(i);
    this.firstLoop = new Int32Array(size).fill(size);
    this.firstUnbounded = new Int32Array(size).fill(size);
    this.firstOnTheWay(members);
    this.longest = new Float64Array(size).fill(-1);
    this.previous = new Int32Array(size).fill(-1);
    this.longestPaths(members);
  }

  /** The worst-case age at `to` (an index); undefined when `to` cannot be reached from `from`. */
  ageAt(to: number): TokenAge | undefined {
    const { from, after, none, index } = this;
    const into = index.predecessors[to]!;
    const self = to === from;
    if (self ? !into.some((p) => p === from || after[p] === 1) : after[to] !== 1) return undefined;
    // What lies between, `to` left out, is what reaches one of the predecessors of `to` within `after` (a loop through
    // `to` passes through one of them).
    let loop = none;
    let blocker = none;
    for (const p of into) {
      if (after[p] !== 1) continue;
      loop = Math.min(loop, this.firstLoop[p]!);
      blocker = Math.min(blocker, this.firstUnbounded[p]!);
    }
    if (loop !== none) return this.unbounded('loop', loop, to);
    if (blocker !== none) return this.unbounded('action', blocker, to);

    let seconds = this.longest[to]!;
    let last = this.previous[to]!;
    if (last === -1) {
      seconds = 0;
      last = from;
    }
    if (self) {
      // Back round to the acquiring action itself: the longest way in.
      seconds = -1;
      for (const p of into) {
        const leave = p === from ? 0 : after[p] === 1 ? this.leaving(p) : undefined;
        if (leave !== undefined && leave > seconds) {
          seconds = leave;
          last = p;
        }
      }
    }
    const path = [to];
    for (let at = last; at !== -1; at = this.previous[at]!) {
      path.push(at);
      if (at === from) break;
    }
    path.reverse();
    const steps: AgeStep[] = [];
    for (const at of path.slice(1, -1)) {
      const duration = index.durations[at];
      const action = index.actions[at]!;
      if (duration && duration.seconds > 0)
        steps.push({
          actionId: action.id,
          type: action.type,
          caption: action.caption,
          seconds: duration.seconds,
          basis: duration.basis,
        });
    }
    return { kind: 'bounded', seconds: Math.max(0, seconds), path: path.map((at) => this.idOf(at)), steps };
  }

  private idOf(at: number): number {
    return this.index.actions[at]!.id;
  }

  /** When the longest path reaching `at` leaves it. */
  private leaving(at: number): number {
    return this.longest[at]! + (this.index.durations[at]?.seconds ?? 0);
  }

  private unbounded(because: 'loop' | 'action', at: number, to: number): TokenAge {
    const action = this.index.actions[at]!;
    const basis = because === 'action' ? this.index.durations[at]?.basis : undefined;
    const described = { id: action.id, type: action.type, caption: action.caption };
    const path = this.pathThrough(at, to);
    return basis === undefined
      ? { kind: 'unbounded', because, action: described, path }
      : { kind: 'unbounded', because, action: described, basis, path };
  }

  /**
   * `firstLoop` and `firstUnbounded` for every action of `after`: its strongly connected components in topological
   * order, each taking the least of its own actions and of what links to it from earlier components.
   */
  private firstOnTheWay(members: readonly number[]): void {
    const { index, after, none } = this;
    const components = stronglyConnected(members, after, index.successors);
    const component = new Int32Array(index.size).fill(-1);
    components.forEach((actions, c) => {
      for (const at of actions) component[at] = c;
    });
    // Tarjan's algorithm completes a component after every component it reaches: reversed, a topological order.
    for (let c = components.length - 1; c >= 0; c--) {
      const actions = components[c]!;
      const looping = actions.length > 1 || index.successors[actions[0]!]!.includes(actions[0]!);
      let loop = none;
      let unbounded = none;
      for (const at of actions) {
        if (looping) loop = Math.min(loop, at);
        if (index.durations[at]?.bounded === false) unbounded = Math.min(unbounded, at);
        for (const p of index.predecessors[at]!) {
          if (after[p] !== 1 || component[p] === c) continue;
          loop = Math.min(loop, this.firstLoop[p]!);
          unbounded = Math.min(unbounded, this.firstUnbounded[p]!);
        }
      }
      for (const at of actions) {
        this.firstLoop[at] = loop;
        this.firstUnbounded[at] = unbounded;
      }
    }
  }

  /**
   * Longest paths over the loop-free part of `after` (no loop reaches it, so each of its actions is reached only from
   * within it or from `from`): `from` leaves at 0 and each action adds its own duration; Kahn's algorithm gives the
   * order (ready actions first in file order, then as they become ready), and a path only replaces a longer one.
   */
  private longestPaths(members: readonly number[]): void {
    const { index, from, none } = this;
    const clean = members.filter((at) => this.firstLoop[at] === none);
    const within = new Uint8Array(index.size);
    for (const at of clean) within[at] = 1;
    const indegree = new Int32Array(index.size);
    for (const at of clean) for (const next of index.successors[at]!) if (within[next] === 1) indegree[next]!++;
    const ready = clean.filter((at) => indegree[at] === 0);
    const arrive = (at: number, time: number, via: number): void => {
      if (time > this.longest[at]!) {
        this.longest[at] = time;
        this.previous[at] = via;
      }
    };
    for (const next of index.successors[from]!) if (within[next] === 1) arrive(next, 0, from);
    for (let head = 0; head < ready.length; head++) {
      const at = ready[head]!;
      const leave = this.leaving(at);
      for (const next of index.successors[at]!) {
        if (within[next] !== 1) continue;
        arrive(next, leave, at);
        if (--indegree[next]! === 0) ready.push(next);
      }
    }
  }

  /** A shortest path from `from` through `via` to `to` within `after` (for highlighting); just the ends if none. */
  private pathThrough(via: number, to: number): number[] {
    const first = this.shortest(this.from, via);
    const second = via === to ? [to] : this.shortest(via, to);
    if (!first || !second) return [this.idOf(this.from), this.idOf(to)];
    return [...first, ...second.slice(1)].map((at) => this.idOf(at));
  }

  private shortest(start: number, to: number): number[] | undefined {
    const previous = this.searches.get(start, () => breadthFirst(this.index, start, this.after));
    if (previous[to] === -1) return undefined;
    const path = [to];
    for (let at = to; at !== start; ) {
      at = previous[at]!;
      path.push(at);
    }
    return path.reverse();
  }
}

/** 1 for every action reachable from `from` by one or more edges without entering `from` again. */
function reachedFrom(index: ActionIndex, from: number): Uint8Array {
  const seen = new Uint8Array(index.size);
  const stack: number[] = [];
  for (const next of index.successors[from]!) {
    if (next === from || seen[next] === 1) continue;
    seen[next] = 1;
    stack.push(next);
  }
  while (stack.length > 0) {
    for (const next of index.successors[stack.pop()!]!) {
      if (next === from || seen[next] === 1) continue;
      seen[next] = 1;
      stack.push(next);
    }
  }
  return seen;
}

/** For each action, the one it was first reached from within `within` (-1: never; the start: itself). */
function breadthFirst(index: ActionIndex, start: number, within: Uint8Array): Int32Array {
  const previous = new Int32Array(index.size).fill(-1);
  previous[start] = start;
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const next of index.successors[at]!) {
      if (within[next] !== 1 || previous[next] !== -1) continue;
      previous[next] = at;
      queue.push(next);
    }
  }
  return previous;
}

/**
 * Tarjan's strongly connected components of the actions in `members` (edges within `within` only), iteratively, so
 * a long chain of actions cannot overflow the stack. Each component is complete only after every one it reaches.
 */
function stronglyConnected(
  members: readonly number[],
  within: Uint8Array,
  successors: readonly (readonly number[])[],
): number[][] {
  const size = within.length;
  const visited = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  const components: number[][] = [];
  const calls: number[] = [];
  const edgeAt: number[] = [];
  let counter = 0;
  const enter = (at: number): void => {
    visited[at] = low[at] = counter++;
    stack.push(at);
    onStack[at] = 1;
    calls.push(at);
    edgeAt.push(0);
  };
  for (const root of members) {
    if (visited[root] !== -1) continue;
    enter(root);
    while (calls.length > 0) {
      const top = calls.length - 1;
      const at = calls[top]!;
      const links = successors[at]!;
      if (edgeAt[top]! < links.length) {
        const next = links[edgeAt[top]!++]!;
        if (within[next] !== 1) continue;
        if (visited[next] === -1) enter(next);
        else if (onStack[next] === 1) low[at] = Math.min(low[at]!, visited[next]!);
        continue;
      }
      calls.pop();
      edgeAt.pop();
      if (calls.length > 0) {
        const caller = calls[calls.length - 1]!;
        low[caller] = Math.min(low[caller]!, low[at]!);
      }
      if (low[at] !== visited[at]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== at);
      components.push(component);
    }
  }
  return components;
}
