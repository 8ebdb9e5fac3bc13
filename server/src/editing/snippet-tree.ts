import type { TextRange } from '../common/text-range';
import { walk, type AstNode, type Block, type Expression, type Program, type Statement } from '../syntax/snippet/ast';
import { rangeOf } from '../syntax/snippet/ast';

/** A statement in the list that holds it (a program or a `{ }` block), so code can go before or after it. */
export interface SnippetSlot {
  readonly statement: Statement;
  readonly siblings: readonly Statement[];
  readonly index: number;
}

function contains(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The blocks directly under a statement (branches, cases, loop and function bodies). */
function blocksOf(statement: Statement): Block[] {
  switch (statement.kind) {
    case 'If': {
      const blocks = [statement.then];
      if (statement.else?.kind === 'Block') blocks.push(statement.else);
      else if (statement.else) blocks.push(...blocksOf(statement.else));
      return blocks;
    }
    case 'Switch':
    case 'Select':
      return statement.clauses.map((clause) => clause.body);
    case 'Function':
    case 'For':
    case 'Foreach':
    case 'Repeat':
      return [statement.body];
    case 'ErrorStatement':
      return statement.block ? [statement.block] : [];
    default:
      return [];
  }
}

/** The statements enclosing a range, outermost first, each with the list that holds it. */
export function statementChain(program: Program, range: TextRange): SnippetSlot[] {
  const chain: SnippetSlot[] = [];
  let siblings: readonly Statement[] = program.body;
  for (let depth = 0; depth < 512; depth++) {
    const index = siblingHolding(siblings, range);
    if (index < 0) break;
    const statement = siblings[index]!;
    chain.push({ statement, siblings, index });
    const inner = blocksOf(statement).find((block) => contains(rangeOf(block), range));
    if (!inner) break;
    siblings = inner.body;
  }
  return chain;
}

/**
 * The index of the statement in a list that holds a range, or -1. Statements of a list follow one another, so a
 * binary search finds the last one starting at or before the range (a long script's top level has thousands).
 */
function siblingHolding(siblings: readonly Statement[], range: TextRange): number {
  let low = 0;
  let high = siblings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (siblings[middle]!.start <= range.start) low = middle + 1;
    else high = middle;
  }
  // Empty statements can share a start: the first holder among those starting at or before the range wins.
  for (let i = low - 1; i >= 0; i--) {
    const candidate = siblings[i]!;
    if (contains(rangeOf(candidate), range)) {
      let first = i;
      while (first > 0 && contains(rangeOf(siblings[first - 1]!), range)) first--;
      return first;
    }
    if (candidate.end < range.start) break;
  }
  return -1;
}

/** The innermost statement holding a range. */
export function statementAt(program: Program, range: TextRange): SnippetSlot | undefined {
  const chain = statementChain(program, range);
  return chain[chain.length - 1];
}

/** Every node of a kind under a root (source order). */
export function nodesOfKind<K extends AstNode['kind']>(root: AstNode, kind: K): Extract<AstNode, { kind: K }>[] {
  const found: Extract<AstNode, { kind: K }>[] = [];
  walk(root, (node) => {
    if (node.kind === kind) found.push(node as Extract<AstNode, { kind: K }>);
  });
  return found;
}

/** Lower-cased names of every variable the code reads or writes. */
export function namesIn(root: AstNode): Set<string> {
  const names = new Set<string>();
  for (const id of nodesOfKind(root, 'Identifier')) names.add(id.folded);
  return names;
}

/** The variable assigned by a statement (`ASSIGN x = …`, `x.y = …` → `x`), folded; undefined for other statements. */
export function assignedName(statement: Statement): string | undefined {
  if (statement.kind !== 'Assign') return undefined;
  let target: Expression = statement.target;
  while (target.kind === 'Member' || target.kind === 'Index') target = target.object;
  return target.kind === 'Identifier' ? target.folded : undefined;
}

/** The smallest expression node whose range equals or holds a range. */
export function nodeAt(
  root: AstNode,
  range: TextRange,
  accept: (node: AstNode) => boolean = () => true,
): AstNode | undefined {
  let best: AstNode | undefined;
  walk(root, (node) => {
    if (!contains(rangeOf(node), range)) return false;
    if (accept(node) && (!best || node.end - node.start <= best.end - best.start)) best = node;
    return true;
  });
  return best;
}
