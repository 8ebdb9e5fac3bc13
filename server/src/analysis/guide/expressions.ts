import type { AnyNode, Literal, TemplateLiteral } from 'acorn';
import type { TextRange } from '../../common/text-range';
import { someNode } from '../../syntax/guide/walk';
import { isValueKeepingFunction, isValueKeepingMethod } from '../vocabulary/javascript';
import { foldName, isPerContactName, isRandomName } from '../vocabulary/names';
import { COMPUTED, NOTHING, type PlainValue, UNREADABLE } from '../vocabulary/values';

/**
 * Small readers of acorn expressions in the guide's notation. They never throw on acorn-loose trees: every field
 * is checked before use, and anything unexpected reads as "unknown".
 */

const SINGLE_SUBSTITUTION = /^\{((?:global:)?[A-Za-z_][A-Za-z0-9_]*)\}$/i;
const SUBSTITUTION = /\{((?:global:)?[A-Za-z_][A-Za-z0-9_]*)\}/gi;

export function isStringLiteral(node: AnyNode | null | undefined): node is Literal & { value: string } {
  return !!node && node.type === 'Literal' && typeof node.value === 'string';
}

/** A template literal without `${…}` reads like a string literal. */
export function plainTemplate(node: AnyNode | null | undefined): node is TemplateLiteral {
  return !!node && node.type === 'TemplateLiteral' && node.expressions.length === 0 && node.quasis.length === 1;
}

/** The string value of a literal or an expression-free template; undefined for anything else. */
export function stringValue(node: AnyNode | null | undefined): string | undefined {
  if (isStringLiteral(node)) return node.value;
  if (plainTemplate(node)) return node.quasis[0]?.value.cooked ?? node.quasis[0]?.value.raw ?? '';
  return undefined;
}

/**
 * Offsets of a string literal's text without its quotes (or a template's backticks), clamped so that an
 * unterminated literal from acorn-loose still gives a range inside the node.
 */
export function innerRange(text: string, node: AnyNode): TextRange {
  const opener = text[node.start];
  const start = opener === '"' || opener === "'" || opener === '`' ? node.start + 1 : node.start;
  let end = node.end;
  if (end - 1 >= start && text[end - 1] === opener) end--;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

/** `"{strCachedToken}"` (exactly one substitution and nothing else): the substituted name as written. */
export function singleSubstitution(node: AnyNode | null | undefined): string | undefined {
  const value = stringValue(node);
  if (value === undefined) return undefined;
  return SINGLE_SUBSTITUTION.exec(value.trim())?.[1];
}

/** Every `{name}` in a string value, as written. */
export function substitutionNames(value: string): string[] {
  return [...value.matchAll(SUBSTITUTION)].map((m) => m[1]!);
}

/** The property name of a member expression: `a.b` → `b`, `a["b"]` → `b`. */
export function propertyName(node: AnyNode | null | undefined): string | undefined {
  if (node?.type !== 'MemberExpression') return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed) return stringValue(node.property);
  return undefined;
}

/** A static dotted name: `a` → `a`, `a.b.c` → `a.b.c`; undefined for anything computed or called. */
export function dottedName(node: AnyNode | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 32) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') {
    const object = dottedName(node.object, depth + 1);
    const property = propertyName(node);
    return object !== undefined && property !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** The identifier a member chain starts from: `tokenData.access_token` → `tokenData`. */
export function rootIdentifier(node: AnyNode | null | undefined): string | undefined {
  let current: AnyNode | null | undefined = node;
  for (let depth = 0; current && depth < 64; depth++) {
    if (current.type === 'Identifier') return current.name;
    if (current.type === 'MemberExpression') current = current.object;
    else if (current.type === 'CallExpression') current = current.callee;
    else if (current.type === 'ChainExpression') current = current.expression;
    else return undefined;
  }
  return undefined;
}

/**
 * The folded name a call (or `new`) calls: `GetOAuthToken()` → `getoauthtoken`, `auth.getAccessToken()` →
 * `getaccesstoken`.
 */
export function calleeName(node: AnyNode | null | undefined): string | undefined {
  if (!node || (node.type !== 'CallExpression' && node.type !== 'NewExpression')) return undefined;
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name.toLowerCase();
  if (callee.type === 'MemberExpression') return propertyName(callee)?.toLowerCase();
  return undefined;
}

/** `x.toString()`, `x.trim()`, `String(x)`, `(x || "")`, `x ?? ""`: the `x` that carries the value. */
export function unwrapValue(node: AnyNode | null | undefined): AnyNode | undefined {
  let current: AnyNode | null | undefined = node;
  for (let depth = 0; current && depth < 32; depth++) {
    if (current.type === 'ChainExpression') {
      current = current.expression;
    } else if (current.type === 'LogicalExpression' && (current.operator === '||' || current.operator === '??')) {
      current = current.left;
    } else if (
      current.type === 'CallExpression' &&
      current.callee.type === 'MemberExpression' &&
      isValueKeepingMethod(calleeName(current) ?? '') &&
      current.arguments.length === 0
    ) {
      current = current.callee.object;
    } else if (
      current.type === 'CallExpression' &&
      current.callee.type === 'Identifier' &&
      isValueKeepingFunction(calleeName(current) ?? '') &&
      current.arguments.length >= 1
    ) {
      current = current.arguments[0];
    } else {
      return current;
    }
  }
  return current ?? undefined;
}

/**
 * The variable an expression reads as a whole, folded: `tok`, `"{strCachedToken}"`, `parseInt("{strTokenExpiry}") ||
 * 0`,
 * `cache.expiry`. Undefined for computations.
 */
export function variableRead(node: AnyNode | null | undefined): string | undefined {
  const value = unwrapValue(node);
  if (!value) return undefined;
  const substituted = singleSubstitution(value);
  if (substituted !== undefined) return foldName(substituted);
  // A bare `{name}` outside quotes (`DECISION {strStatus} = 401`) reads as an object literal with one shorthand
  // property.
  if (value.type === 'ObjectExpression' && value.properties.length === 1) {
    const only = value.properties[0]!;
    if (only.type === 'Property' && only.shorthand && only.value.type === 'Identifier')
      return foldName(only.value.name);
  }
  const dotted = dottedName(value);
  return dotted !== undefined ? foldName(dotted) : undefined;
}

/**
 * A value that differs per contact or per run anywhere under `node`: a random function (`Math.random()`, `rand()`)
 * or a `%` spread of a per-contact value (`parseInt("{ContactID}") % 361`).
 */
export function usesRandomSource(node: AnyNode): boolean {
  return someNode(
    node,
    (n) =>
      (n.type === 'CallExpression' && isRandomName(calleeName(n) ?? '')) ||
      (n.type === 'BinaryExpression' && n.operator === '%' && readsPerContactValue(n.left)),
  );
}

/** `ContactID`, `{ContactID}`, `parseInt("{ANI}")`: the value reads a per-contact variable. */
function readsPerContactValue(node: AnyNode): boolean {
  return someNode(node, (n) => {
    const read = n.type === 'Identifier' || isStringLiteral(n) || plainTemplate(n) ? variableRead(n) : undefined;
    return read !== undefined && isPerContactName(read);
  });
}

/**
 * What the vocabulary decides values on (see vocabulary/values.ts): a literal's value (`-1` included), `null` and
 * `undefined`, acorn-loose's placeholder for missing code, or "computed".
 */
export function plainValueOf(node: AnyNode | null | undefined): PlainValue {
  if (!node) return UNREADABLE;
  switch (node.type) {
    case 'Identifier':
      if (node.name === 'undefined') return NOTHING;
      return node.name === MISSING_CODE ? UNREADABLE : COMPUTED;
    case 'Literal':
      if (node.value === null) return 'regex' in node || 'bigint' in node ? COMPUTED : NOTHING;
      if (typeof node.value === 'string') return { kind: 'text', text: node.value };
      if (typeof node.value === 'number') return { kind: 'number', value: node.value };
      if (typeof node.value === 'boolean') return { kind: 'boolean', value: node.value };
      return COMPUTED;
    case 'TemplateLiteral': {
      const text = stringValue(node);
      return text === undefined ? COMPUTED : { kind: 'text', text };
    }
    case 'UnaryExpression':
      if (node.operator === '-' && node.argument.type === 'Literal' && typeof node.argument.value === 'number')
        return { kind: 'number', value: -node.argument.value };
      return COMPUTED;
    default:
      return COMPUTED;
  }
}

/** The identifier acorn-loose puts where code is missing. */
const MISSING_CODE = '✖';

/** The value of a numeric expression made of literals (`300`, `5 * 60`, `(300)`, `"300"`), when it is one. */
export function numericValue(node: AnyNode | null | undefined, depth = 0): number | undefined {
  return numericValueWith(node, NO_CONSTANTS, depth);
}

const NO_CONSTANTS: ReadonlyMap<string, number> = new Map();

/** `numericValue`, with variables (`bufferSeconds`, `"{bufferSeconds}"`) read from `constants` by folded name. */
export function numericValueWith(
  node: AnyNode | null | undefined,
  constants: ReadonlyMap<string, number>,
  depth = 0,
): number | undefined {
  if (!node || depth > 16) return undefined;
  if (constants.size > 0 && (node.type === 'Identifier' || node.type === 'Literal' || node.type === 'CallExpression')) {
    const read = variableRead(node);
    if (read !== undefined && constants.has(read)) return constants.get(read);
  }
  if (node.type === 'Literal') {
    if (typeof node.value === 'number') return node.value;
    if (typeof node.value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(node.value)) return Number(node.value);
    return undefined;
  }
  if (node.type === 'UnaryExpression' && (node.operator === '-' || node.operator === '+')) {
    const inner = numericValueWith(node.argument, constants, depth + 1);
    return inner === undefined ? undefined : node.operator === '-' ? -inner : inner;
  }
  if (node.type === 'BinaryExpression') {
    const left = numericValueWith(node.left, constants, depth + 1);
    const right = numericValueWith(node.right, constants, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (node.operator) {
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '*':
        return left * right;
      case '/':
        return right === 0 ? undefined : left / right;
      default:
        return undefined;
    }
  }
  return undefined;
}
