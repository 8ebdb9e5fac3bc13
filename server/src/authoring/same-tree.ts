import type { AstNode } from '../syntax/snippet/ast';

/** Keys that hold positions, which whitespace changes move: not part of what the code means. */
const POSITION_KEYS = new Set(['start', 'end', 'operatorStart', 'operatorEnd', 'propertyStart', 'elseKeywordRange']);

/**
 * True when two Snippet trees say the same thing: same node kinds, names, literals and structure, wherever they sit
 * (positions ignored; a number's `raw` too, since `- 1` and `-1` are the same literal). Iterative: operator chains
 * can be thousands deep.
 */
export function sameTree(a: AstNode, b: AstNode): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const other = y as unknown[];
      if (x.length !== other.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], other[i]]);
      continue;
    }
    const left = x as Record<string, unknown>;
    const right = y as Record<string, unknown>;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const k of keys) {
      if (POSITION_KEYS.has(k) || (k === 'raw' && left.kind === 'NumberLiteral')) continue;
      if (!(k in right)) return false;
      stack.push([left[k], right[k]]);
    }
  }
  return true;
}
