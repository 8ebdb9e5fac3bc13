import type { AnyNode } from 'acorn';
import { base } from 'acorn-walk';

/** acorn-walk's base visitor shape: calls `visit` for each child, some with a pseudo-type ("Expression", "Pattern"). */
type BaseVisitor = (
  node: AnyNode,
  state: unknown,
  visit: (child: AnyNode, state: unknown, override?: string) => void,
) => void;
const VISITORS = base as unknown as Readonly<Record<string, BaseVisitor | undefined>>;

/**
 * Visits every node under `root` (a snippet's `program`, an ASSIGN's `value`, …), children before their parent,
 * with its ancestors: outermost first, ending with the node itself. The nodes, their order and the ancestors are
 * those of acorn-walk's `fullAncestor` (its base visitors list the children, so acorn-loose trees work too), but the
 * walk is iterative: a tree as deep as the parsers allow (an 800-term concatenation is 800 levels) cannot overflow
 * the stack. `ancestors` is the walk's own array, valid during the call.
 */
export function walkWithAncestors(root: AnyNode, visit: (node: AnyNode, ancestors: readonly AnyNode[]) => void): void {
  const path: AnyNode[] = [];
  const pending: { readonly node: AnyNode; readonly children: Visit[]; next: number }[] = [];
  const enter = ({ node, as }: Visit): void => {
    path.push(node);
    pending.push({ node, children: childrenOf(node, as), next: 0 });
  };
  enter({ node: root, as: undefined });
  while (pending.length > 0) {
    const top = pending[pending.length - 1]!;
    if (top.next < top.children.length) {
      enter(top.children[top.next++]!);
      continue;
    }
    pending.pop();
    visit(top.node, path);
    path.pop();
  }
}

/** Visits every node under `root`, children before their parent (post-order, as acorn-walk does). */
export function walkNodes(root: AnyNode, visit: (node: AnyNode) => void): void {
  walkWithAncestors(root, (node) => visit(node));
}

/** A node to visit, with the pseudo-type its parent's visitor gave it ("Expression", "Pattern", …), if any. */
interface Visit {
  readonly node: AnyNode;
  readonly as: string | undefined;
}

/**
 * The nodes acorn-walk's `fullAncestor` enters below `node` (visited as `as`, or as its own type), in its order.
 * A visitor may pass the node itself on under a pseudo-type (`FunctionExpression` → "Function"): that is followed
 * here, in place, as acorn-walk does; every other node it passes is a child, whatever its pseudo-type (an identifier
 * in a binding pattern is entered as "VariablePattern" and has no children). These chains on one node are a few
 * calls long, whatever the depth of the tree.
 */
function childrenOf(node: AnyNode, as: string | undefined): Visit[] {
  const children: Visit[] = [];
  const collect = (child: AnyNode, _state: unknown, override?: string): void => {
    if (child === node) VISITORS[override ?? child.type]?.(child, undefined, collect);
    else children.push({ node: child, as: override });
  };
  VISITORS[as ?? node.type]?.(node, undefined, collect);
  return children;
}
