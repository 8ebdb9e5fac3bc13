import type { AnyNode, Expression } from 'acorn';
import { parseExpressionFragment, type FragmentSyntaxError } from './javascript-fragment';
import { isBlank } from './line-text';

export interface LineExpression {
  readonly expression?: Expression;
  readonly exact: boolean;
  readonly error?: FragmentSyntaxError;
  /** Document offset just after the expression, including parentheses around it that acorn leaves out of the node. */
  readonly end: number;
  readonly nodes: AnyNode[];
}

/**
 * Parses the expression at the start of `source` (the document's text from `start`, possibly masked, same length).
 * acorn drops outer parentheses from node ranges, so `(a + b)` ends at `b`; they are counted here so that `end`
 * is where the expression's text really ends.
 */
export function parseLineExpression(source: string, start: number): LineExpression {
  const parsed = parseExpressionFragment(source, start);
  const expression = parsed.expression;
  if (!parsed.exact || !expression) return { ...parsed, end: start + source.length };
  let outerParens = 0;
  for (let i = 0; i < expression.start - start; i++) {
    if (source[i] === '(') outerParens++;
  }
  let end = expression.end - start;
  while (outerParens > 0 && end < source.length) {
    const c = source[end]!;
    if (c === ')') outerParens--;
    else if (!isBlank(c)) break;
    end++;
  }
  return { ...parsed, end: start + end };
}
