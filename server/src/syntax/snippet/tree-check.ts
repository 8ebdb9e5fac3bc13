import { forEachChild, type AstNode } from './ast';
import { rangeOf } from './ast';

/**
 * Checks the range invariants every Snippet tree keeps, and returns what is wrong (empty when all is well):
 * each range lies inside the text (0 <= start <= end <= length), each child lies inside its parent, and
 * siblings come in source order without overlapping. Used by the parser's tests; also a debugging aid for
 * code that builds on the tree. Iterative, so deep trees are fine.
 */
export function treeRangeProblems(root: AstNode, textLength: number, limit = 20): string[] {
  const problems: string[] = [];
  const stack: AstNode[] = [root];
  const kids: AstNode[] = [];
  while (stack.length > 0 && problems.length < limit) {
    const node = stack.pop()!;
    const { start, end } = rangeOf(node);
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= textLength)) {
      problems.push(`${node.kind} has range ${start}-${end} outside 0-${textLength}`);
    }
    kids.length = 0;
    forEachChild(node, (c) => kids.push(c));
    let previousEnd = start;
    for (const child of kids) {
      const r = rangeOf(child);
      if (r.start < start || r.end > end) {
        problems.push(`${child.kind} ${r.start}-${r.end} is outside its parent ${node.kind} ${start}-${end}`);
      }
      if (r.start < previousEnd) {
        problems.push(
          `${child.kind} ${r.start}-${r.end} overlaps or precedes its previous sibling ` +
            `in ${node.kind} (ends ${previousEnd})`,
        );
      }
      previousEnd = r.end;
      stack.push(child);
    }
  }
  return problems;
}
