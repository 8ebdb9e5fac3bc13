import type { AnyNode } from 'acorn';
import { isExpiresInMember } from '../vocabulary/http';
import { foldName } from '../vocabulary/names';
import {
  isNowConstruction,
  isNowFunctionName,
  isNowMethodCall,
  isNowName,
  isNumberConversionName,
  isSameInstantMethod,
  nowNameUnit,
  SECONDS_PER_UNIT,
} from '../vocabulary/time';
import type { DocumentState, UnitState } from './extract-state';
import { calleeName, numericValue, propertyName } from './expressions';
import { comparedExpiryRead } from './time';

/**
 * Time arithmetic of the guide's notation as a linear form `a·now + b·expiry + Σ lifetimes + Σ parts`, `now` counted
 * in seconds, so every way of writing a time compares alike: `currentTime >= tokenExpiry - 300`,
 * `(tokenExpiry - Date.now()) / 1000 < 300`, `Date.now() + 300000 >= expiresAtMs`. `Date.now()` and `new Date()`
 * count milliseconds, `Math.floor(Date.now() / 1000)` seconds; a now name counts what it says (`nowMs`) or seconds.
 */

/** A piece with no time in it, scaled by `coefficient`; `value` when it is constant arithmetic. */
export interface GuideTimePart {
  readonly node: AnyNode;
  readonly coefficient: number;
  readonly value?: number;
}

export interface GuideTimeForm {
  /** Coefficient of the current time counted in seconds. */
  readonly now: number;
  readonly expiry?: { readonly name: string; readonly coefficient: number; readonly node: AnyNode };
  readonly lifetimes: readonly GuideTimePart[];
  readonly parts: readonly GuideTimePart[];
}

/** What the form asks of names: the unit's now and lifetime locals, the document's expiries. */
export interface GuideTimeEnv {
  readonly unit: UnitState;
  readonly doc: DocumentState;
  /** Also read expiries compared with now by name only (`authValidTo`): conditions do, stored values do not. */
  readonly compared: boolean;
}

const EMPTY: GuideTimeForm = { now: 0, lifetimes: [], parts: [] };
const MAX_DEPTH = 32;

function isTimeFree(form: GuideTimeForm): boolean {
  return form.now === 0 && form.expiry === undefined && form.lifetimes.length === 0;
}

function scale(form: GuideTimeForm, k: number): GuideTimeForm {
  return {
    now: form.now * k,
    ...(form.expiry ? { expiry: { ...form.expiry, coefficient: form.expiry.coefficient * k } } : {}),
    lifetimes: form.lifetimes.map((l) => ({ ...l, coefficient: l.coefficient * k })),
    parts: form.parts.map((p) => ({ ...p, coefficient: p.coefficient * k })),
  };
}

/** `a + b`; of two different expiries the one written first is the expiry, the other a part. */
function sum(a: GuideTimeForm, b: GuideTimeForm): GuideTimeForm {
  let expiry = a.expiry;
  const parts = [...a.parts, ...b.parts];
  if (b.expiry) {
    if (expiry && expiry.name !== b.expiry.name) {
      const [first, second] = expiry.node.start <= b.expiry.node.start ? [expiry, b.expiry] : [b.expiry, expiry];
      expiry = first;
      parts.push({ node: second.node, coefficient: second.coefficient });
    } else {
      const coefficient = (expiry?.coefficient ?? 0) + b.expiry.coefficient;
      expiry = coefficient === 0 ? undefined : { ...b.expiry, coefficient };
    }
  }
  return { now: a.now + b.now, ...(expiry ? { expiry } : {}), lifetimes: [...a.lifetimes, ...b.lifetimes], parts };
}

export function guideDifference(left: GuideTimeForm, right: GuideTimeForm): GuideTimeForm {
  return sum(left, scale(right, -1));
}

function asPart(node: AnyNode): GuideTimeForm {
  const value = numericValue(node);
  return { ...EMPTY, parts: [value === undefined ? { node, coefficient: 1 } : { node, coefficient: 1, value }] };
}

function nowPerSecond(unit: keyof typeof SECONDS_PER_UNIT): GuideTimeForm {
  return { ...EMPTY, now: 1 / SECONDS_PER_UNIT[unit] };
}

/** The linear form of a value, or null when time enters it other than linearly. */
export function guideTimeForm(node: AnyNode | null | undefined, env: GuideTimeEnv, depth = 0): GuideTimeForm | null {
  if (!node || depth > MAX_DEPTH) return null;
  const form = formOf(node, env, depth);
  // A subtree with no time in it is one part, kept whole (the buffer a fix replaces is a whole subtree).
  return form && isTimeFree(form) && form.parts.length > 1 ? asPart(node) : form;
}

function formOf(node: AnyNode, env: GuideTimeEnv, depth: number): GuideTimeForm | null {
  const { unit, doc } = env;
  switch (node.type) {
    case 'Identifier': {
      const name = foldName(node.name);
      const known = unit.nowUnits.get(name);
      if (known !== undefined) return { ...EMPTY, now: 1 / known };
      if (unit.nowVariables.has(name) || isNowName(name)) return nowPerSecond(nowNameUnit(name) ?? 'seconds');
      break;
    }
    case 'CallExpression': {
      const name = calleeName(node) ?? '';
      const callee = node.callee;
      if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') {
        if (isNowMethodCall(foldName(callee.object.name), name)) return nowPerSecond('milliseconds');
      }
      if (callee.type === 'Identifier' && isNowFunctionName(name)) return nowPerSecond('seconds');
      if (isNumberConversionName(name) && node.arguments.length >= 1) {
        const inner = guideTimeForm(node.arguments[0], env, depth + 1);
        if (inner && !isTimeFree(inner)) return inner;
      }
      if (isSameInstantMethod(name) && callee.type === 'MemberExpression' && node.arguments.length === 0) {
        const inner = guideTimeForm(callee.object, env, depth + 1);
        if (inner && !isTimeFree(inner)) return inner;
      }
      break;
    }
    case 'NewExpression':
      if (isNowConstruction(calleeName(node) ?? '', node.arguments.length)) return nowPerSecond('milliseconds');
      break;
    case 'ChainExpression':
      return guideTimeForm(node.expression, env, depth + 1);
    case 'UnaryExpression': {
      if (node.operator !== '-' && node.operator !== '+') break;
      const inner = guideTimeForm(node.argument, env, depth + 1);
      return inner && (node.operator === '-' ? scale(inner, -1) : inner);
    }
    case 'BinaryExpression':
      return binaryForm(node, env, depth);
    default:
      break;
  }
  const expiry = env.compared ? comparedExpiryRead(node, unit, doc) : undefined;
  if (expiry !== undefined) return { ...EMPTY, expiry: { name: expiry, coefficient: 1, node } };
  if (isLifetime(node, unit)) return { ...EMPTY, lifetimes: [{ node, coefficient: 1 }] };
  return timeFree(node, env, depth) ? asPart(node) : null;
}

/** `data.expires_in`, or a local holding a lifetime (`var lifetime = data.expires_in`). */
function isLifetime(node: AnyNode, unit: UnitState): boolean {
  if (node.type === 'MemberExpression') return isExpiresInMember(foldName(propertyName(node) ?? ''));
  if (node.type !== 'Identifier') return false;
  const held = unit.expiryValues.get(foldName(node.name));
  return held?.fromExpiresIn === true && !held.nowBased;
}

/** No now or expiry anywhere under the node (a call with a time in its arguments cannot be read). */
function timeFree(node: AnyNode, env: GuideTimeEnv, depth: number): boolean {
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    for (const argument of node.arguments) {
      const form = guideTimeForm(argument, env, depth + 1);
      if (!form || !isTimeFree(form)) return false;
    }
  }
  return true;
}

function binaryForm(
  node: AnyNode & { type: 'BinaryExpression' },
  env: GuideTimeEnv,
  depth: number,
): GuideTimeForm | null {
  const left = guideTimeForm(node.left, env, depth + 1);
  const right = left && guideTimeForm(node.right, env, depth + 1);
  if (!left || !right) return null;
  switch (node.operator) {
    case '+':
      return sum(left, right);
    case '-':
      return sum(left, scale(right, -1));
    case '*': {
      if (isTimeFree(left) && isTimeFree(right)) return asPart(node);
      const factor = isTimeFree(left) ? constantOf(left) : isTimeFree(right) ? constantOf(right) : undefined;
      return factor === undefined ? null : scale(isTimeFree(left) ? right : left, factor);
    }
    case '/': {
      if (isTimeFree(left) && isTimeFree(right)) return asPart(node);
      const divisor = isTimeFree(right) ? constantOf(right) : undefined;
      return divisor === undefined || divisor === 0 ? null : scale(left, 1 / divisor);
    }
    default:
      return isTimeFree(left) && isTimeFree(right) ? asPart(node) : null;
  }
}

/** The value of a time-free form that is constant arithmetic. */
export function guideConstantOf(form: GuideTimeForm): number | undefined {
  return constantOf(form);
}

function constantOf(form: GuideTimeForm): number | undefined {
  let total = 0;
  for (const part of form.parts) {
    if (part.value === undefined) return undefined;
    total += part.coefficient * part.value;
  }
  return total;
}

/** The parts in source order (the first one is where a fix puts a new buffer). */
export function guidePartsInOrder(form: GuideTimeForm): GuideTimePart[] {
  return [...form.parts].sort((a, b) => a.node.start - b.node.start);
}
