import type { AnyNode, BinaryExpression } from 'acorn';
import type { TextRange } from '../../common/text-range';
import type { ExpiryCheck, StatusCheck } from '../model/flow-model';
import type { DocumentState, StatusLink, UnitState } from './extract-state';
import { isLatestStatusVariable, isLengthMember, isStatusCodeMember, STATUS_MEMBER } from '../vocabulary/http';
import { isJavaScriptGlobalName } from '../vocabulary/javascript';
import { foldName, isRandomName, isTokenVariableName } from '../vocabulary/names';
import { isAbsentValue } from '../vocabulary/values';
import { forEachNode } from '../../syntax/guide/walk';
import {
  dottedName,
  numericValue,
  plainValueOf,
  propertyName,
  stringValue,
  substitutionNames,
  unwrapValue,
  usesRandomSource,
  variableRead,
} from './expressions';
import { comparedExpiryRead, isNowExpression, isNowPlus } from './time';

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
const MIRROR: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

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
 * `now OP expiry [- buffer]`, `expiry [- buffer] OP now`, `now + buffer OP expiry`, `expiry - now OP buffer`.
 * "Refresh needed" is `now >= expiry - buffer`; the branch taken when it holds is the refresh branch.
 */
function expiryComparison(leaf: Leaf, unit: UnitState, doc: DocumentState): ExpiryCheck | undefined {
  const node = leaf.node;
  if (node.type !== 'BinaryExpression' || !RELATIONAL.has(node.operator)) return undefined;
  let op: string = node.operator;
  let left: AnyNode = node.left;
  let right: AnyNode = node.right;
  if (
    !isNowExpression(left, unit) &&
    !isNowPlus(left, unit) &&
    (isNowExpression(right, unit) || isNowPlus(right, unit))
  ) {
    [left, right] = [right, left];
    op = MIRROR[op]!;
  }
  const comparisonRange = { start: node.start, end: node.end };
  let expiryVariable: string | undefined;
  let buffer: ExpiryCheck['buffer'] | undefined;
  let bufferNode: AnyNode | undefined;
  let refreshWhenTrue: boolean;

  if (isNowExpression(left, unit)) {
    // now OP expiry  |  now OP expiry - buffer
    expiryVariable = comparedExpiryRead(right, unit, doc);
    if (expiryVariable !== undefined) {
      buffer = { kind: 'none' };
    } else if (right.type === 'BinaryExpression' && right.operator === '-') {
      expiryVariable = comparedExpiryRead(right.left, unit, doc);
      if (expiryVariable !== undefined) {
        bufferNode = right.right;
        buffer = bufferOf(right.right, unit, doc);
      }
    }
    refreshWhenTrue = op === '>' || op === '>=';
  } else if (isNowPlus(left, unit)) {
    // now + buffer OP expiry
    const sum = left as BinaryExpression;
    expiryVariable = comparedExpiryRead(right, unit, doc);
    bufferNode = isNowExpression(sum.left, unit) ? sum.right : sum.left;
    buffer = bufferOf(bufferNode, unit, doc);
    refreshWhenTrue = op === '>' || op === '>=';
  } else {
    // expiry - now OP buffer (the time left)
    let remaining = left;
    let other = right;
    if (!isTimeLeft(remaining, unit, doc) && isTimeLeft(other, unit, doc)) {
      [remaining, other] = [other, remaining];
      op = MIRROR[op]!;
    }
    if (!isTimeLeft(remaining, unit, doc)) return undefined;
    expiryVariable = comparedExpiryRead((remaining as BinaryExpression).left, unit, doc);
    bufferNode = other;
    buffer = bufferOf(other, unit, doc);
    refreshWhenTrue = op === '<' || op === '<=';
  }
  if (expiryVariable === undefined || buffer === undefined) return undefined;
  const refreshBranch = refreshWhenTrue !== leaf.negated ? 'then' : 'else';
  const bufferRange = bufferNode && buffer.kind !== 'none' ? withParentheses(doc.text, bufferNode) : undefined;
  return { expiryVariable, buffer, refreshBranch, comparisonRange, ...(bufferRange ? { bufferRange } : {}) };
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

function isTimeLeft(node: AnyNode, unit: UnitState, doc: DocumentState): boolean {
  return (
    node.type === 'BinaryExpression' &&
    node.operator === '-' &&
    isNowExpression(node.right, unit) &&
    comparedExpiryRead(node.left, unit, doc) !== undefined
  );
}

/**
 * The buffer subtracted from an expiry: a constant (seconds; `300 / 86400` day counts read as 300), a variable, or
 * jittered.
 */
export function bufferOf(node: AnyNode, unit: UnitState, doc: DocumentState): ExpiryCheck['buffer'] {
  if (usesRandomSource(node) || mentions(node, (name) => unit.jitterVariables.has(name) || isRandomName(name)))
    return { kind: 'jittered' };
  if (node.type === 'BinaryExpression' && node.operator === '/' && numericValue(node.right) === 86400) {
    const seconds = numericValue(node.left);
    if (seconds !== undefined) return seconds === 0 ? { kind: 'none' } : { kind: 'constant', seconds };
    return bufferOf(node.left, unit, doc);
  }
  const value = numericValue(node);
  if (value !== undefined) return value === 0 ? { kind: 'none' } : { kind: 'constant', seconds: value };
  const variable = variableRead(node) ?? firstIdentifier(node) ?? '';
  const constantSeconds = doc.constants.get(variable);
  return constantSeconds === undefined
    ? { kind: 'variable', variable }
    : { kind: 'variable', variable, constantSeconds };
}

function mentions(node: AnyNode, test: (folded: string) => boolean): boolean {
  return readsOf(node).some(test);
}

function firstIdentifier(node: AnyNode): string | undefined {
  return readsOf(node)[0];
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
