import type { AnyNode } from 'acorn';
import type { TextRange } from '../common/text-range';
import type { SnippetBlock } from '../syntax/guide/ast';
import { childrenOf, forEachNode } from '../syntax/guide/walk';

/**
 * Helpers over the guide's notation: SNIPPET blocks and their JavaScript-like bodies (acorn trees, document offsets).
 */

/**
 * A statement in the list that holds it (program body, `{ }` block, switch case), so code can go before or after it.
 */
export interface GuideSlot {
  readonly statement: AnyNode;
  readonly siblings: readonly AnyNode[];
  readonly index: number;
}

function statementList(node: AnyNode): readonly AnyNode[] | undefined {
  if (node.type === 'Program' || node.type === 'BlockStatement') return node.body as readonly AnyNode[];
  if (node.type === 'SwitchCase') return node.consequent;
  return undefined;
}

function holds(node: AnyNode, range: TextRange): boolean {
  return node.start <= range.start && range.end <= node.end;
}

/** The statements enclosing a range, outermost first, each with the list that holds it. */
export function guideStatementChain(program: AnyNode, range: TextRange): GuideSlot[] {
  const chain: GuideSlot[] = [];
  const visit = (node: AnyNode, depth: number): void => {
    if (depth > 512) return;
    const list = statementList(node);
    if (list) {
      const index = list.findIndex((s) => holds(s, range));
      if (index >= 0) {
        chain.push({ statement: list[index]!, siblings: list, index });
        visit(list[index]!, depth + 1);
      }
      return;
    }
    const child = childrenOf(node).find((c) => holds(c, range));
    if (child) visit(child, depth + 1);
  };
  visit(program, 0);
  return chain;
}

export function guideStatementAt(program: AnyNode, range: TextRange): GuideSlot | undefined {
  const chain = guideStatementChain(program, range);
  return chain[chain.length - 1];
}

/** Every node under a root, parents before children. */
export function allNodes(root: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  forEachNode(root, (node) => {
    out.push(node);
  });
  return out;
}

/** The smallest node of the accepted kind that holds a range. */
export function guideNodeAt(
  root: AnyNode,
  range: TextRange,
  accept: (node: AnyNode) => boolean = () => true,
): AnyNode | undefined {
  let best: AnyNode | undefined;
  for (const node of allNodes(root)) {
    if (!holds(node, range) || !accept(node)) continue;
    if (!best || node.end - node.start <= best.end - best.start) best = node;
  }
  return best;
}

/** Lower-cased names of every identifier in a body, plus its `{substitution}` names. */
export function guideNamesIn(block: SnippetBlock): Set<string> {
  const names = new Set<string>();
  for (const node of allNodes(block.program)) if (node.type === 'Identifier') names.add(node.name.toLowerCase());
  for (const sub of block.substitutions) names.add(sub.name.toLowerCase().replace(/^global:/, ''));
  return names;
}

/** The name of a `var x = <init>` whose init text satisfies `test`, e.g. the local that holds "now". */
export function declaredLocal(
  block: SnippetBlock,
  text: string,
  test: (initText: string) => boolean,
): string | undefined {
  for (const node of allNodes(block.program)) {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init) continue;
    if (test(text.slice(node.init.start, node.init.end))) return node.id.name;
  }
  return undefined;
}

/**
 * A range as the body's tree sees it: a Studio `SET x = …;` is parsed as `x = …;` (the keyword is masked), so a
 * range that starts at `SET` starts at the name instead.
 */
export function treeRange(text: string, range: TextRange): TextRange {
  const set = /^SET\s+/i.exec(text.slice(range.start, Math.min(range.end, range.start + 16)));
  return set ? { start: range.start + set[0].length, end: range.end } : range;
}
