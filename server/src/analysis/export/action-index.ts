import type { ActionGraph, ScriptAction } from '../../syntax/export/read-export';
import { type ActionDuration, actionDurationOf } from '../vocabulary/action-durations';

/**
 * An action graph as arrays, for the token-age passes: each action with a distinct id gets its place in file order
 * (the first of two with one id wins, as in ActionGraph), and its successors, predecessors and default duration are
 * listed by place, once, however many acquisitions are asked about.
 */
export class ActionIndex {
  /** The actions with distinct ids, in file order: an action's place here is its index everywhere else. */
  readonly actions: readonly ScriptAction[];
  /** By index: the distinct successors (predecessors), in edge order, as ActionGraph lists them. */
  readonly successors: readonly (readonly number[])[];
  readonly predecessors: readonly (readonly number[])[];
  /** By index: the default duration (undefined when the action type has none). */
  readonly durations: readonly (ActionDuration | undefined)[];
  private readonly indexes = new Map<number, number>();

  constructor(graph: ActionGraph) {
    const actions: ScriptAction[] = [];
    for (const action of graph.actions) {
      if (this.indexes.has(action.id)) continue;
      this.indexes.set(action.id, actions.length);
      actions.push(action);
    }
    const toIndex = (id: number): number => this.indexes.get(id)!;
    this.actions = actions;
    this.successors = actions.map((action) => graph.successors(action.id).map(toIndex));
    this.predecessors = actions.map((action) => graph.predecessors(action.id).map(toIndex));
    this.durations = actions.map((action) =>
      actionDurationOf(
        action.type,
        action.parameters.map((p) => p.value),
      ),
    );
  }

  get size(): number {
    return this.actions.length;
  }

  /** The index of the action with this id; undefined when there is none. */
  indexOf(id: number): number | undefined {
    return this.indexes.get(id);
  }
}
