import type { TextRange } from '../../common/text-range';
import type * as A from '../../syntax/snippet/ast';
import type { Condition, ExpiryCheck, StatusCheck } from '../model/flow-model';
import { isAccessTokenMember } from '../vocabulary/credential-patterns';
import { isLatestStatusVariable, isLengthMember, isStatusCodeMember } from '../vocabulary/http';
import { isExpiryName } from '../vocabulary/names';
import { daysToSeconds } from '../vocabulary/time';
import { isAbsentValue } from '../vocabulary/values';
import {
  asComparison,
  calleeName,
  clientOf,
  conditionLeaves,
  flipOperator,
  identifiersRead,
  isOrdering,
  memberPath,
  numberValue,
  plainValueOf,
  throughStringCopy,
  unwrap,
} from './expressions';
import type { StatusSource, Writable } from './flow-state';
import { addReads, noteAccessTokenReads, scanLiterals, sitesOf } from './sites';
import { addedToNow, constantValue, isNowExpression } from './time';
import type { Ctx, UnitBuild } from './unit-build';

/**
 * Conditions of real Snippet (`IF`, each `CASE` group of `SELECT`): the variables they read, and what the model
 * records of them: an expiry check (`utc >= tokenExpiry - (300 / 86400)` in any arrangement), a status check
 * (`proxy.StatusCode = 401`, a copy of it), and token presence tests (`accessToken = ""`).
 */

const NO_CONSTANTS: ReadonlyMap<string, number> = new Map();

/** Reads a condition made of `expressions` (an IF's, or a CASE group's labels); returns its id. */
export function readCondition(
  build: UnitBuild,
  expressions: readonly A.Expression[],
  range: TextRange,
  ctx: Ctx,
): number {
  const reads = new Set<string>();
  for (const e of expressions) {
    const sites = sitesOf(e, true);
    scanLiterals(build, sites, ctx);
    noteAccessTokenReads(build, sites);
    addReads(sites, reads);
  }
  const leaves: A.Expression[] = [];
  for (const e of expressions) for (const leaf of conditionLeaves(e)) leaves.push(leaf);
  const id = build.options.ids.nextCondition();
  const condition: Writable<Condition> = { id, range: build.doc(range), reads: [...reads] };
  for (const leaf of leaves) {
    const check = expiryCheck(build, leaf);
    if (check) {
      condition.expiryCheck = check;
      break;
    }
  }
  const status = statusCheck(build, leaves);
  if (status) condition.statusCheck = status;
  for (const leaf of leaves) {
    const variable = presenceVariable(build, leaf);
    if (variable !== null) build.push({ kind: 'token-presence-check', ...build.base(leaf.range, ctx), variable });
  }
  build.conditions.push(condition);
  return id;
}

/**
 * `now >= expiry - buffer` in any arrangement: `expiry - buffer <= now`, `now + buffer > expiry`,
 * `expiry - now < buffer`. The refresh branch is where now has reached the expiry minus the buffer.
 */
function expiryCheck(build: UnitBuild, leaf: A.Expression): ExpiryCheck | null {
  const cmp = asComparison(leaf);
  if (!cmp || !isOrdering(cmp.operator)) return null;
  const left = unwrap(cmp.left);
  const right = unwrap(cmp.right);
  let op: string = cmp.operator; // normalised to: now OP expiry - buffer
  let expiry: string;
  const buffers: A.Expression[] = [];
  const nowLeft = nowSide(build, left);
  const nowRight = nowSide(build, right);
  const expiryLeft = expirySide(build, left);
  const expiryRight = expirySide(build, right);
  if (nowLeft && expiryRight) {
    expiry = expiryRight.variable;
    pushDefined(buffers, nowLeft.buffer, expiryRight.buffer);
  } else if (expiryLeft && nowRight) {
    expiry = expiryLeft.variable;
    op = flipOperator(op);
    pushDefined(buffers, nowRight.buffer, expiryLeft.buffer);
  } else {
    const differenceLeft = expiryMinusNow(build, left);
    const differenceRight = expiryMinusNow(build, right);
    if (differenceLeft !== null) {
      expiry = differenceLeft; // expiry - now OP' b  ⇔  now flip(OP') expiry - b
      op = flipOperator(op);
      buffers.push(cmp.right);
    } else if (differenceRight !== null) {
      expiry = differenceRight; // b OP' expiry - now  ⇔  now OP' expiry - b
      buffers.push(cmp.left);
    } else {
      return null;
    }
  }
  const check: Writable<ExpiryCheck> = {
    expiryVariable: expiry,
    buffer: bufferOf(build, buffers),
    refreshBranch: op === '>' || op === '>=' ? 'then' : 'else',
    comparisonRange: build.doc(cmp.range),
  };
  if (buffers[0]) check.bufferRange = build.doc(buffers[0].range);
  return check;
}

/** `now` or `now + buffer`. */
function nowSide(build: UnitBuild, x: A.Expression): { buffer?: A.Expression } | null {
  if (isNowExpression(x, build.facts.nowVariables)) return {};
  const buffer = addedToNow(x, build.facts.nowVariables);
  return buffer ? { buffer } : null;
}

/** `expiry` or `expiry - buffer`. */
function expirySide(build: UnitBuild, x: A.Expression): { variable: string; buffer?: A.Expression } | null {
  const variable = expiryReference(build, x);
  if (variable !== null) return { variable };
  if (x.kind === 'Binary' && x.operator === '-') {
    const inner = expiryReference(build, x.left);
    if (inner !== null) return { variable: inner, buffer: x.right };
  }
  return null;
}

/** `expiry - now`. */
function expiryMinusNow(build: UnitBuild, x: A.Expression): string | null {
  if (x.kind !== 'Binary' || x.operator !== '-' || !isNowExpression(x.right, build.facts.nowVariables)) return null;
  return expiryReference(build, x.left);
}

/** An expiry variable, possibly converted (`tokenExpiry.asdatetime()`), or a time the token is due at. */
function expiryReference(build: UnitBuild, e: A.Expression): string | null {
  let x = unwrap(e);
  if (x.kind === 'Call' && x.callee.kind === 'Member') x = unwrap(x.callee.object);
  if (x.kind !== 'Identifier') return null;
  const name = x.folded;
  const facts = build.facts;
  return facts.expiryVariables.has(name) || isExpiryName(name) || facts.dueTimes.has(name) ? name : null;
}

function bufferOf(build: UnitBuild, buffers: readonly A.Expression[]): ExpiryCheck['buffer'] {
  if (buffers.length === 0) return { kind: 'none' };
  if (buffers.some((b) => build.isJittery(b))) return { kind: 'jittered' };
  const literalDays = sum(buffers.map((b) => constantValue(b, NO_CONSTANTS)));
  if (literalDays !== undefined) return { kind: 'constant', seconds: daysToSeconds(literalDays) };
  const reads = buffers.flatMap((b) => identifiersRead(b));
  const variable = reads[0]?.folded ?? buffers.map((b) => calleeOf(b)).find((n) => n !== null) ?? '';
  // Only variables that hold this constant wherever the document assigns them count as a fixed buffer.
  const days = sum(buffers.map((b) => constantValue(b, build.options.documentConstants ?? NO_CONSTANTS)));
  return days !== undefined
    ? { kind: 'variable', variable, constantSeconds: daysToSeconds(days) }
    : { kind: 'variable', variable };
}

function statusCheck(build: UnitBuild, leaves: readonly A.Expression[]): StatusCheck | null {
  let found = false;
  let callId: number | undefined;
  const equals: number[] = [];
  const notEquals: number[] = [];
  let rangeComparison = false;
  for (const leaf of leaves) {
    const cmp = asComparison(leaf);
    if (!cmp) continue;
    const left = statusSource(build, cmp.left);
    const right = left ? null : statusSource(build, cmp.right);
    const source = left ?? right;
    if (!source) continue;
    found = true;
    callId ??= source.callId;
    const other = left ? cmp.right : cmp.left;
    const n = numberValue(other);
    if (n !== undefined && cmp.operator === '=') pushOnce(equals, n);
    else if (n !== undefined && cmp.operator === '!=') pushOnce(notEquals, n);
    else if (isOrdering(cmp.operator)) rangeComparison = true;
  }
  return found ? withCall({ equals, notEquals, rangeComparison }, callId) : null;
}

/** A status check on the given call (SWITCH cases build theirs from the case labels). */
export function withCall(check: Omit<StatusCheck, 'callId'>, callId: number | undefined): StatusCheck {
  return callId === undefined ? check : { callId, ...check };
}

/** `client.StatusCode` (any case), `__httpstatuscode`, or a copy of a status, also inside `"{…}"`. */
export function statusSource(build: UnitBuild, e: A.Expression): StatusSource | null {
  let x = throughStringCopy(e);
  // `code.asnumber()`: a conversion of the status is the status.
  if (x.kind === 'Call' && x.callee.kind === 'Member' && x.args.length === 0) x = unwrap(x.callee.object);
  if (x.kind === 'Member' && isStatusCodeMember(x.propertyFolded)) {
    const client = clientOf(x.object);
    return { client, callId: build.state.lastCall.get(client) };
  }
  if (x.kind === 'Identifier') {
    if (isLatestStatusVariable(x.folded)) return { client: '', callId: undefined };
    return build.state.statuses.get(x.folded) ?? null;
  }
  return null;
}

/** `tok = ""`, `tok != ""`, `tok.length() > 0`, bare `tok`: the token variable tested, or null. */
function presenceVariable(build: UnitBuild, leaf: A.Expression): string | null {
  const bare = tokenReference(build, leaf);
  if (bare !== null) return bare;
  const cmp = asComparison(leaf);
  if (!cmp) return null;
  for (const [a, b] of [
    [cmp.left, cmp.right],
    [cmp.right, cmp.left],
  ] as const) {
    const direct = tokenReference(build, a);
    if (direct !== null && (cmp.operator === '=' || cmp.operator === '!=') && isAbsentValue(plainValueOf(b)))
      return direct;
    const measured = lengthOf(a);
    const ofToken = measured ? tokenReference(build, measured) : null;
    if (ofToken !== null && numberValue(b) !== undefined) return ofToken;
  }
  return null;
}

function tokenReference(build: UnitBuild, e: A.Expression): string | null {
  const x = unwrap(e);
  if (x.kind === 'Identifier') return build.isTokenVariable(x.folded) ? x.folded : null;
  if (x.kind === 'Member' && isAccessTokenMember(x.property)) return memberPath(x);
  return null;
}

/** `x.length()`, `x.length`, `x.size`, `x.size()`: x. */
function lengthOf(e: A.Expression): A.Expression | null {
  let x = unwrap(e);
  if (x.kind === 'Call' && x.args.length === 0) x = x.callee;
  if (x.kind === 'Member' && isLengthMember(x.propertyFolded)) return x.object;
  return null;
}

function calleeOf(e: A.Expression): string | null {
  const x = unwrap(e);
  return x.kind === 'Call' ? calleeName(x) : null;
}

function pushOnce(list: number[], n: number): void {
  if (!list.includes(n)) list.push(n);
}

function pushDefined(list: A.Expression[], ...items: (A.Expression | undefined)[]): void {
  for (const item of items) if (item) list.push(item);
}

function sum(values: readonly (number | undefined)[]): number | undefined {
  let total = 0;
  for (const v of values) {
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}
