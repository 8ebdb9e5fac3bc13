import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { Expression, Statement } from '../../syntax/snippet/ast';
import { tokenGuard } from '../../templates';
import type { CodeRegion } from '../../editing/code-region';
import { assignedName, namesIn, type SnippetSlot } from '../../editing/snippet-tree';
import { WRAPPED, wrapLines } from '../../editing/wrap-lines';

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

/**
 * The statements a guard must hold for one call: from the start of its request through the call, then the statements
 * that read its client, its result, or what was read from them (the status copy and the SELECT on it, the reads of
 * the response), up to the next request (`boundaries`: other calls and token uses, in code offsets).
 */
function groupOf(call: GuardedCall, boundaries: readonly TextRange[]): { first: number; last: number } | undefined {
  const { siblings, index } = call.start;
  const callIndex = siblings.findIndex((s, i) => i >= index && contains(s.range, call.callRange));
  if (callIndex < 0) return undefined;
  const tracked = new Set([call.client, ...(call.result ? [call.result] : [])]);
  for (let i = index; i <= callIndex; i++) {
    const assigned = assignedName(siblings[i]!);
    if (assigned) tracked.add(assigned);
  }
  let last = callIndex;
  for (let i = callIndex + 1; i < siblings.length; i++) {
    const statement = siblings[i]!;
    if (boundaries.some((b) => contains(statement.range, b))) break;
    if (![...namesIn(statement)].some((name) => tracked.has(name))) break;
    const assigned = assignedName(statement);
    if (assigned) tracked.add(assigned);
    last = i;
  }
  return { first: index, last };
}

/**
 * Code edits that put each call sending `token` inside `IF token != "" { … }` (templates/token-guard.ts), so a failed
 * token request never sends an empty `Bearer`. Calls already inside such a guard, and calls whose lines cannot be
 * wrapped whole (one-line programs), are left as they are.
 */
export function guardCalls(
  region: CodeRegion,
  chains: ReadonlyMap<GuardedCall, readonly SnippetSlot[]>,
  token: string,
  error: string,
  boundaries: (call: GuardedCall) => readonly TextRange[],
  comments: boolean,
): TextEdit[] {
  const folded = token.toLowerCase().replace(/^global:/, '');
  const edits: TextEdit[] = [];
  for (const [call, chain] of chains) {
    if (chain.some((slot) => isTokenGuard(slot.statement, folded))) continue;
    const group = groupOf(call, boundaries(call));
    if (!group) continue;
    const { siblings } = call.start;
    const wrapped = wrapLines(region, siblings[group.first]!.range.start, siblings[group.last]!.range.end, (indent) =>
      tokenGuard({
        token,
        error,
        body: [WRAPPED],
        comments,
        eol: region.eol,
        indent,
        indentUnit: '',
      }),
    );
    if (wrapped) edits.push(...wrapped);
  }
  return edits;
}
