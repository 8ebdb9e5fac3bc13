import type { AnyNode } from 'acorn';
import type { TextRange } from '../../common/text-range';
import { innerRange, isStringLiteral, unwrapValue, variableRead } from './expressions';
import { bearerWordIndex } from '../vocabulary/http';
import { foldName } from '../vocabulary/names';

/** A piece of a string expression: raw literal text (document range, escapes as written) or a non-literal value. */
export type StringPart =
  | { readonly kind: 'text'; readonly range: TextRange }
  | { readonly kind: 'value'; readonly node: AnyNode };

/** A variable that goes into a string, and where: `{strToken}` (braces included) or the expression `tok`. */
export interface PlacedVariable {
  readonly variable: string;
  readonly range: TextRange;
}

const SUBSTITUTION = /\{((?:global:)?[A-Za-z_][A-Za-z0-9_]*)\}/gi;

/**
 * The pieces of a `+` concatenation, template or literal, in order. `onLink` sees every inner `+` node of the chain
 * (so a caller can skip reading them again).
 */
export function stringParts(text: string, value: AnyNode, onLink?: (node: AnyNode) => void): StringPart[] {
  const parts: StringPart[] = [];
  const stack: AnyNode[] = [value];
  let budget = 50_000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop()!;
    if (node.type === 'BinaryExpression' && node.operator === '+') {
      if (node !== value) onLink?.(node);
      stack.push(node.right, node.left);
    } else if (isStringLiteral(node)) {
      parts.push({ kind: 'text', range: innerRange(text, node) });
    } else if (node.type === 'TemplateLiteral') {
      node.quasis.forEach((quasi, i) => {
        parts.push({ kind: 'text', range: { start: quasi.start, end: Math.max(quasi.start, quasi.end) } });
        const expression = node.expressions[i];
        if (expression) parts.push({ kind: 'value', node: expression });
      });
    } else {
      parts.push({ kind: 'value', node });
    }
  }
  return parts;
}

/**
 * Variables in a string after the word `Bearer`: concatenated (`"Bearer " + tok`), interpolated (`${tok}`) or
 * substituted (`"Bearer {strToken}"`). These are tokens sent as credentials.
 */
export function variablesAfterBearer(text: string, parts: readonly StringPart[]): PlacedVariable[] {
  const found: PlacedVariable[] = [];
  let sawBearer = false;
  for (const part of parts) {
    if (part.kind === 'text') {
      const raw = text.slice(part.range.start, part.range.end);
      const bearerAt = bearerWordIndex(raw);
      for (const match of raw.matchAll(SUBSTITUTION)) {
        if (!sawBearer && (bearerAt < 0 || match.index < bearerAt)) continue;
        found.push(substituted(part.range.start, match));
      }
      if (bearerAt >= 0) sawBearer = true;
    } else if (sawBearer) {
      const value = placedValue(part.node);
      if (value) found.push(value);
    }
  }
  return found;
}

/** Every variable a string is built from: substitutions in its literals and the variables concatenated into it. */
export function variablesInString(text: string, parts: readonly StringPart[]): PlacedVariable[] {
  const found: PlacedVariable[] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      for (const match of text.slice(part.range.start, part.range.end).matchAll(SUBSTITUTION))
        found.push(substituted(part.range.start, match));
    } else {
      const value = placedValue(part.node);
      if (value) found.push(value);
    }
  }
  return found;
}

function substituted(base: number, match: RegExpMatchArray): PlacedVariable {
  const start = base + (match.index ?? 0);
  return { variable: foldName(match[1]!), range: { start, end: start + match[0].length } };
}

function placedValue(node: AnyNode): PlacedVariable | undefined {
  const core = unwrapValue(node) ?? node;
  const variable = variableRead(core);
  return variable === undefined ? undefined : { variable, range: { start: core.start, end: core.end } };
}
