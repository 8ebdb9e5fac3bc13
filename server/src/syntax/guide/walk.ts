import type { AnyNode } from 'acorn';
import * as walk from 'acorn-walk';

/**
 * Visits every node under `root` (a snippet's `program`, an ASSIGN's `value`, …), children before their parent,
 * with its ancestors: outermost first, ending with the node itself. Uses acorn-walk's base visitors, so acorn-loose
 * trees work too.
 */
export function walkWithAncestors(root: AnyNode, visit: (node: AnyNode, ancestors: readonly AnyNode[]) => void): void {
  walk.fullAncestor(root, (node, _state, ancestors) => visit(node, ancestors));
}

/** Visits every node under `root`, children before their parent (post-order, as acorn-walk does). */
export function walkNodes(root: AnyNode, visit: (node: AnyNode) => void): void {
  walk.fullAncestor(root, (node) => visit(node));
}
