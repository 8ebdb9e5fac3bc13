import type { TextRange } from '../../common/text-range';
import {
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
import {
  COMPUTED,
  isExpiresInMember,
  isNowFunctionName,
  isNowName,
  isNumberConversionName,
  isPerContactName,
  isRandomName,
  isSameInstantMethod,
  NOTHING,
  numberOf,
  SECONDS_PER_DAY,
  UNREADABLE,
  type PlainValue,
} from '../vocabulary';

/**
 * Small, total readers over Snippet expressions for the token-flow extractor. None of them throws on trees built
 * during error recovery, and none recurses without a bound: operator and member chains can be thousands deep.
 */

/** Deeper than this, arithmetic is not evaluated (real buffers and lifetimes are a few operators deep). */
const MAX_EVAL_DEPTH = 48;

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

/** The range of the name itself inside an identifier (without a `global:` prefix). */
export function nameRange(id: Identifier): TextRange {
  return { start: Math.max(id.range.start, id.range.end - id.name.length), end: id.range.end };
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
export function soleInterpolation(e: Expression): Expression | null {
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
    out += part.kind === 'StringText' ? part.value : code.slice(part.range.start, part.range.end);
  }
  return out;
}

/** The range between the quotes of a string literal (its parts), or null for an empty string. */
export function contentRange(literal: StringLiteral): TextRange | null {
  const first = literal.parts[0];
  const last = literal.parts[literal.parts.length - 1];
  if (!first || !last) return null;
  return { start: first.range.start, end: last.range.end };
}

/** A number, or a quoted whole number (`"401"` is compared as a number). */
export function numberValue(e: Expression): number | undefined {
  return numberOf(plainValueOf(e));
}

export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);
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

/** Variables an expression reads: identifiers that are not called functions, folded, once each, in order. */
export function variablesRead(e: Expression): string[] {
  const seen = new Set<string>();
  for (const id of identifiersRead(e)) seen.add(id.folded);
  return [...seen];
}

/**
 * The stack the callback-free traversals of expressions share (`identifiersRead`, `summarizeValue`, the extractor's):
 * each pushes its root and pops back down to where it started, so traversals may nest, and reading an expression
 * allocates nothing for the traversal itself (these run for every expression of a document).
 */
export const traversalStack: ExpressionNode[] = [];

/**
 * Empties the shared stack. Only a traversal cut short by an exception leaves nodes on it; the extractor calls this
 * where no traversal can be running (the start of a piece of code), so such leftovers never pile up.
 */
export function clearTraversalStack(): void {
  if (traversalStack.length > 0) traversalStack.length = 0;
}

/** Identifier nodes an expression reads (not called functions), in source order. */
export function identifiersRead(e: Expression): Identifier[] {
  const out: Identifier[] = [];
  const stack = traversalStack;
  const base = stack.length;
  stack.push(e);
  while (stack.length > base) {
    const node = stack.pop()!;
    if (node.kind === 'Identifier') out.push(node);
    else pushChildrenExceptCalledName(node, stack);
  }
  return out;
}

/** `pushExpressionChildren`, leaving out the name of a called function (`f` in `f(x)`: not a variable read). */
export function pushChildrenExceptCalledName(node: ExpressionNode, stack: ExpressionNode[]): void {
  if (node.kind === 'Call' && node.callee.kind === 'Identifier') {
    for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i]!);
  } else {
    pushExpressionChildren(node, stack);
  }
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

/** An Expression (not a statement, clause or string part). */
export function isExpressionNode(node: { kind: string }): node is Expression {
  switch (node.kind) {
    case 'Identifier':
    case 'NumberLiteral':
    case 'BooleanLiteral':
    case 'StringLiteral':
    case 'Member':
    case 'Call':
    case 'Index':
    case 'Binary':
    case 'Unary':
    case 'Paren':
    case 'ErrorExpression':
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------- time

/**
 * "Now": a now name (`utc`, `now`, `currentTime`), a now function (`now()`, `getdate()`), a variable assigned from one
 * of those, and the same instant in another form (`now.asutc()`, `floor(utc)`). The vocabulary decides the names.
 */
export function isNowExpression(e: Expression, nowVariables: ReadonlySet<string>): boolean {
  let x = unwrap(e);
  for (let i = 0; i < MAX_EVAL_DEPTH; i++) {
    if (x.kind === 'Identifier') return isNowName(x.folded) || nowVariables.has(x.folded);
    if (x.kind !== 'Call') return false;
    if (x.callee.kind === 'Identifier') {
      if (isNowFunctionName(x.callee.folded)) return true;
      const first = x.args[0];
      if (!first || !isNumberConversionName(x.callee.folded)) return false;
      x = unwrap(first);
      continue;
    }
    if (x.callee.kind !== 'Member' || !isSameInstantMethod(x.callee.propertyFolded)) return false;
    x = unwrap(x.callee.object);
  }
  return false;
}

/** True when `e` mentions now anywhere (`utc + (x / 86400)`). */
export function mentionsNow(e: Expression, nowVariables: ReadonlySet<string>): boolean {
  return someNode(e, (n) => (n.kind === 'Identifier' || n.kind === 'Call') && isNowExpression(n, nowVariables));
}

/** `now + X` or `X + now` → X (the now side may be any "now" form). */
export function addedToNow(e: Expression, nowVariables: ReadonlySet<string>): Expression | null {
  const x = unwrap(e);
  if (x.kind !== 'Binary' || x.operator !== '+') return null;
  if (isNowExpression(x.left, nowVariables)) return x.right;
  if (isNowExpression(x.right, nowVariables)) return x.left;
  return null;
}

/**
 * The value of constant arithmetic (numbers, quoted numbers, + - * / and variables known to hold constants), or
 * undefined. Dates are day counts, so the value of `300 / 86400` is a number of days.
 */
export function constantValue(e: Expression, constants: ReadonlyMap<string, number>, depth = 0): number | undefined {
  if (depth > MAX_EVAL_DEPTH) return undefined;
  const x = unwrap(e);
  switch (x.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return numberValue(x);
    case 'Identifier':
      return constants.get(x.folded);
    case 'Unary': {
      if (x.operator !== '-') return undefined;
      const v = constantValue(x.operand, constants, depth + 1);
      return v === undefined ? undefined : -v;
    }
    case 'Binary': {
      const l = constantValue(x.left, constants, depth + 1);
      if (l === undefined) return undefined;
      const r = constantValue(x.right, constants, depth + 1);
      if (r === undefined) return undefined;
      let v: number;
      switch (x.operator) {
        case '+':
          v = l + r;
          break;
        case '-':
          v = l - r;
          break;
        case '*':
          v = l * r;
          break;
        case '/':
          if (r === 0) return undefined;
          v = l / r;
          break;
        default:
          return undefined;
      }
      return Number.isFinite(v) ? v : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Where the seconds of a day-count constant are written: `3600` in `3600 / 86400` (so replacing that range with a
 * number of seconds keeps the units), otherwise the whole constant expression (`0.0416`, `1 / 24`).
 */
export function secondsLiteralRange(e: Expression): TextRange {
  const x = unwrap(e);
  if (x.kind === 'Binary' && x.operator === '/' && numberValue(x.right) === SECONDS_PER_DAY) {
    return unwrap(x.left).range;
  }
  return x.range;
}

// ---------------------------------------------------------------- random spreads

/**
 * A value that differs per contact or per run: random or jitter names and functions, variables already known to
 * hold such a value, and `ContactID % 361`-style spreads (no random function is documented for Snippet, so the
 * quick fix spreads buffers with the contact's id).
 */
export function isJitterExpression(e: Expression, jitterVariables: ReadonlySet<string>): boolean {
  return someNode(e, (n) => {
    if (n.kind === 'Identifier') return jitterVariables.has(n.folded) || isRandomName(n.folded);
    if (n.kind === 'Call') return isRandomName(calleeName(n) ?? '');
    if (n.kind === 'Binary' && n.operator === '%') return isPerContactSpread(n);
    return false;
  });
}

/** `ContactID % 361`: the left side reads a per-contact value. */
function isPerContactSpread(modulo: BinaryExpression): boolean {
  return someNode(modulo.left, (m) => m.kind === 'Identifier' && isPerContactName(m.folded));
}

// ---------------------------------------------------------------- plain values

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

// ---------------------------------------------------------------- value summaries

/**
 * What `mentionsNow`, `isJitterExpression`, `readsExpiresIn` and name lookups need to know of a value, gathered in
 * one walk: the extractor asks these of every assigned value several times (each round of a fixed point, and
 * again in the in-order pass), and each would be a walk of its own. The `summary…` functions below answer exactly
 * as those functions do on the summarised expression (or on it without enclosing parentheses).
 */
export interface ValueSummary {
  /** Folded names of every Identifier in the value, called names included, in source order (repeats kept). */
  readonly names: readonly string[];
  /** An Identifier named like now (`utc`, `now`) or a call to a now function (`getdate()`). */
  readonly nowByName: boolean;
  /** A random or jitter name or call, or a `ContactID % n`-style spread. */
  readonly jitterByName: boolean;
  readonly readsExpiresIn: boolean;
}

export function summarizeValue(e: Expression): ValueSummary {
  const names: string[] = [];
  let nowByName = false;
  let jitterByName = false;
  let readsExpiresIn = false;
  const stack = traversalStack;
  const base = stack.length;
  stack.push(e);
  while (stack.length > base) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'Identifier':
        names.push(node.folded);
        if (!nowByName && isNowName(node.folded)) nowByName = true;
        if (!jitterByName && isRandomName(node.folded)) jitterByName = true;
        break;
      case 'Call':
        if (!nowByName && node.callee.kind === 'Identifier' && isNowFunctionName(node.callee.folded)) nowByName = true;
        if (!jitterByName && isRandomName(calleeName(node) ?? '')) jitterByName = true;
        break;
      case 'Member':
        if (isExpiresInMember(node.propertyFolded)) readsExpiresIn = true;
        break;
      case 'Binary':
        if (!jitterByName && node.operator === '%' && isPerContactSpread(node)) jitterByName = true;
        break;
      default:
        break;
    }
    pushExpressionChildren(node, stack);
  }
  return { names, nowByName, jitterByName, readsExpiresIn };
}

/** Some name in the value is in `names`. */
export function summaryReadsAny(summary: ValueSummary, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  for (const name of summary.names) if (names.has(name)) return true;
  return false;
}

/**
 * `mentionsNow` of the summarised value. A call is "now" only through its callee chain, whose root (an Identifier,
 * or a call of a named function) is itself in the value, so testing names and named calls alone is the same.
 */
export function summaryMentionsNow(summary: ValueSummary, nowVariables: ReadonlySet<string>): boolean {
  return summary.nowByName || summaryReadsAny(summary, nowVariables);
}

/** `isJitterExpression` of the summarised value. */
export function summaryIsJitter(summary: ValueSummary, jitterVariables: ReadonlySet<string>): boolean {
  return summary.jitterByName || summaryReadsAny(summary, jitterVariables);
}
