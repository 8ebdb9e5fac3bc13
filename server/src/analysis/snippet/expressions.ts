import type { TextRange } from '../../common/text-range';
import {
  isExpressionNode,
  pushExpressionChildren,
  walk,
  type BinaryExpression,
  type CallExpression,
  type Expression,
  type ExpressionNode,
  type Identifier,
  type MemberExpression,
  type StringLiteral,
} from '../../syntax/snippet/ast';
import { COMPUTED, NOTHING, numberOf, UNREADABLE, wholeNumberIn, type PlainValue } from '../vocabulary/values';

/**
 * Small, total readers over Snippet expressions for the token-flow extractor. None of them throws on trees built
 * during error recovery, and none recurses without a bound: operator and member chains can be thousands deep.
 */

/** Deeper than this, arithmetic is not evaluated (real buffers and lifetimes are a few operators deep). */
export const MAX_EVAL_DEPTH = 48;

/** `(x)` → `x`, any number of times. */
export function unwrap(e: Expression): Expression {
  let x = e;
  while (x.kind === 'Paren') x = x.expression;
  return x;
}

/** The variable at the root of `a`, `a.b.c`, `a[1].b`, `a.f().g` (an Identifier), or null. */
export function rootIdentifier(e: Expression): Identifier | null {
  let x: Expression = e;
  for (;;) {
    switch (x.kind) {
      case 'Identifier':
        return x;
      case 'Member':
        x = x.object;
        continue;
      case 'Index':
        x = x.object;
        continue;
      case 'Call':
        if (x.callee.kind === 'Identifier') return null; // f(x): a function, not a variable
        x = x.callee;
        continue;
      case 'Paren':
        x = x.expression;
        continue;
      default:
        return null;
    }
  }
}

/** `a.b.c` as `a.b.c` folded (members lower-cased too, for matching only); null for anything but a name chain. */
export function memberPath(e: Expression): string | null {
  const parts: string[] = [];
  let x: Expression = e;
  for (;;) {
    if (x.kind === 'Identifier') {
      parts.push(x.folded);
      return parts.reverse().join('.');
    }
    if (x.kind !== 'Member' || x.property === '') return null;
    parts.push(x.propertyFolded);
    x = x.object;
  }
}

/** The proxy a method is called on: `proxy`, `global:proxy`, `a.b`; '' when it is not a name. */
export function clientOf(object: Expression): string {
  return memberPath(unwrap(object)) ?? rootIdentifier(object)?.folded ?? '';
}

/** The range of the name itself inside an identifier (without a `global:` prefix). */
export function nameRange(id: Identifier): TextRange {
  return { start: Math.max(id.start, id.end - id.name.length), end: id.end };
}

/** The folded name of a called function (`f(x)` → `f`) or method (`a.f(x)` → `f`), or null. */
export function calleeName(call: CallExpression): string | null {
  if (call.callee.kind === 'Identifier') return call.callee.folded;
  if (call.callee.kind === 'Member' && call.callee.property !== '') return call.callee.propertyFolded;
  return null;
}

/** A method call `object.method(args)` with the method folded, else null. */
export function methodCall(e: Expression, method: string): (CallExpression & { callee: MemberExpression }) | null {
  if (e.kind !== 'Call' || e.callee.kind !== 'Member' || e.callee.propertyFolded !== method) return null;
  return e as CallExpression & { callee: MemberExpression };
}

/** The one interpolated expression of `"{expr}"` (surrounding whitespace allowed), else null. */
function soleInterpolation(e: Expression): Expression | null {
  if (e.kind !== 'StringLiteral') return null;
  let found: Expression | null = null;
  for (const part of e.parts) {
    if (part.kind === 'Interpolation') {
      if (found) return null;
      found = part.expression;
    } else if (part.value.trim() !== '') {
      return null;
    }
  }
  return found;
}

/** `e`, or the expression inside `"{e}"`: string copies of a value read the same value. */
export function throughStringCopy(e: Expression): Expression {
  const x = unwrap(e);
  const inner = soleInterpolation(x);
  return inner ? unwrap(inner) : x;
}

/**
 * The text of a string literal as written between its quotes, `{…}` interpolations kept verbatim and text parts
 * with `$"…"` escapes decoded.
 */
export function writtenText(literal: StringLiteral, code: string): string {
  let out = '';
  for (const part of literal.parts) {
    out += part.kind === 'StringText' ? part.value : code.slice(part.start, part.end);
  }
  return out;
}

/** The range between the quotes of a string literal (its parts), or null for an empty string. */
export function contentRange(literal: StringLiteral): TextRange | null {
  const first = literal.parts[0];
  const last = literal.parts[literal.parts.length - 1];
  if (!first || !last) return null;
  return { start: first.start, end: last.end };
}

/** A number, or a quoted whole number (`"401"` is compared as a number): `numberOf(plainValueOf(e))`, made often. */
export function numberValue(e: Expression): number | undefined {
  const x = unwrap(e);
  if (x.kind === 'NumberLiteral') return Number.isFinite(x.value) ? x.value : undefined;
  if (x.kind !== 'StringLiteral') return undefined;
  const only = x.parts.length === 1 ? x.parts[0]! : undefined;
  if (only?.kind === 'StringText') return wholeNumberIn(only.value);
  return x.parts.length === 0 ? undefined : numberOf(plainValueOf(x));
}

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);
const ORDERING_OPERATORS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

export function isOrdering(op: string): boolean {
  return ORDERING_OPERATORS.has(op);
}

/** `a < b` ⇔ `b > a`. */
export function flipOperator(op: string): string {
  switch (op) {
    case '<':
      return '>';
    case '<=':
      return '>=';
    case '>':
      return '<';
    case '>=':
      return '<=';
    default:
      return op;
  }
}

/**
 * The leaves of a condition joined by `&`, `|` and `~` (through parentheses): comparisons and bare values, in
 * source order. Iterative, so a long `a | b | c | …` chain cannot overflow the stack.
 */
export function conditionLeaves(condition: Expression): Expression[] {
  const first = unwrap(condition);
  if (!isLogical(first)) return [first]; // most conditions are one comparison
  const out: Expression[] = [];
  const stack: Expression[] = [first];
  while (stack.length > 0) {
    const e = unwrap(stack.pop()!);
    if (isLogical(e)) {
      stack.push(e.right, e.left);
    } else {
      out.push(e);
    }
  }
  return out;
}

function isLogical(e: Expression): e is BinaryExpression {
  return e.kind === 'Binary' && (e.operator === '&' || e.operator === '|' || e.operator === '~');
}

/** A comparison leaf (`=`, `!=`, `<`, `<=`, `>`, `>=`). */
export function asComparison(e: Expression): BinaryExpression | null {
  return e.kind === 'Binary' && COMPARISON_OPERATORS.has(e.operator) ? e : null;
}

/** Identifier nodes an expression reads (not called functions), in source order. */
export function identifiersRead(e: Expression): Identifier[] {
  const out: Identifier[] = [];
  const stack: ExpressionNode[] = [e];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'Identifier') out.push(node);
    else pushExpressionChildren(node, stack, false);
  }
  return out;
}

/** True when `test` holds for some node of `e` (iterative walk). */
export function someNode(e: Expression, test: (node: Expression, parent: Expression | null) => boolean): boolean {
  let found = false;
  walk(e, (node, parent) => {
    if (found) return false;
    if (isExpressionNode(node) && test(node, parent && isExpressionNode(parent) ? parent : null)) {
      found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

/** What the vocabulary decides values on: a literal's value, `null`, or "computed" (see vocabulary/values.ts). */
export function plainValueOf(e: Expression): PlainValue {
  const x = unwrap(e);
  switch (x.kind) {
    case 'NumberLiteral':
      return { kind: 'number', value: x.value };
    case 'BooleanLiteral':
      return { kind: 'boolean', value: x.value };
    case 'StringLiteral': {
      let text = '';
      for (const part of x.parts) {
        if (part.kind === 'Interpolation') return COMPUTED;
        text += part.value;
      }
      return { kind: 'text', text };
    }
    case 'Identifier':
      // Snippet has no null literal: an unassigned `null` reads as empty.
      return x.folded === 'null' ? NOTHING : COMPUTED;
    case 'ErrorExpression':
      return UNREADABLE;
    default:
      return COMPUTED;
  }
}
