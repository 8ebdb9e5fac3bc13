import type { ActionEdge, ScriptAction } from './export-model';

/**
 * The flow of a Studio script: actions linked by their default, branch and case edges.
 *
 * Scripts loop (a MENU's "invalid digit" branch goes back to the MENU, retry loops go back to a SNIPPET), so every
 * traversal here is iterative and visits each action once. Reachability and search trees are computed once per
 * starting action and kept (a bit per action), so the analysis's repeated questions cost no further walks.
 * Dangling edges (targets that are not actions) are listed by `outgoing` but never followed. When two actions share
 * an id, the first one in the file wins.
 */
export class ActionGraph {
  /** The BEGIN action; otherwise the first action no other action links to; otherwise the first action. */
  readonly entry: ScriptAction | undefined;

  private readonly byId = new Map<number, ScriptAction>();
  private readonly order = new Map<number, number>();
  private readonly outEdges = new Map<number, ActionEdge[]>();
  private readonly inEdges = new Map<number, ActionEdge[]>();
  private readonly successorIds = new Map<number, Set<number>>();
  private readonly predecessorIds = new Map<number, Set<number>>();
  /** The actions with distinct ids, in file order: an action's index here is its bit in a reachability set. */
  private readonly unique: ScriptAction[] = [];
  /** By index: the indexes of the distinct successors (predecessors), in edge order. */
  private readonly successorIndexes: number[][] = [];
  private readonly predecessorIndexes: number[][] = [];
  private readonly forwardReach = new Map<number, Uint32Array>();
  private readonly backwardReach = new Map<number, Uint32Array>();
  private readonly searchTrees = new Map<number, Int32Array>();

  constructor(
    readonly actions: readonly ScriptAction[],
    readonly edges: readonly ActionEdge[],
  ) {
    for (const action of actions) {
      if (this.byId.has(action.id)) continue;
      this.byId.set(action.id, action);
      this.order.set(action.id, this.order.size);
      this.unique.push(action);
    }
    for (const edge of edges) {
      if (!this.byId.has(edge.from)) continue;
      pushTo(this.outEdges, edge.from, edge);
      if (!this.byId.has(edge.to)) continue;
      pushTo(this.inEdges, edge.to, edge);
      addOnce(this.successorIds, edge.from, edge.to);
      addOnce(this.predecessorIds, edge.to, edge.from);
    }
    const toIndex = (id: number): number => this.order.get(id)!;
    for (const action of this.unique) {
      this.successorIndexes.push([...(this.successorIds.get(action.id) ?? [])].map(toIndex));
      this.predecessorIndexes.push([...(this.predecessorIds.get(action.id) ?? [])].map(toIndex));
    }
    this.entry = this.findEntry();
  }

  action(id: number): ScriptAction | undefined {
    return this.byId.get(id);
  }

  /** Edges leaving `id`, in file order, dangling ones included. */
  outgoing(id: number): readonly ActionEdge[] {
    return this.outEdges.get(id) ?? [];
  }

  /** Edges arriving at `id`, in file order. */
  incoming(id: number): readonly ActionEdge[] {
    return this.inEdges.get(id) ?? [];
  }

  /** Distinct ids of the actions `id` links to, in edge order (dangling targets left out). */
  successors(id: number): number[] {
    return [...(this.successorIds.get(id) ?? [])];
  }

  /** Distinct ids of the actions that link to `id`, in edge order. */
  predecessors(id: number): number[] {
    return [...(this.predecessorIds.get(id) ?? [])];
  }

  /**
   * Ids of every action reachable from `id` by following zero or more edges (so `id` itself is included), in file
   * order. One walk per start, kept: the analysis asks again for every use of a token.
   */
  reachableFrom(id: number): Set<number> {
    const index = this.order.get(id);
    return index === undefined ? new Set() : this.idsOf(this.forward(index));
  }

  /** Ids of every action from which `id` can be reached (`id` itself included), in file order; cached likewise. */
  reaching(id: number): Set<number> {
    const index = this.order.get(id);
    return index === undefined ? new Set() : this.idsOf(this.backward(index));
  }

  /**
   * Actions that lie on some path from `from` to `to`, both included, in file order; empty when `to` cannot be
   * reached. With `from === to` this is the action plus every action on a loop through it. No walk once both ends
   * have been asked about: the intersection of two cached reachability sets (and of `only`, when given).
   */
  actionsBetween(from: number, to: number, only?: ActionMarks): ScriptAction[] {
    const start = this.order.get(from);
    const end = this.order.get(to);
    if (start === undefined || end === undefined) return [];
    const forward = this.forward(start);
    if (!has(forward, end)) return [];
    const backward = this.backward(end);
    const between: ScriptAction[] = [];
    for (let word = 0; word < forward.length; word++) {
      let bits = forward[word]! & backward[word]! & (only ? only.bits[word]! : -1);
      while (bits !== 0) {
        const low = bits & -bits;
        between.push(this.unique[word * 32 + 31 - Math.clz32(low)]!);
        bits ^= low;
      }
    }
    return between;
  }

  /**
   * Whether `to` can be reached from `from` by following zero or more edges (both must be actions). One walk per `to`,
   * kept: after it, every question about the same target is a bit test.
   */
  reaches(from: number, to: number): boolean {
    const start = this.order.get(from);
    const end = this.order.get(to);
    return start !== undefined && end !== undefined && has(this.backward(end), start);
  }

  /** Whether the action lies on a loop: one of the actions linking to it can be reached from it. */
  onLoop(id: number): boolean {
    const index = this.order.get(id);
    if (index === undefined) return false;
    const forward = this.forward(index);
    for (const predecessor of this.predecessorIndexes[index]!) if (has(forward, predecessor)) return true;
    return false;
  }

  /**
   * The actions for which `test` holds, as a set to pass to `actionsBetween` (one test per action, not one per
   * question).
   */
  mark(test: (action: ScriptAction) => boolean): ActionMarks {
    const bits = new Uint32Array(Math.ceil(this.unique.length / 32));
    this.unique.forEach((action, index) => {
      if (test(action)) bits[index >>> 5]! |= 1 << (index & 31);
    });
    return { bits };
  }

  /**
   * A shortest path (fewest edges) from `from` to `to`, both included; `undefined` when there is none. One
   * breadth-first search per start, kept (successors in edge order, so the path is the one a search stopping at
   * `to` would find).
   */
  shortestPath(from: number, to: number): ScriptAction[] | undefined {
    const start = this.order.get(from);
    const end = this.order.get(to);
    if (start === undefined || end === undefined) return undefined;
    let previous = this.searchTrees.get(start);
    if (previous === undefined) {
      previous = this.breadthFirst(start);
      this.searchTrees.set(start, previous);
    }
    if (previous[end] === -1) return undefined;
    const path: ScriptAction[] = [];
    for (let at = end; ; at = previous[at]!) {
      path.push(this.unique[at]!);
      if (at === start) break;
    }
    return path.reverse();
  }

  /** The actions reachable from the action at `index` (a bit per action, in file order), walked once. */
  private forward(index: number): Uint32Array {
    let reach = this.forwardReach.get(index);
    if (reach === undefined) {
      reach = this.walk(index, this.successorIndexes);
      this.forwardReach.set(index, reach);
    }
    return reach;
  }

  /** The actions that reach the action at `index`, walked once. */
  private backward(index: number): Uint32Array {
    let reach = this.backwardReach.get(index);
    if (reach === undefined) {
      reach = this.walk(index, this.predecessorIndexes);
      this.backwardReach.set(index, reach);
    }
    return reach;
  }

  private walk(start: number, links: readonly (readonly number[])[]): Uint32Array {
    const seen = new Uint32Array(Math.ceil(this.unique.length / 32));
    seen[start >>> 5]! |= 1 << (start & 31);
    const stack = [start];
    while (stack.length > 0) {
      for (const next of links[stack.pop()!]!) {
        if (has(seen, next)) continue;
        seen[next >>> 5]! |= 1 << (next & 31);
        stack.push(next);
      }
    }
    return seen;
  }

  /** For each action, the one it was first reached from (-1: never; the start: itself). */
  private breadthFirst(start: number): Int32Array {
    const previous = new Int32Array(this.unique.length).fill(-1);
    previous[start] = start;
    const queue = new Int32Array(this.unique.length);
    queue[0] = start;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const current = queue[head]!;
      for (const next of this.successorIndexes[current]!) {
        if (previous[next] !== -1) continue;
        previous[next] = current;
        queue[tail++] = next;
      }
    }
    return previous;
  }

  private idsOf(reach: Uint32Array): Set<number> {
    const ids = new Set<number>();
    for (let index = 0; index < this.unique.length; index++) {
      if (has(reach, index)) ids.add(this.unique[index]!.id);
    }
    return ids;
  }

  private findEntry(): ScriptAction | undefined {
    const unique = [...this.byId.values()];
    return (
      unique.find((a) => a.type.toUpperCase() === 'BEGIN') ??
      unique.find((a) => this.predecessors(a.id).every((p) => p === a.id)) ??
      unique[0]
    );
  }
}

/** A set of actions of one graph (see `ActionGraph.mark`). */
export interface ActionMarks {
  readonly bits: Uint32Array;
}

function has(bits: Uint32Array, index: number): boolean {
  return (bits[index >>> 5]! & (1 << (index & 31))) !== 0;
}

function pushTo(map: Map<number, ActionEdge[]>, key: number, edge: ActionEdge): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [edge]);
  else list.push(edge);
}

function addOnce(map: Map<number, Set<number>>, key: number, id: number): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([id]));
  else set.add(id);
}
