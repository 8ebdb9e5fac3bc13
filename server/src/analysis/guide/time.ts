import type { AnyNode } from 'acorn';
import type { DocumentState, ExpiryValue, UnitState } from './extract-state';
import { isExpiresInMember, isJsonParseName } from '../vocabulary/http';
import { foldName, isExpiryName, isLifetimeName, isTokenishName } from '../vocabulary/names';
import {
  isNowConstruction,
  isNowFunctionName,
  isNowMethodCall,
  isNowName,
  isNumberConversionName,
  isSameInstantMethod,
  MILLISECONDS_PER_SECOND,
} from '../vocabulary/time';
import { someNode } from '../../syntax/guide/walk';
import { calleeName, numericValue, propertyName, variableRead } from './expressions';

/**
 * Time in the guide's notation: what reads as "now", what reads as an expiry variable, and what an assignment of an
 * expiry (or a lifetime) is computed from.
 */

/**
 * "Now" (the vocabulary decides the names): `Date.now()`, `new Date()`, `now()`, `currentTime`, `now`, the same
 * instant in another form (`new Date().getTime()`, `Math.floor(Date.now() / 1000)`), a variable set from these.
 */
export function isNowExpression(node: AnyNode | null | undefined, unit: UnitState, depth = 0): boolean {
  if (!node || depth > 12) return false;
  switch (node.type) {
    case 'Identifier': {
      const folded = foldName(node.name);
      return unit.nowVariables.has(folded) || isNowName(folded);
    }
    case 'CallExpression': {
      const name = calleeName(node) ?? '';
      const callee = node.callee;
      if (callee.type === 'Identifier' && isNowFunctionName(name)) return true;
      if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') {
        if (isNowMethodCall(foldName(callee.object.name), name)) return true;
      }
      if (isNumberConversionName(name)) return isNowExpression(node.arguments[0], unit, depth + 1);
      if (isSameInstantMethod(name) && callee.type === 'MemberExpression')
        return isNowExpression(callee.object, unit, depth + 1);
      return false;
    }
    case 'NewExpression':
      return isNowConstruction(calleeName(node) ?? '', node.arguments.length);
    case 'BinaryExpression':
      return (
        node.operator === '/' && numericValue(node.right) !== undefined && isNowExpression(node.left, unit, depth + 1)
      );
    case 'UnaryExpression':
      return node.operator === '+' && isNowExpression(node.argument, unit, depth + 1);
    case 'ChainExpression':
      return isNowExpression(node.expression, unit, depth + 1);
    default:
      return false;
  }
}

/** `now + x` or `x + now`. */
export function isNowPlus(node: AnyNode, unit: UnitState): boolean {
  return (
    node.type === 'BinaryExpression' &&
    node.operator === '+' &&
    (isNowExpression(node.left, unit) || isNowExpression(node.right, unit))
  );
}

function containsNow(node: AnyNode, unit: UnitState): boolean {
  return someNode(
    node,
    (n) =>
      isNowExpression(n, unit) ||
      (n.type === 'Identifier' && unit.expiryValues.get(foldName(n.name))?.nowBased === true),
  );
}

/** The expiry variable an expression reads (folded): `tokenExpiry`, `parseInt("{strTokenExpiry}") || 0`. */
export function expiryVariableRead(
  node: AnyNode | null | undefined,
  unit: UnitState,
  doc: DocumentState,
): string | undefined {
  const name = variableRead(node);
  if (name === undefined) return undefined;
  if (doc.expiryVariables.has(name) || isExpiryName(name)) return name;
  return unit.expiryValues.get(name)?.nowBased ? name : undefined;
}

/**
 * The variable a comparison with now reads as the time a token is due at: an expiry (`expiryVariableRead`), a copy
 * of one (`var e = parseInt("{strTokenExpiry}")`), now plus a lifetime (`var due = now + lifetime`), or a time
 * named after a token (`authValidTo`). Any other time compared with now is no expiry: `now >= closingTime - 300` is a
 * business-hours check.
 */
export function comparedExpiryRead(
  node: AnyNode | null | undefined,
  unit: UnitState,
  doc: DocumentState,
): string | undefined {
  const known = expiryVariableRead(node, unit, doc);
  if (known !== undefined) return known;
  const name = variableRead(node);
  if (name === undefined || isLifetimeName(name) || unit.nowVariables.has(name)) return undefined;
  return unit.dueTimes.has(name) || isTokenishName(name) ? name : undefined;
}

/** The rest-call a parsed response or response expression comes from: `tokenData`, `JSON.parse(resp.body)`, `resp`. */
export function responseCallOf(
  node: AnyNode | null | undefined,
  unit: UnitState,
  depth = 0,
): { known: boolean; callId?: number } {
  if (!node || depth > 16) return { known: false };
  if (node.type === 'Identifier') {
    const name = foldName(node.name);
    if (unit.parsedBodies.has(name)) {
      const callId = unit.parsedBodies.get(name);
      return callId === undefined ? { known: true } : { known: true, callId };
    }
    const callId = unit.responses.get(name);
    return callId === undefined ? { known: false } : { known: true, callId };
  }
  if (node.type === 'MemberExpression') return responseCallOf(node.object, unit, depth + 1);
  if (node.type === 'ChainExpression') return responseCallOf(node.expression, unit, depth + 1);
  if (node.type === 'CallExpression') {
    const callId = unit.callIdByNode.get(node);
    if (callId !== undefined) return { known: true, callId };
    if (isJsonParseName(calleeName(node) ?? '')) return responseCallOf(node.arguments[0], unit, depth + 1);
  }
  return { known: false };
}

/**
 * What an assigned value says about an expiry: computed from the response's `expires_in`, from a constant lifetime
 * added to now (`currentTime + 3600`), or copied from a local that held such a value. Undefined when it says nothing.
 */
export function analyzeExpiryValue(node: AnyNode | null | undefined, unit: UnitState): ExpiryValue | undefined {
  if (!node) return undefined;
  let fromExpiresIn = false;
  let fromCall: number | undefined;
  let inherited: ExpiryValue | undefined;
  someNode(node, (n) => {
    if (n.type === 'MemberExpression' && isExpiresInMember(foldName(propertyName(n) ?? ''))) {
      fromExpiresIn = true;
      fromCall = responseCallOf(n.object, unit).callId;
      return true;
    }
    if (n.type === 'Identifier') {
      const held = unit.expiryValues.get(foldName(n.name));
      if (held) inherited ??= held;
    }
    return false;
  });
  const nowBased = containsNow(node, unit);
  if (inherited && !fromExpiresIn) {
    return { ...inherited, nowBased: inherited.nowBased || nowBased };
  }
  if (fromExpiresIn)
    return fromCall === undefined ? { fromExpiresIn, nowBased } : { fromExpiresIn, fromCall, nowBased };
  if (!nowBased) return undefined;
  // Now alone (`var currentTime = …`) is no expiry; now plus a constant lifetime is one.
  const constant = constantLifetime(node, unit);
  return constant
    ? { fromExpiresIn: false, nowBased, constantSeconds: constant.seconds, constantRange: constant.range }
    : undefined;
}

/**
 * `now + 3600`, `now + 3600 * 1000`, `now + lifetimeSeconds` (a variable holding a number): the lifetime added to now.
 */
function constantLifetime(
  root: AnyNode,
  unit: UnitState,
): { seconds: number; range: { start: number; end: number } } | undefined {
  let found: { seconds: number; range: { start: number; end: number } } | undefined;
  someNode(root, (n) => {
    if (n.type !== 'BinaryExpression' || n.operator !== '+') return false;
    const pairs: [AnyNode, AnyNode][] = [
      [n.left, n.right],
      [n.right, n.left],
    ];
    for (const [now, other] of pairs) {
      if (!isNowExpression(now, unit)) continue;
      found = lifetimeOf(other, unit);
      if (found) return true;
    }
    return false;
  });
  return found;
}

function lifetimeOf(
  node: AnyNode,
  unit: UnitState,
): { seconds: number; range: { start: number; end: number } } | undefined {
  if (node.type === 'Identifier') {
    const held = unit.numericConstants.get(foldName(node.name));
    return held ? { seconds: held.value, range: held.range } : undefined;
  }
  // `3600 * 1000`, `lifetimeSeconds * 1000` (milliseconds): the lifetime is the factor that is not the 1000.
  if (node.type === 'BinaryExpression' && node.operator === '*') {
    if (numericValue(node.right) === MILLISECONDS_PER_SECOND) return lifetimeOf(node.left, unit);
    if (numericValue(node.left) === MILLISECONDS_PER_SECOND) return lifetimeOf(node.right, unit);
  }
  const value = numericValue(node);
  return value === undefined ? undefined : { seconds: value, range: { start: node.start, end: node.end } };
}
