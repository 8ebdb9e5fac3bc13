import * as A from '../../syntax/snippet/ast';
import { isExpiresInMember } from '../vocabulary/http';
import {
  dateAddUnitSeconds,
  isDateAddFunction,
  isDateDiffFunction,
  isNowFunctionName,
  isNowName,
  isNumberConversionName,
  isSameInstantMethod,
  nowNameUnit,
  SECONDS_PER_DAY,
  SECONDS_PER_UNIT,
} from '../vocabulary/time';
import { calleeName, MAX_EVAL_DEPTH, throughStringCopy, unwrap, writtenText } from './expressions';
import { constantValue } from './time';

/**
 * Time arithmetic of real Snippet as a linear form: `a·now + b·expiry + Σ lifetimes + Σ parts`, where `now` counts
 * seconds, so every way of writing a time compares alike: `utc >= tokenExpiry - (300 / 86400)`,
 * `(tokenExpiry - utc) * 86400 <= bufferSeconds`, `datediff("s", utc, tokenExpiry) < 300`,
 * `utc >= dateadd("s", -300, tokenExpiry)`, `timestamp / 10000000 >= expirySec - 300`. Dates are OLE day counts
 * (`utc` is 1/86400 of a day per second), `timestamp` counts 100 ns ticks.
 */

/** A piece of the value with no time in it (a constant, a buffer variable, a call), scaled by `coefficient`. */
export interface TimePart {
  /** The outermost node of the piece as written (parentheses kept). */
  readonly node: A.Expression;
  readonly coefficient: number;
  /** Its value, when it is constant arithmetic. */
  readonly value?: number;
}

/** A lifetime read into the value (`r.expires_in`, a variable holding one), scaled by `coefficient`. */
export interface LifetimeTerm {
  readonly node: A.Expression;
  readonly coefficient: number;
}

export interface TimeForm {
  /** Coefficient of the current time counted in seconds. */
  readonly now: number;
  readonly expiry?: { readonly name: string; readonly coefficient: number; readonly node: A.Expression };
  readonly lifetimes: readonly LifetimeTerm[];
  readonly parts: readonly TimePart[];
}

/** What the linear form needs to know of names. */
export interface TimeEnv {
  /** Variables holding now, with the seconds in one unit of their value (day counts: 86400). */
  readonly nowUnits: ReadonlyMap<string, number>;
  /** Variables holding now whose unit is not known (taken as day counts). */
  readonly nowVariables: ReadonlySet<string>;
  isExpiry(folded: string): boolean;
  isLifetime(folded: string): boolean;
  readonly code: string;
}

const EMPTY: TimeForm = { now: 0, lifetimes: [], parts: [] };

function isTimeFree(form: TimeForm): boolean {
  return form.now === 0 && form.expiry === undefined && form.lifetimes.length === 0;
}

function scale(form: TimeForm, k: number): TimeForm {
  return {
    now: form.now * k,
    ...(form.expiry ? { expiry: { ...form.expiry, coefficient: form.expiry.coefficient * k } } : {}),
    lifetimes: form.lifetimes.map((l) => ({ node: l.node, coefficient: l.coefficient * k })),
    parts: form.parts.map((p) => ({ ...p, coefficient: p.coefficient * k })),
  };
}

/**
 * `a + b`. Two different expiries (`tokenExpiry - tokenExpiryMargin`): the one written first is the expiry, the
 * other a part.
 */
function sum(a: TimeForm, b: TimeForm): TimeForm | null {
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
  return {
    now: a.now + b.now,
    ...(expiry ? { expiry } : {}),
    lifetimes: [...a.lifetimes, ...b.lifetimes],
    parts,
  };
}

/** A time-free subtree as one part (the buffer a fix replaces is a whole subtree). */
function asPart(node: A.Expression): TimeForm {
  const value = constantValue(node, NO_CONSTANTS);
  return { ...EMPTY, parts: [value === undefined ? { node, coefficient: 1 } : { node, coefficient: 1, value }] };
}

const NO_CONSTANTS: ReadonlyMap<string, number> = new Map();

/** The linear form of a value, or null when time enters it other than linearly (`utc * utc`, `abs(utc - e)`). */
export function timeForm(e: A.Expression, env: TimeEnv, depth = 0): TimeForm | null {
  if (depth > MAX_EVAL_DEPTH) return null;
  const form = formOf(e, env, depth);
  // A subtree with no time in it is one part, kept whole with its parentheses.
  return form && isTimeFree(form) && form.parts.length > 1 ? asPart(e) : form;
}

function formOf(e: A.Expression, env: TimeEnv, depth: number): TimeForm | null {
  const x = throughStringCopy(e);
  switch (x.kind) {
    case 'Identifier':
      return identifierForm(e, x, env);
    case 'Member':
      return isExpiresInMember(x.propertyFolded) ? { ...EMPTY, lifetimes: [{ node: e, coefficient: 1 }] } : asPart(e);
    case 'Call':
      return callForm(e, x, env, depth);
    case 'Unary': {
      if (x.operator !== '-') return asPart(e);
      const inner = timeForm(x.operand, env, depth + 1);
      return inner && scale(inner, -1);
    }
    case 'Binary':
      return binaryForm(e, x, env, depth);
    default:
      return asPart(e);
  }
}

function identifierForm(e: A.Expression, x: A.Identifier, env: TimeEnv): TimeForm {
  const name = x.folded;
  const known = env.nowUnits.get(name);
  if (known !== undefined) return { ...EMPTY, now: 1 / known };
  if (isNowName(name) || env.nowVariables.has(name)) {
    return { ...EMPTY, now: 1 / SECONDS_PER_UNIT[nowNameUnit(name) ?? 'days'] };
  }
  if (env.isExpiry(name)) return { ...EMPTY, expiry: { name, coefficient: 1, node: e } };
  if (env.isLifetime(name)) return { ...EMPTY, lifetimes: [{ node: e, coefficient: 1 }] };
  return asPart(e);
}

function callForm(e: A.Expression, x: A.CallExpression, env: TimeEnv, depth: number): TimeForm | null {
  const name = calleeName(x) ?? '';
  if (x.callee.kind === 'Identifier') {
    if (isNowFunctionName(name)) return { ...EMPTY, now: 1 / SECONDS_PER_DAY };
    if (isNumberConversionName(name) && x.args.length === 1) return timeForm(x.args[0]!, env, depth + 1);
    if (isDateAddFunction(name)) return dateAdd(e, x, env, depth);
    if (isDateDiffFunction(name)) return dateDiff(e, x, env, depth);
  } else if (x.callee.kind === 'Member' && x.args.length === 0 && isSameInstantMethod(name)) {
    // `tokenExpiry.asdatetime()`, `utc.asnumber()`: the same instant.
    const inner = timeForm(x.callee.object, env, depth + 1);
    if (inner && !isTimeFree(inner)) return inner;
  }
  return timeFreeOrNull(e, x.args, env, depth);
}

/** A call whose arguments hold no time is a part; one that hides time in them cannot be read. */
function timeFreeOrNull(e: A.Expression, args: readonly A.Expression[], env: TimeEnv, depth: number): TimeForm | null {
  for (const arg of args) {
    const form = timeForm(arg, env, depth + 1);
    if (!form || !isTimeFree(form)) return null;
  }
  return asPart(e);
}

/** The seconds of a unit argument (`"s"`, `"minute"`), when `arg` is one. */
function unitSeconds(arg: A.Expression, code: string): number | undefined {
  const x = unwrap(arg);
  return x.kind === 'StringLiteral' ? dateAddUnitSeconds(writtenText(x, code).trim().toLowerCase()) : undefined;
}

/**
 * `dateadd(unit, amount, date)` in any order of its arguments (the documented order is not visible in the stored
 * pages): the date plus the amount in units, as a day count.
 */
function dateAdd(e: A.Expression, x: A.CallExpression, env: TimeEnv, depth: number): TimeForm | null {
  let unit: number | undefined;
  let date: TimeForm | undefined;
  let amount: TimeForm | undefined;
  for (const arg of x.args) {
    const seconds = unit === undefined ? unitSeconds(arg, env.code) : undefined;
    if (seconds !== undefined) {
      unit = seconds;
      continue;
    }
    const form = timeForm(arg, env, depth + 1);
    if (!form) return null;
    // The date holds a clock (now or an expiry); the amount may be a lifetime (`r.expires_in - 300`).
    const clock = form.now !== 0 || form.expiry !== undefined;
    if (clock && date === undefined) date = form;
    else if (!clock && amount === undefined) amount = form;
    else return null;
  }
  if (unit === undefined || !date || !amount) return timeFreeOrNull(e, x.args, env, depth);
  return sum(date, scale(amount, unit / SECONDS_PER_DAY));
}

/** `datediff(unit, from, to)`: how many units `to` lies after `from` (dates are day counts). */
function dateDiff(e: A.Expression, x: A.CallExpression, env: TimeEnv, depth: number): TimeForm | null {
  const [unitArg, fromArg, toArg] = x.args;
  const unit = unitArg ? unitSeconds(unitArg, env.code) : undefined;
  if (unit === undefined || !fromArg || !toArg || x.args.length !== 3) return timeFreeOrNull(e, x.args, env, depth);
  const from = timeForm(fromArg, env, depth + 1);
  const to = timeForm(toArg, env, depth + 1);
  if (!from || !to) return null;
  const difference = sum(to, scale(from, -1));
  return difference && scale(difference, SECONDS_PER_DAY / unit);
}

function binaryForm(e: A.Expression, x: A.BinaryExpression, env: TimeEnv, depth: number): TimeForm | null {
  const left = timeForm(x.left, env, depth + 1);
  const right = left && timeForm(x.right, env, depth + 1);
  if (!left || !right) return null;
  switch (x.operator) {
    case '+':
      return sum(left, right);
    case '-':
      return sum(left, scale(right, -1));
    case '*': {
      if (isTimeFree(left) && isTimeFree(right)) return asPart(e);
      const factor = isTimeFree(left) ? constantOf(left) : isTimeFree(right) ? constantOf(right) : undefined;
      if (factor === undefined) return null;
      return scale(isTimeFree(left) ? right : left, factor);
    }
    case '/': {
      if (isTimeFree(left) && isTimeFree(right)) return asPart(e);
      const divisor = isTimeFree(right) ? constantOf(right) : undefined;
      return divisor === undefined || divisor === 0 ? null : scale(left, 1 / divisor);
    }
    default:
      return isTimeFree(left) && isTimeFree(right) ? asPart(e) : null;
  }
}

/** The value of a time-free form that is constant arithmetic, else undefined. */
export function constantOf(form: TimeForm): number | undefined {
  let total = 0;
  for (const part of form.parts) {
    if (part.value === undefined) return undefined;
    total += part.coefficient * part.value;
  }
  return total;
}

/** A form with its lifetimes counted as parts (a check that reads `expires_in` reads it as a number). */
export function lifetimesAsParts(form: TimeForm): TimeForm {
  if (form.lifetimes.length === 0) return form;
  return {
    ...form,
    lifetimes: [],
    parts: [...form.parts, ...form.lifetimes.map((l) => ({ node: l.node, coefficient: l.coefficient }))],
  };
}

/** `L - R` of a comparison. */
export function difference(left: TimeForm, right: TimeForm): TimeForm | null {
  return sum(left, scale(right, -1));
}

/** The parts in source order (the first one is where a fix puts a new buffer). */
export function partsInOrder(form: TimeForm): TimePart[] {
  return [...form.parts].sort((a, b) => a.node.start - b.node.start);
}

/** Every Identifier of a part, in source order. */
export function namesOf(part: TimePart): A.Identifier[] {
  const out: A.Identifier[] = [];
  const stack: A.ExpressionNode[] = [part.node];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.kind === 'Identifier') out.push(node);
    else A.pushExpressionChildren(node, stack, false);
  }
  return out.sort((a, b) => a.start - b.start);
}
