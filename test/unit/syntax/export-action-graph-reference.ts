import type { ActionEdge, ScriptAction } from '../../../server/src/syntax/export/export-model';

/**
 * ActionGraph as it was before its walks were cached: one walk per question. The property test checks the cached
 * graph against it, answer for answer.
 */
export class ReferenceActionGraph {
  /** The BEGIN action; otherwise the first action no other action links to; otherwise the first action. */
  readonly entry: ScriptAction | undefined;

  private readonly byId = new Map<number, ScriptAction>();
  private readonly order = new Map<number, number>();
  private readonly outEdges = new Map<number, ActionEdge[]>();
  private readonly inEdges = new Map<number, ActionEdge[]>();
  private readonly successorIds = new Map<number, Set<number>>();
  private readonly predecessorIds = new Map<number, Set<number>>();

  constructor(
    readonly actions: readonly ScriptAction[],
    readonly edges: readonly ActionEdge[],
  ) {
    for (const action of actions) {
      if (this.byId.has(action.id)) continue;
      this.byId.set(action.id, action);
      this.order.set(action.id, this.order.size);
    }
    for (const edge of edges) {
      if (!this.byId.has(edge.from)) continue;
      pushTo(this.outEdges, edge.from, edge);
      if (!this.byId.has(edge.to)) continue;
      pushTo(this.inEdges, edge.to, edge);
      addOnce(this.successorIds, edge.from, edge.to);
      addOnce(this.predecessorIds, edge.to, edge.from);
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

  /** Ids of every action reachable from `id` by following zero or more edges (so `id` itself is included). */
  reachableFrom(id: number): Set<number> {
    return this.walk(id, this.successorIds);
  }

  /** Ids of every action from which `id` can be reached (`id` itself included). */
  reaching(id: number): Set<number> {
    return this.walk(id, this.predecessorIds);
  }

  /**
   * Actions that lie on some path from `from` to `to`, both included, in file order; empty when `to` cannot be
   * reached. With `from === to` this is the action plus every action on a loop through it.
   */
  actionsBetween(from: number, to: number): ScriptAction[] {
    const forward = this.reachableFrom(from);
    if (!forward.has(to)) return [];
    const backward = this.reaching(to);
    return this.inFileOrder([...forward].filter((id) => backward.has(id)));
  }

  /** A shortest path (fewest edges) from `from` to `to`, both included; `undefined` when there is none. */
  shortestPath(from: number, to: number): ScriptAction[] | undefined {
    if (!this.byId.has(from) || !this.byId.has(to)) return undefined;
    const previous = new Map<number, number>([[from, from]]);
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      if (current === to) break;
      for (const next of this.successorIds.get(current) ?? []) {
        if (previous.has(next)) continue;
        previous.set(next, current);
        queue.push(next);
      }
    }
    if (!previous.has(to)) return undefined;
    const path: ScriptAction[] = [];
    for (let id = to; ; id = previous.get(id)!) {
      path.push(this.byId.get(id)!);
      if (id === from) break;
    }
    return path.reverse();
  }

  private walk(start: number, links: ReadonlyMap<number, ReadonlySet<number>>): Set<number> {
    const seen = new Set<number>();
    if (!this.byId.has(start)) return seen;
    seen.add(start);
    const stack = [start];
    while (stack.length > 0) {
      for (const n of links.get(stack.pop()!) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push(n);
      }
    }
    return seen;
  }

  private inFileOrder(ids: number[]): ScriptAction[] {
    return ids.sort((a, b) => this.order.get(a)! - this.order.get(b)!).map((id) => this.byId.get(id)!);
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
