import type { AnyNode } from 'acorn';
import * as walk from 'acorn-walk';

/**
 * The one walker of the acorn trees of SNIPPET bodies. Which nodes are children of which comes from acorn-walk's base
 * visitors (so a property name or an object key is no child, a computed one is); the walks themselves are iterative
 * and bounded, so a chain of 20,000 `+` cannot overflow the stack and no input makes a walk run away.
 */

/** A walk visits at most this many nodes (far more than any real SNIPPET body has). */
const MAX_NODES = 200_000;

type Callback = (node: AnyNode, state: unknown, override?: string) => void;
type Visit = (node: AnyNode, state: unknown, callback: Callback) => void;
/** acorn-walk's base visitors, by node type or category ("Statement", "Expression", "Pattern", …). */
const BASE = walk.base as Record<string, Visit | undefined>;

/**
 * The direct children of `node`, in source order. acorn-walk visits some nodes once more as a category
 * ("Statement", "Function", "Pattern"): that is the same node again, whose children are listed from there.
 */
export function childrenOf(node: AnyNode): AnyNode[] {
  const children: AnyNode[] = [];
  listChildren(node, node.type, children, 0);
  return children;
}

function listChildren(node: AnyNode, as: string, into: AnyNode[], depth: number): void {
  const visitor = BASE[as];
  if (!visitor) {
    // A node type acorn-walk does not know (none today): read its fields, so nothing under it is lost.
    if (as === node.type) into.push(...fieldNodes(node));
    return;
  }
  visitor(node, undefined, (child: AnyNode, _state: unknown, override?: string) => {
    if (child !== node) into.push(child);
    else if (depth < 8) listChildren(node, override ?? node.type, into, depth + 1);
  });
}

/** Nodes held in a node's fields, in source order. */
function fieldNodes(node: AnyNode): AnyNode[] {
  const found: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'range') continue;
    for (const item of Array.isArray(value) ? value : [value]) if (isNode(item)) found.push(item);
  }
  return found.sort((a, b) => a.start - b.start);
}

function isNode(value: unknown): value is AnyNode {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { type?: unknown; start?: unknown; end?: unknown };
  return typeof candidate.type === 'string' && typeof candidate.start === 'number' && typeof candidate.end === 'number';
}

/**
 * Visits `root` and everything under it, pre-order (a node before its children, in source order). `visit` returns
 * false to skip a node's children.
 */
export function forEachNode(root: AnyNode, visit: (node: AnyNode) => unknown): void {
  const stack: AnyNode[] = [root];
  let budget = MAX_NODES;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** True when some node under `root` (or `root` itself) satisfies `test`; stops at the first. */
export function someNode(root: AnyNode, test: (node: AnyNode) => boolean): boolean {
  let found = false;
  forEachNode(root, (node) => {
    if (found) return false;
    if (test(node)) found = true;
    return !found;
  });
  return found;
}

/**
 * Visits every node under `root` (a snippet's `program`, an ASSIGN's `value`, …), children before their parent,
 * with its ancestors: outermost first, ending with the node itself.
 */
export function walkWithAncestors(root: AnyNode, visit: (node: AnyNode, ancestors: readonly AnyNode[]) => void): void {
  const path: AnyNode[] = [];
  /** Each entry: a node, and whether its children have been pushed (it is visited when popped the second time). */
  const stack: { node: AnyNode; expanded: boolean }[] = [{ node: root, expanded: false }];
  let budget = MAX_NODES;
  while (stack.length > 0) {
    const entry = stack[stack.length - 1]!;
    if (entry.expanded) {
      stack.pop();
      visit(entry.node, path);
      path.pop();
      continue;
    }
    entry.expanded = true;
    path.push(entry.node);
    if (budget-- <= 0) continue;
    const children = childrenOf(entry.node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, expanded: false });
  }
}

/** Visits every node under `root`, children before their parent (post-order). */
export function walkNodes(root: AnyNode, visit: (node: AnyNode) => void): void {
  walkWithAncestors(root, (node) => visit(node));
}
