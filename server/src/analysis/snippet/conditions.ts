import type { TextRange } from '../../common/text-range';
import type * as A from '../../syntax/snippet/ast';
import type { Condition, ExpiryCheck, RefreshBuffer, StatusCheck, TokenPresenceCheckEvent } from '../model/flow-model';
import { isAccessTokenMember } from '../vocabulary/credential-patterns';
import { isLatestStatusVariable, isLengthMember, isStatusCodeMember } from '../vocabulary/http';
import { isExpiryName } from '../vocabulary/names';
import { daysToSeconds, SECONDS_PER_DAY } from '../vocabulary/time';
import { isAbsentValue } from '../vocabulary/values';
import {
  asComparison,
  calleeName,
  clientOf,
  conditionLeaves,
  isOrdering,
  memberPath,
  numberValue,
  plainValueOf,
  throughStringCopy,
  unwrap,
} from './expressions';
import type { NameLookup } from './document-facts';
import type { StatusSource, Writable } from './flow-state';
import { addReads, noteAccessTokenReads, scanLiterals, sitesOf } from './sites';
import { constantValue } from './time';
import {
  difference,
  lifetimesAsParts,
  namesOf,
  partsInOrder,
  timeForm,
  type TimeEnv,
  type TimePart,
} from './time-form';
import { eventHead, type Ctx, type UnitBuild } from './unit-build';

/**
 * Conditions of real Snippet (`IF`, each `CASE` group of `SELECT`): the variables they read, and what the model
 * records of them: an expiry check (`utc >= tokenExpiry - (300 / 86400)` in any arrangement), a status check
 * (`proxy.StatusCode = 401`, a copy of it), and token presence tests (`accessToken = ""`).
 */

const NO_CONSTANTS: NameLookup<number> = new Map();

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
    if (variable === null) continue;
    const check = eventHead(build, 'token-presence-check', leaf, ctx) as Writable<TokenPresenceCheckEvent>;
    check.variable = variable;
    build.push(check);
  }
  build.conditions.push(condition);
  return id;
}

/**
 * An expiry check: a comparison of now with an expiry, in any arrangement and any unit (`utc >= e - (300 / 86400)`,
 * `e - utc <= b / 86400`, `(e - utc) * 86400 <= b`, `datediff("s", utc, e) < 300`, `utc >= dateadd("s", -300, e)`,
 * `timestamp / 10000000 + 300 >= e`), read as the linear form of `left - right` (time-form.ts). The refresh branch is
 * where now has reached the expiry minus the buffer.
 */
function expiryCheck(build: UnitBuild, leaf: A.Expression): ExpiryCheck | null {
  const cmp = asComparison(leaf);
  if (!cmp || !isOrdering(cmp.operator)) return null;
  const env = timeEnv(build);
  const left = timeForm(cmp.left, env);
  const right = left && timeForm(cmp.right, env);
  const form = left && right ? difference(left, right) : null;
  // now and the expiry on opposite sides: `a·now + b·expiry + r OP 0` with a and b of opposite signs.
  if (!form || form.now === 0 || !form.expiry || Math.sign(form.expiry.coefficient) === Math.sign(form.now))
    return null;
  const d = lifetimesAsParts(form);
  // Due when now + r/a >= expiry (in seconds): the buffer is r/a; with a < 0 the comparison reads the other way.
  const dueWhenGreater = cmp.operator === '>' || cmp.operator === '>=';
  const refreshBranch = dueWhenGreater === d.now > 0 ? 'then' : 'else';
  const parts = partsInOrder(d);
  const check: Writable<ExpiryCheck> = {
    expiryVariable: d.expiry!.name,
    buffer: bufferOf(build, parts, 1 / d.now),
    refreshBranch,
    comparisonRange: build.doc(cmp),
  };
  if (parts[0]) check.bufferRange = build.doc(parts[0].node);
  return check;
}

/** What the linear form needs of this code's names. */
export function timeEnv(build: UnitBuild): TimeEnv {
  const facts = build.facts;
  return {
    nowUnits: facts.nowUnits,
    nowVariables: facts.nowVariables,
    isExpiry: (name) => facts.expiryVariables.has(name) || isExpiryName(name) || facts.dueTimes.has(name),
    isLifetime: (name) => facts.lifetimeVariables.has(name),
    code: build.code,
  };
}

/**
 * The buffer `Σ parts × secondsPerValue`: none (nothing, or nothing before the expiry), a constant, jittered, or a
 * variable (fixed when the document assigns it one constant, never assigned when nothing in the document does).
 */
export function bufferOf(build: UnitBuild, parts: readonly TimePart[], secondsPerValue: number): RefreshBuffer {
  if (parts.length === 0) return { kind: 'none' };
  if (parts.some((p) => p.value === undefined && build.isJittery(p.node))) return { kind: 'jittered' };
  const seconds = (values: readonly (number | undefined)[]): number | undefined => {
    let total = 0;
    for (let i = 0; i < parts.length; i++) {
      const value = values[i];
      if (value === undefined) return undefined;
      total += parts[i]!.coefficient * value;
    }
    return daysToSeconds((total * secondsPerValue) / SECONDS_PER_DAY);
  };
  const literal = seconds(parts.map((p) => p.value));
  if (literal !== undefined) return literal > 0 ? { kind: 'constant', seconds: literal } : { kind: 'none' };
  const opaque = parts.filter((p) => p.value === undefined);
  const first = opaque.map((p) => namesOf(p)[0]).find((id) => id !== undefined);
  const variable = first?.folded ?? opaque.map((p) => calleeOf(p.node)).find((n) => n !== null) ?? '';
  // Only variables that hold this constant wherever the document assigns them count as a fixed buffer.
  const documentConstants = build.options.documentConstants ?? NO_CONSTANTS;
  const fixed = seconds(parts.map((p) => p.value ?? constantValue(p.node, documentConstants)));
  const assigned = build.options.documentAssigned;
  const neverAssigned = first !== undefined && assigned !== undefined && !assigned.has(variable);
  const unit = first === undefined ? undefined : secondsPerUnitOf(parts, first.folded, secondsPerValue);
  return {
    kind: 'variable',
    variable,
    ...(fixed === undefined ? {} : { constantSeconds: fixed }),
    ...(neverAssigned ? { neverAssigned: true } : {}),
    ...(unit === undefined ? {} : { secondsPerUnit: unit }),
  };
}

/**
 * How many seconds of buffer one unit of `variable` makes: the parts evaluated with the variable at 1 and at 0 (the
 * parts are linear in it), times the seconds per value.
 */
function secondsPerUnitOf(parts: readonly TimePart[], variable: string, secondsPerValue: number): number | undefined {
  const at = (value: number): number | undefined => {
    const constants = new Map([[variable, value]]);
    let total = 0;
    for (const part of parts) {
      const v = part.value ?? constantValue(part.node, constants);
      if (v === undefined) return undefined;
      total += part.coefficient * v;
    }
    return total;
  };
  const one = at(1);
  const zero = at(0);
  if (one === undefined || zero === undefined) return undefined;
  // Rounded off: `(1 / 86400) * 86400` is not exactly 1 in floating point.
  const seconds = Math.round((one - zero) * secondsPerValue * 1e6) / 1e6;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
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
