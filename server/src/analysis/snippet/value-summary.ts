import {
  pushExpressionChildren,
  type CallExpression,
  type Expression,
  type ExpressionNode,
  type MemberExpression,
} from '../../syntax/snippet/ast';
import { isExpiresInMember } from '../vocabulary/http';
import { isRandomName } from '../vocabulary/names';
import { isNowFunctionName, isNowName } from '../vocabulary/time';
import { calleeName } from './expressions';
import type { NameSet } from './document-facts';
import { isPerContactSpread } from './time';

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

/** What the facts pre-pass notes of an expression's nodes as it summarises it (instead of walking it twice). */
export interface NodeNotes {
  /** Each call, in the order a walk with `pushExpressionChildren` meets them. */
  readonly call: (call: CallExpression) => void;
  readonly member: (member: MemberExpression) => void;
}

/** `notes` sees the value's calls and members. */
export function summarizeValue(e: Expression, notes?: NodeNotes): ValueSummary {
  const names: string[] = [];
  let nowByName = false;
  let jitterByName = false;
  let readsExpiresIn = false;
  const stack: ExpressionNode[] = [e];
  for (let node = stack.pop(); node; node = stack.pop()) {
    pushExpressionChildren(node, stack);
    switch (node.kind) {
      case 'Identifier':
        names.push(node.folded);
        if (!nowByName && isNowName(node.folded)) nowByName = true;
        if (!jitterByName && isRandomName(node.folded)) jitterByName = true;
        break;
      case 'Call':
        if (notes) notes.call(node);
        if (!nowByName && node.callee.kind === 'Identifier' && isNowFunctionName(node.callee.folded)) nowByName = true;
        if (!jitterByName && isRandomName(calleeName(node) ?? '')) jitterByName = true;
        break;
      case 'Member':
        if (notes) notes.member(node);
        if (isExpiresInMember(node.propertyFolded)) readsExpiresIn = true;
        break;
      case 'Binary':
        if (!jitterByName && node.operator === '%' && isPerContactSpread(node)) jitterByName = true;
        break;
      default:
        break;
    }
  }
  return { names, nowByName, jitterByName, readsExpiresIn };
}

/** Some name in the value is in `names`. */
export function summaryReadsAny(summary: ValueSummary, names: NameSet): boolean {
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
export function summaryIsJitter(summary: ValueSummary, jitterVariables: NameSet): boolean {
  return summary.jitterByName || summaryReadsAny(summary, jitterVariables);
}
