import type { AnyNode } from 'acorn';
import type { TextRange } from '../../common/text-range';
import type { ExpiryCheck, RefreshBuffer, StatusCheck } from '../model/flow-model';
import { SECONDS_PER_DAY } from '../vocabulary/time';
import type { DocumentState, StatusLink, UnitState } from './extract-state';
import { isLatestStatusVariable, isLengthMember, isStatusCodeMember, STATUS_MEMBER } from '../vocabulary/http';
import { isJavaScriptGlobalName } from '../vocabulary/javascript';
import { foldName, isRandomName, isTokenVariableName } from '../vocabulary/names';
import { isAbsentValue } from '../vocabulary/values';
import { forEachNode } from '../../syntax/guide/walk';
import {
  dottedName,
  numericValue,
  numericValueWith,
  plainValueOf,
  propertyName,
  stringValue,
  substitutionNames,
  unwrapValue,
  usesRandomSource,
  variableRead,
} from './expressions';
import { guideDifference, guidePartsInOrder, guideTimeForm, type GuideTimePart } from './time-form';

/** What a branch condition says: the variables it reads, an expiry check, a status check, token presence tests. */
export interface ConditionFacts {
  readonly reads: string[];
  readonly expiryCheck?: ExpiryCheck;
  readonly statusCheck?: StatusCheck;
  readonly presence: { readonly variable: string; readonly range: TextRange }[];
}

interface Leaf {
  readonly node: AnyNode;
  /** Under an odd number of `!`. */
  readonly negated: boolean;
}

const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '===', '!=', '!==']);

export function analyzeCondition(test: AnyNode, unit: UnitState, doc: DocumentState): ConditionFacts {
  const leaves = leavesOf(test);
  let expiryCheck: ExpiryCheck | undefined;
  for (const leaf of leaves) {
    expiryCheck = expiryComparison(leaf, unit, doc);
    if (expiryCheck) break;
  }
  const statusCheck = statusComparisons(leaves, unit, doc);
  const presence = leaves.flatMap((leaf) => presenceTest(leaf.node, doc));
  return {
    reads: readsOf(test),
    ...(expiryCheck ? { expiryCheck } : {}),
    ...(statusCheck ? { statusCheck } : {}),
    presence,
  };
}

/** The operands of `&&` / `||` / `!` chains, each with the polarity it is tested under. */
function leavesOf(test: AnyNode): Leaf[] {
  const leaves: Leaf[] = [];
  const stack: Leaf[] = [{ node: test, negated: false }];
  let budget = 10_000;
  while (stack.length > 0 && budget-- > 0) {
    const { node, negated } = stack.pop()!;
    if (node.type === 'LogicalExpression') {
      stack.push({ node: node.right, negated }, { node: node.left, negated });
    } else if (node.type === 'UnaryExpression' && node.operator === '!') {
      stack.push({ node: node.argument, negated: !negated });
    } else if (node.type === 'ChainExpression') {
      stack.push({ node: node.expression, negated });
    } else if (node.type === 'SequenceExpression' && node.expressions.length > 0) {
      stack.push({ node: node.expressions[node.expressions.length - 1]!, negated });
    } else {
      leaves.push({ node, negated });
    }
  }
  return leaves;
}

/**
 * An expiry check: a comparison of now with an expiry in any arrangement and unit (`now >= expiry - 300`,
 * `expiry - now < 300`, `(expiry - Date.now()) / 1000 < buffer`, `now + buffer >= expiry`), read as the linear form
 * of `left - right` (time-form.ts). "Refresh needed" is `now >= expiry - buffer`; the branch taken when it holds is
 * the refresh branch.
 */
function expiryComparison(leaf: Leaf, unit: UnitState, doc: DocumentState): ExpiryCheck | undefined {
  const node = leaf.node;
  if (node.type !== 'BinaryExpression' || !RELATIONAL.has(node.operator)) return undefined;
  const env = { unit, doc, compared: true };
  const left = guideTimeForm(node.left, env);
  const right = left && guideTimeForm(node.right, env);
  if (!left || !right) return undefined;
  const d = guideDifference(left, right);
  // now and the expiry on opposite sides: `a·now + b·expiry + r OP 0`, due when now + r/a >= expiry.
  if (d.now === 0 || !d.expiry || Math.sign(d.expiry.coefficient) === Math.sign(d.now)) return undefined;
  const parts = guidePartsInOrder({ ...d, parts: [...d.parts, ...d.lifetimes], lifetimes: [] });
  const dueWhenGreater = node.operator === '>' || node.operator === '>=';
  const refreshWhenTrue = dueWhenGreater === d.now > 0;
  const buffer = guideBufferOf(parts, 1 / d.now, unit, doc);
  const first = parts[0];
  const bufferRange = first && buffer.kind !== 'none' ? withParentheses(doc.text, first.node) : undefined;
  return {
    expiryVariable: d.expiry.name,
    buffer,
    refreshBranch: refreshWhenTrue !== leaf.negated ? 'then' : 'else',
    comparisonRange: { start: node.start, end: node.end },
    ...(bufferRange ? { bufferRange } : {}),
  };
}

/** acorn leaves parentheses out of node ranges; a fix replacing `(300 / 86400)` must replace them too. */
function withParentheses(text: string, node: AnyNode): TextRange {
  let start = node.start;
  let end = node.end;
  for (let guard = 0; guard < 16; guard++) {
    let before = start - 1;
    while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
    let after = end;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    if (text[before] !== '(' || text[after] !== ')') break;
    start = before;
    end = after + 1;
  }
  return { start, end };
}

/** `X / 86400`: a day count written as in real Snippet, read as X seconds whatever now counts in. */
function dayCountOperand(node: AnyNode): AnyNode | undefined {
  let x = node;
  while (x.type === 'ChainExpression') x = x.expression;
  if (x.type !== 'BinaryExpression' || x.operator !== '/' || numericValue(x.right) !== SECONDS_PER_DAY)
    return undefined;
  return x.left;
}

/**
 * The buffer `Σ parts × secondsPerValue`: none (nothing, or nothing before the expiry), a constant, jittered, or a
 * variable (fixed when the document assigns it one constant, never assigned when nothing in the document does).
 */
export function guideBufferOf(
  parts: readonly GuideTimePart[],
  secondsPerValue: number,
  unit: UnitState,
  doc: DocumentState,
): RefreshBuffer {
  if (parts.length === 0) return { kind: 'none' };
  if (
    parts.some(
      (p) =>
        usesRandomSource(p.node) || mentions(p.node, (name) => unit.jitterVariables.has(name) || isRandomName(name)),
    )
  )
    return { kind: 'jittered' };
  const seconds = (evaluate: (node: AnyNode) => number | undefined): number | undefined => {
    let total = 0;
    for (const part of parts) {
      const days = dayCountOperand(part.node);
      const value = evaluate(days ?? part.node);
      if (value === undefined) return undefined;
      total += part.coefficient * value * (days ? Math.sign(secondsPerValue) : secondsPerValue);
    }
    return total;
  };
  const literal = rounded(seconds((node) => numericValue(node)));
  if (literal !== undefined) return literal > 0 ? { kind: 'constant', seconds: literal } : { kind: 'none' };
  const variable = parts.map((p) => variableRead(p.node) ?? readsOf(p.node)[0]).find((n) => n !== undefined) ?? '';
  const fixed = rounded(seconds((node) => numericValueWith(node, doc.constants)));
  const neverAssigned = variable !== '' && doc.assigned !== undefined && !doc.assigned.has(variable);
  const at = (value: number): number | undefined =>
    seconds((node) => numericValueWith(node, new Map([[variable, value]])));
  const one = at(1);
  const zero = at(0);
  const perUnit =
    one !== undefined && zero !== undefined && one > zero ? Math.round((one - zero) * 1e6) / 1e6 : undefined;
  return {
    kind: 'variable',
    variable,
    ...(fixed === undefined ? {} : { constantSeconds: fixed }),
    ...(neverAssigned ? { neverAssigned: true } : {}),
    ...(perUnit === undefined ? {} : { secondsPerUnit: perUnit }),
  };
}

function rounded(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds);
}

function mentions(node: AnyNode, test: (folded: string) => boolean): boolean {
  return readsOf(node).some(test);
}

/** Status comparisons: `resp.statusCode == 401`, `code != 200`, `resp.statusCode >= 400`. */
function statusComparisons(leaves: readonly Leaf[], unit: UnitState, doc: DocumentState): StatusCheck | undefined {
  const equals: number[] = [];
  const notEquals: number[] = [];
  let rangeComparison = false;
  let found = false;
  let callId: number | undefined;
  for (const { node, negated } of leaves) {
    if (node.type !== 'BinaryExpression') continue;
    const pairs: [AnyNode, AnyNode][] = [
      [node.left, node.right],
      [node.right, node.left],
    ];
    for (const [side, other] of pairs) {
      const link = statusLink(side, unit, doc);
      const code = numericValue(other);
      if (!link || code === undefined) continue;
      found = true;
      callId ??= link.callId;
      if (EQUALITY.has(node.operator)) {
        const isEqual = (node.operator === '==' || node.operator === '===') !== negated;
        (isEqual ? equals : notEquals).push(code);
      } else if (RELATIONAL.has(node.operator)) {
        rangeComparison = true;
      }
      break;
    }
  }
  if (!found) return undefined;
  return { ...(callId === undefined ? {} : { callId }), equals, notEquals, rangeComparison };
}

/** The call whose status an expression reads: `resp.statusCode`, `req.status`, a copy such as `code`. */
export function statusLink(node: AnyNode, unit: UnitState, doc: DocumentState): StatusLink | undefined {
  const value = unwrapValue(node);
  if (!value) return undefined;
  if (value.type === 'MemberExpression') {
    const property = foldName(propertyName(value) ?? '');
    const owner = dottedName(value.object);
    if (owner === undefined) return undefined;
    const folded = foldName(owner);
    const callId = unit.responses.get(folded) ?? unit.clients.get(folded)?.lastCallId;
    const knownOwner = unit.responses.has(folded) || unit.clients.has(folded);
    if (isStatusCodeMember(property) || (property === STATUS_MEMBER && knownOwner)) {
      // The guide reads the status from the response (`resp.statusCode`); the model names the request's variable.
      const client = (callId === undefined ? undefined : unit.callClients.get(callId)) ?? folded;
      return callId === undefined ? { client } : { callId, client };
    }
    return undefined;
  }
  const read = variableRead(value);
  if (read === undefined) return undefined;
  if (isLatestStatusVariable(read)) return { client: '' };
  return unit.statusCopies.get(read) ?? doc.persistentStatusCopies.get(read);
}

/** `!tok`, `tok` (truthiness), `tok.length > 0`, `tok == ""`, `"{strCachedToken}" = ""` (DECISION). */
function presenceTest(node: AnyNode, doc: DocumentState): { variable: string; range: TextRange }[] {
  const range = { start: node.start, end: node.end };
  const direct = tokenRead(node, doc);
  if (direct !== undefined && node.type !== 'Literal') return [{ variable: direct, range }];
  if (node.type === 'MemberExpression' && isLengthMember(foldName(propertyName(node) ?? ''))) {
    const variable = tokenRead(node.object, doc);
    return variable === undefined ? [] : [{ variable, range }];
  }
  if (node.type !== 'BinaryExpression' || !(EQUALITY.has(node.operator) || RELATIONAL.has(node.operator))) return [];
  const pairs: [AnyNode, AnyNode][] = [
    [node.left, node.right],
    [node.right, node.left],
  ];
  for (const [side, other] of pairs) {
    if (
      side.type === 'MemberExpression' &&
      isLengthMember(foldName(propertyName(side) ?? '')) &&
      numericValue(other) !== undefined
    ) {
      const variable = tokenRead(side.object, doc);
      if (variable !== undefined) return [{ variable, range }];
    }
    if (EQUALITY.has(node.operator) && isAbsentValue(plainValueOf(other))) {
      const variable = tokenRead(side, doc);
      if (variable !== undefined) return [{ variable, range }];
    }
  }
  return [];
}

function tokenRead(node: AnyNode, doc: DocumentState): string | undefined {
  const name = variableRead(node);
  if (name === undefined) return undefined;
  return doc.tokenVariables.has(name) || isTokenVariableName(name) ? name : undefined;
}

/**
 * Variables a condition reads, folded, in source order: identifiers (not property names or object keys, which are
 * no children in the walk; not JavaScript globals) and `{name}` substitutions inside its strings.
 */
export function readsOf(root: AnyNode): string[] {
  const reads: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    const folded = foldName(name);
    if (isJavaScriptGlobalName(folded) || seen.has(folded)) return;
    seen.add(folded);
    reads.push(folded);
  };
  forEachNode(root, (node) => {
    if (node.type === 'Identifier') {
      add(node.name);
      return false;
    }
    const text = stringValue(node);
    if (text !== undefined) {
      for (const name of substitutionNames(text)) add(name);
      return false;
    }
    if (node.type === 'TemplateLiteral') {
      for (const quasi of node.quasis)
        for (const name of substitutionNames(quasi.value.cooked ?? quasi.value.raw)) add(name);
    }
    return true;
  });
  return reads;
}
