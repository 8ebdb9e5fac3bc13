import type { TextRange } from '../../common/text-range';
import type { BinaryExpression, Expression } from '../../syntax/snippet/ast';
import { isPerContactName, isRandomName } from '../vocabulary/names';
import {
  isNowFunctionName,
  isNowName,
  isNumberConversionName,
  isSameInstantMethod,
  SECONDS_PER_DAY,
} from '../vocabulary/time';
import type { NameLookup, NameSet } from './document-facts';
import { calleeName, MAX_EVAL_DEPTH, numberValue, someNode, unwrap } from './expressions';
import { rangeOf } from '../../syntax/snippet/ast';

/**
 * Time and spreads in real Snippet: what reads as now (the vocabulary decides the names), constant arithmetic on day
 * counts, and values that differ per contact.
 */

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
export function constantValue(e: Expression, constants: NameLookup<number>, depth = 0): number | undefined {
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
    return rangeOf(unwrap(x.left));
  }
  return rangeOf(x);
}

/**
 * A value that differs per contact or per run: random or jitter names and functions, variables already known to
 * hold such a value, and `ContactID % 361`-style spreads (no random function is documented for Snippet, so the
 * quick fix spreads buffers with the contact's id).
 */
export function isJitterExpression(e: Expression, jitterVariables: NameSet): boolean {
  return someNode(e, (n) => {
    if (n.kind === 'Identifier') return jitterVariables.has(n.folded) || isRandomName(n.folded);
    if (n.kind === 'Call') return isRandomName(calleeName(n) ?? '');
    if (n.kind === 'Binary' && n.operator === '%') return isPerContactSpread(n);
    return false;
  });
}

/** `ContactID % 361`: the left side reads a per-contact value. */
export function isPerContactSpread(modulo: BinaryExpression): boolean {
  return someNode(modulo.left, (m) => m.kind === 'Identifier' && isPerContactName(m.folded));
}
