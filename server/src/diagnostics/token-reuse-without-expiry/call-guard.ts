import type { CodeUnit, TokenUseEvent } from '../../analysis/model/flow-model';
import { eventsOfKind } from '../../analysis/model/queries';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { Expression, Statement } from '../../syntax/snippet/ast';
import { tokenGuard } from '../../templates';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { assignedName, namesIn, type SnippetSlot } from '../../editing/snippet-tree';
import { indentUnitOf } from '../../editing/text-layout';
import { WRAPPED, wrapLines } from '../../editing/wrap-lines';
import { requestStart, useSite } from './snippet-sites';
import { rangeOf } from '../../syntax/snippet/ast';

/** One call that sends the token: where its request starts, the call statement, and what reads its outcome. */
export interface GuardedCall {
  /** The call's id in the model. */
  readonly id: number;
  /** The statement list holding the request, and the index of its first statement (`client = GetRESTProxy()`). */
  readonly start: SnippetSlot;
  /** The call's statement (`result = client.MakeRestRequest(…)`), in code offsets. */
  readonly callRange: TextRange;
  /** Folded names of the call's client and result. */
  readonly client: string;
  readonly result?: string;
}

function contains(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** `IF tok != ""` (or `"" != tok`): the statements inside already run only with a token. */
function isTokenGuard(statement: Statement, token: string): boolean {
  if (statement.kind !== 'If') return false;
  const c: Expression = statement.condition;
  if (c.kind !== 'Binary' || c.operator !== '!=') return false;
  const isToken = (e: Expression): boolean => e.kind === 'Identifier' && e.folded === token;
  const isEmpty = (e: Expression): boolean =>
    e.kind === 'StringLiteral' && e.parts.every((p) => p.kind === 'StringText' && p.value === '');
  return (isToken(c.left) && isEmpty(c.right)) || (isEmpty(c.left) && isToken(c.right));
}

/** Ranges a call's group must not take in: whether a statement holds one. */
interface Boundaries {
  holds(statement: TextRange): boolean;
}

function sortedRanges(ranges: readonly (TextRange | undefined)[]): TextRange[] {
  return ranges.filter((r): r is TextRange => r !== undefined).sort((a, b) => a.start - b.start);
}

/** Whether a range of `sorted` (by start) other than the `except`ed ones lies within `outer` (binary search). */
function anyWithin(sorted: readonly TextRange[], outer: TextRange, except: (r: TextRange) => boolean): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.start < outer.start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < sorted.length && sorted[i]!.start <= outer.end; i++) {
    const r = sorted[i]!;
    if (r.end <= outer.end && !except(r)) return true;
  }
  return false;
}

/**
 * The statements a guard must hold for one call: from the start of its request through the call, then the statements
 * that read its client, its result, or what was read from them (the status copy and the SELECT on it, the reads of
 * the response), up to the next request (`boundaries`: other calls and token uses, in code offsets).
 */
function groupOf(call: GuardedCall, boundaries: Boundaries): { first: number; last: number } | undefined {
  const { siblings, index } = call.start;
  const callIndex = siblings.findIndex((s, i) => i >= index && contains(rangeOf(s), call.callRange));
  if (callIndex < 0) return undefined;
  const tracked = new Set([call.client, ...(call.result ? [call.result] : [])]);
  for (let i = index; i <= callIndex; i++) {
    const assigned = assignedName(siblings[i]!);
    if (assigned) tracked.add(assigned);
  }
  let last = callIndex;
  for (let i = callIndex + 1; i < siblings.length; i++) {
    const statement = siblings[i]!;
    if (boundaries.holds(rangeOf(statement))) break;
    if (![...namesIn(statement)].some((name) => tracked.has(name))) break;
    const assigned = assignedName(statement);
    if (assigned) tracked.add(assigned);
    last = i;
  }
  return { first: index, last };
}

export interface GuardOptions {
  /** The token as the code will spell it after the fix (`crmToken`, `global:crmToken`). */
  readonly token: string;
  /** The variable that says why there is no token. */
  readonly error: string;
  /** Set `error` to NO_TOKEN in an ELSE (the code's failed token request sets no error of its own). */
  readonly setErrorWithoutToken?: boolean;
  readonly comments?: boolean;
}

/**
 * Code edits that put each call sending one of `uses` inside `IF token != "" { … }` (templates/token-guard.ts), with
 * the statements that read its outcome, so a failed token request never sends an empty `Bearer` (and a 401 on one
 * call, which clears the token, keeps the next call from sending it empty). Calls already inside such a guard, and
 * calls whose lines cannot be wrapped whole (one-line programs), are left as they are. Returns the edits (code
 * offsets) and the ids of the calls guarded.
 */
export function guardTokenCalls(
  snippet: SnippetCode,
  unit: CodeUnit,
  uses: readonly TokenUseEvent[],
  options: GuardOptions,
): { edits: TextEdit[]; calls: number[] } {
  const { region, program } = snippet;
  const { code } = region;
  const calls = eventsOfKind(unit, 'rest-call');
  const codeRangeOf = (r: TextRange): TextRange | undefined => toCodeRange(region, r);
  const guarded = new Map<GuardedCall, readonly SnippetSlot[]>();
  const guardedIds = new Set<number>();
  const callsById = new Map(calls.map((c) => [c.id, c]));
  for (const use of uses) {
    const call = use.callId === undefined ? undefined : callsById.get(use.callId);
    const range = codeRangeOf(use.range);
    const callRange = call && codeRangeOf(call.statementRange);
    if (!call || !range || !callRange || guardedIds.has(call.id)) continue;
    const chain = useSite(code, program, range).chain;
    const slot = chain[chain.length - 1];
    if (!slot) continue;
    guardedIds.add(call.id);
    guarded.set(
      {
        id: call.id,
        start: requestStart(slot),
        callRange,
        client: call.client,
        ...(call.resultVariable !== undefined ? { result: call.resultVariable } : {}),
      },
      chain.slice(0, -1),
    );
  }
  // Every call statement and token use in code offsets, once (a fix guards every call of a long script).
  const callRanges = sortedRanges(calls.map((c) => codeRangeOf(c.statementRange)));
  const useRanges = sortedRanges(eventsOfKind(unit, 'token-use').map((u) => codeRangeOf(u.range)));
  /** Where a guarded call's group must stop: at any other call, and at any token use outside its own request. */
  const boundaries = (call: GuardedCall): Boundaries => ({
    holds(statement) {
      const own = (r: TextRange): boolean => r.start === call.callRange.start && r.end === call.callRange.end;
      const inRequest = (r: TextRange): boolean =>
        r.start >= call.start.statement.start && r.start <= call.callRange.end;
      return anyWithin(callRanges, statement, own) || anyWithin(useRanges, statement, inRequest);
    },
  });
  const folded = options.token.toLowerCase().replace(/^global:/, '');
  const edits: TextEdit[] = [];
  const ids: number[] = [];
  for (const [call, chain] of guarded) {
    if (chain.some((slot) => isTokenGuard(slot.statement, folded))) continue;
    const group = groupOf(call, boundaries(call));
    if (!group) continue;
    const { siblings } = call.start;
    const wrapped = wrapLines(region, siblings[group.first]!.start, siblings[group.last]!.end, (indent) =>
      tokenGuard({
        token: options.token,
        error: options.error,
        body: [WRAPPED],
        ...(options.setErrorWithoutToken ? { setErrorWithoutToken: true } : {}),
        comments: options.comments ?? true,
        eol: region.eol,
        indent,
        indentUnit: indentUnitOf(code),
      }),
    );
    if (wrapped) {
      edits.push(...wrapped);
      ids.push(call.id);
    }
  }
  return { edits, calls: ids };
}
