import {
  isExpressionNode,
  pushExpressionChildren,
  walk,
  type CallExpression,
  type AstNode,
  type Block,
  type Expression,
  type ExpressionNode,
  type ForeachStatement,
  type ForStatement,
  type FunctionDeclaration,
  type MemberExpression,
  type Program,
  type RepeatStatement,
} from '../../syntax/snippet/ast';
import { isAccessTokenMember, isTokenFunctionName } from '../vocabulary/credential-patterns';
import {
  isAuthorizationHeaderName,
  isBlankOrBearerPrefix,
  isExpiresInMember,
  isHeaderSetterName,
  SNIPPET_REQUEST_METHOD,
  startsWithBasicScheme,
} from '../vocabulary/http';
import { isExpiryName, isLifetimeName, isTokenishName, isTokenVariableName } from '../vocabulary/names';
import {
  asComparison,
  calleeName,
  conditionLeaves,
  identifiersRead,
  isOrdering,
  someNode,
  throughStringCopy,
  unwrap,
  writtenText,
} from './expressions';
import type { NameLookup, NameSet } from './document-facts';
import { constantValue, isNowExpression } from './time';
import { constantOf, difference, timeForm, type TimeEnv } from './time-form';
import {
  summarizeValue,
  summaryIsJitter,
  summaryMentionsNow,
  summaryReadsAny,
  type NodeNotes,
  type ValueSummary,
} from './value-summary';

/**
 * What a whole piece of Snippet code says about its names, gathered before the in-order pass: which variables
 * hold "now", a token, an expiry time or a lifetime, which user functions return a token, and which functions
 * are called inside loops. The in-order pass needs these where a name is tested before it is assigned (Strategy
 * B tests `cachedToken` and `tokenExpiry` above the refresh that sets them).
 */
export interface SnippetFacts {
  readonly nowVariables: ReadonlySet<string>;
  /**
   * Now variables whose value is a known multiple of now, with the seconds in one unit of it (`nowSec = timestamp /
   * 10000000` counts seconds: 1; `nowDays = utc`: 86400).
   */
  readonly nowUnits: ReadonlyMap<string, number>;
  /** Every variable the code assigns (ASSIGN targets, FUNCTION parameters, FOR and FOREACH variables). */
  readonly assignedNames: ReadonlySet<string>;
  readonly tokenVariables: ReadonlySet<string>;
  readonly expiryVariables: ReadonlySet<string>;
  /**
   * Variables holding a time a token is due at under a name that does not say so: a copy of an expiry
   * (`ASSIGN e = tokenExpiry`). Compared with now, they are expiries; they are not stored expiries themselves.
   */
  readonly dueTimes: ReadonlySet<string>;
  readonly lifetimeVariables: ReadonlySet<string>;
  /** User FUNCTIONs that return a token (by name, or a body that reads `.access_token` and returns a value). */
  readonly tokenFunctions: ReadonlySet<string>;
  /** Functions called somewhere inside FOR/FOREACH/REPEAT. */
  readonly calledInLoops: ReadonlySet<string>;
  /** Variables whose every assignment in the code is the same constant arithmetic (`300`, `300 / 86400`), else null. */
  readonly constantAssignments: ReadonlyMap<string, number | null>;
  /** Variables assigned a jittered value (random, jitter, `ContactID % n`) somewhere in the code. */
  readonly jitterVariables: ReadonlySet<string>;
  /** Variables whose every assignment in the code is the same string (text as written), null otherwise. */
  readonly stringAssignments: ReadonlyMap<string, string | null>;
  /** Summaries of the values assigned to plain variables, by value: the in-order pass asks the same of them. */
  readonly valueSummaries: ReadonlyMap<Expression, ValueSummary>;
  /** Bodies of FOR/FOREACH/REPEAT loops that make a REST call somewhere inside (BREAK there leaves a retry loop). */
  readonly restCallLoopBodies: ReadonlySet<Block>;
}

/**
 * What the in-order pass reads of the facts: names asked about one at a time (so that a resumed lowering can note
 * which statement first asked about which name: analysis/snippet/resume.ts), and two caches by syntax node.
 */
export interface LoweringFacts {
  readonly nowVariables: NameSet;
  readonly nowUnits: NameLookup<number>;
  readonly tokenVariables: NameSet;
  readonly expiryVariables: NameSet;
  readonly dueTimes: NameSet;
  readonly lifetimeVariables: NameSet;
  readonly tokenFunctions: NameSet;
  readonly calledInLoops: NameSet;
  /** By value node: a summary is the value's own, whatever the rest of the code says. */
  readonly valueSummaries: ReadonlyMap<Expression, ValueSummary>;
  /** By loop body: whether a REST call is inside is the body's own. */
  readonly restCallLoopBodies: ReadonlySet<Block>;
}

const NO_CONSTANTS: ReadonlyMap<string, number> = new Map();

/** What a FUNCTION's body holds (see `tokenFunctions`). */
interface FunctionBody {
  readsToken: boolean;
  returnsValue: boolean;
}

/** How a value hands over a token, if it does. */
export type TokenSource =
  | { readonly kind: 'response'; readonly member: MemberExpression }
  | { readonly kind: 'function' }
  | { readonly kind: 'alias'; readonly variable: string };

/**
 * The token a value yields: `r.access_token` (response), `GetOAuthToken()` (function), another token variable
 * (alias), each also inside `"{…}"` or `"Bearer {…}"`.
 */
export function tokenSourceOf(
  value: Expression,
  tokenFunctions: NameSet,
  isTokenVariable: (folded: string) => boolean,
): TokenSource | null {
  const x = unwrap(value);
  let inner: Expression = x;
  if (x.kind === 'StringLiteral') {
    let found: Expression | null = null;
    for (const part of x.parts) {
      if (part.kind === 'Interpolation') {
        if (found) return null;
        found = part.expression;
      } else if (!isBlankOrBearerPrefix(part.value)) {
        return null;
      }
    }
    if (!found) return null;
    inner = unwrap(found);
  }
  if (inner.kind === 'Member' && isAccessTokenMember(inner.property)) return { kind: 'response', member: inner };
  if (inner.kind === 'Call') {
    const name = calleeName(inner);
    if (name !== null && (isTokenFunctionName(name) || tokenFunctions.has(name))) return { kind: 'function' };
    return null;
  }
  if (inner.kind === 'Identifier' && isTokenVariable(inner.folded)) return { kind: 'alias', variable: inner.folded };
  return null;
}

/** A read of `.expires_in` (any case) anywhere in the value. */
export function readsExpiresIn(e: Expression): boolean {
  return someNode(e, (n) => n.kind === 'Member' && isExpiresInMember(n.propertyFolded));
}

/** Facts already gathered, by program: an export's unchanged actions keep their parse, and so their facts. */
const FACTS = new WeakMap<Program, SnippetFacts>();

/** `collectSnippetFacts`, once per program (a program is the parse of one code, and facts are read, never changed). */
export function snippetFactsOf(program: Program, code: string): SnippetFacts {
  let facts = FACTS.get(program);
  if (!facts) {
    facts = collectSnippetFacts(program, code);
    FACTS.set(program, facts);
  }
  return facts;
}

export function collectSnippetFacts(program: Program, code: string): SnippetFacts {
  const conditions: Expression[] = [];
  const functions: FunctionDeclaration[] = [];
  const assignedNames = new Set<string>();
  const headerValues: Expression[] = [];
  const calledInLoops = new Set<string>();
  let loopDepth = 0;
  const restCallLoopBodies = new Set<Block>();
  /**
   * Loop bodies the walk is in, innermost last. A REST call marks the innermost; leaving a marked body marks the next.
   */
  const openLoopBodies: Block[] = [];
  const noteCall = (x: CallExpression): void => {
    if (loopDepth > 0 && x.callee.kind === 'Identifier') calledInLoops.add(x.callee.folded);
    const method = x.callee.kind === 'Member' ? x.callee.propertyFolded : '';
    if (isHeaderSetterName(method) && x.args[1] && isAuthorizationName(x.args[0])) headerValues.push(x.args[1]);
    const innermost = openLoopBodies[openLoopBodies.length - 1];
    if (innermost && method === SNIPPET_REQUEST_METHOD) restCallLoopBodies.add(innermost);
  };
  /**
   * What each FUNCTION's body holds, for `tokenFunctions`: an `.access_token` read, a RETURN with a value (a body
   * holds what its nested FUNCTIONs hold). Open functions innermost last, noted as the walk goes.
   */
  const bodies: FunctionBody[] = [];
  const openBodies: FunctionBody[] = [];
  const noteMember = (x: MemberExpression): void => {
    if (openBodies.length > 0 && isAccessTokenMember(x.property)) for (const body of openBodies) body.readsToken = true;
  };
  const notes: NodeNotes = { call: noteCall, member: noteMember };
  /** The calls and members of an expression, found by a loop of its own (faster than a callback per node). */
  const noteCalls = (expression: Expression): void => {
    const stack: ExpressionNode[] = [expression];
    for (let x = stack.pop(); x; x = stack.pop()) {
      pushExpressionChildren(x, stack);
      if (x.kind === 'Call') noteCall(x);
      else if (x.kind === 'Member') noteMember(x);
    }
  };
  // Per plain-variable assignment, in walk order: its target's name, its value, and the value's summary (made in the
  // same walk that notes the value's calls). The rounds below read these arrays, not the tree again.
  const targets: string[] = [];
  const values: Expression[] = [];
  const summaries: ValueSummary[] = [];
  const valueSummaries = new Map<Expression, ValueSummary>();
  walk(
    program,
    (node, parent) => {
      switch (node.kind) {
        case 'Assign':
          if (node.target.kind !== 'Identifier') break; // its target and value are walked as expressions
          // The target is a name (no calls in it); the value is summarised and its calls noted in one walk.
          targets.push(node.target.folded);
          values.push(node.value);
          summaries.push(summarizeValue(node.value, notes));
          valueSummaries.set(node.value, summaries[summaries.length - 1]!);
          return false;
        case 'If':
          conditions.push(node.condition);
          break;
        case 'Select':
          for (const c of node.clauses) if (c.kind === 'CaseGroup') for (const l of c.labels) conditions.push(l.value);
          break;
        case 'Function': {
          functions.push(node);
          for (const param of node.params) assignedNames.add(param.folded);
          const body = { readsToken: false, returnsValue: false };
          bodies.push(body);
          openBodies.push(body);
          break;
        }
        case 'Return':
          if (node.value !== null) for (const body of openBodies) body.returnsValue = true;
          break;
        case 'For':
        case 'Foreach':
          if (node.variable) assignedNames.add(node.variable.folded);
          loopDepth++;
          break;
        case 'Repeat':
          loopDepth++;
          break;
        case 'Block':
          if (parent && isLoop(parent) && parent.body === node) openLoopBodies.push(node);
          break;
        default:
          if (isExpressionNode(node)) {
            noteCalls(node);
            return false;
          }
          break;
      }
      return undefined;
    },
    (node: AstNode) => {
      if (node.kind === 'Function') openBodies.pop();
      if (node.kind === 'For' || node.kind === 'Foreach' || node.kind === 'Repeat') loopDepth--;
      if (node.kind === 'Block' && node === openLoopBodies[openLoopBodies.length - 1]) {
        openLoopBodies.pop();
        const outer = openLoopBodies[openLoopBodies.length - 1];
        if (outer && restCallLoopBodies.has(node)) restCallLoopBodies.add(outer);
      }
    },
  );

  const count = targets.length;

  // "now" and its copies (two rounds cover a copy of a copy; a round that adds nothing is the last).
  const nowVariables = new Set<string>();
  for (let round = 0; round < 2; round++) {
    const before = nowVariables.size;
    for (let i = 0; i < count; i++) if (isNowExpression(values[i]!, nowVariables)) nowVariables.add(targets[i]!);
    if (nowVariables.size === before) break;
  }
  // Now scaled (`timestamp / 10000000`): a now variable whose unit is known from its value.
  const nowUnits = new Map<string, number>();
  const nowEnv: TimeEnv = {
    nowUnits,
    nowVariables,
    isExpiry: isExpiryName,
    isLifetime: () => false,
    code,
  };
  for (let round = 0; round < 2; round++) {
    const before = nowUnits.size;
    for (let i = 0; i < count; i++) {
      const name = targets[i]!;
      if (nowUnits.has(name) || !summaryMentionsNow(summaries[i]!, nowVariables)) continue;
      const form = timeForm(values[i]!, nowEnv);
      if (!form || form.now === 0 || form.expiry || form.lifetimes.length > 0 || constantOf(form) !== 0) continue;
      nowUnits.set(name, 1 / form.now);
      nowVariables.add(name);
    }
    if (nowUnits.size === before) break;
  }
  const mentionsNow = summaries.map((summary) => summaryMentionsNow(summary, nowVariables));

  const lifetimeVariables = new Set<string>();
  for (let i = 0; i < count; i++) {
    const name = targets[i]!;
    if (mentionsNow[i]) continue;
    if (summaries[i]!.readsExpiresIn || isLifetimeName(name)) lifetimeVariables.add(name);
  }

  const tokenFunctions = new Set<string>();
  functions.forEach((f, i) => {
    const { readsToken, returnsValue } = bodies[i]!;
    if (f.name && (isTokenFunctionName(f.name.name) || (readsToken && returnsValue))) tokenFunctions.add(f.name.folded);
  });

  const tokenVariables = new Set<string>();
  for (const value of headerValues) {
    const x = unwrap(value);
    if (x.kind === 'StringLiteral') {
      if (x.parts.some((p) => p.kind === 'StringText' && startsWithBasicScheme(p.value))) continue;
      for (const part of x.parts) {
        if (part.kind !== 'Interpolation') continue;
        const inner = unwrap(part.expression);
        if (inner.kind === 'Member' && isAccessTokenMember(inner.property)) continue; // read in place from a response
        for (const id of identifiersRead(inner)) tokenVariables.add(id.folded);
      }
    }
  }
  const isTokenVariable = (n: string): boolean => tokenVariables.has(n) || isTokenVariableName(n);
  for (let round = 0; round < 3; round++) {
    const before = tokenVariables.size;
    for (let i = 0; i < count; i++) {
      if (tokenSourceOf(values[i]!, tokenFunctions, isTokenVariable)) tokenVariables.add(targets[i]!);
    }
    if (tokenVariables.size === before) break;
  }

  // Expiry times: by name, by value (now + expires_in), or by being compared with now (token-ish names only,
  // so business-hours checks such as `now > closingTime` are not expiry checks).
  const expiryVariables = new Set<string>();
  const nowPlus = new Set<string>();
  for (let i = 0; i < count; i++) {
    const name = targets[i]!;
    if (isLifetimeName(name)) continue;
    if (isExpiryName(name)) expiryVariables.add(name);
    const summary = summaries[i]!;
    if (mentionsNow[i] && isNowPlusSomething(values[i]!, nowEnv)) nowPlus.add(name);
    if (mentionsNow[i] && (summary.readsExpiresIn || summaryReadsAny(summary, lifetimeVariables)))
      expiryVariables.add(name);
  }
  const candidateEnv: TimeEnv = {
    ...nowEnv,
    isExpiry: (name) => !isLifetimeName(name) && (isExpiryName(name) || isTokenishName(name) || nowPlus.has(name)),
  };
  for (const condition of conditions) {
    for (const leaf of conditionLeaves(condition)) {
      const cmp = asComparison(leaf);
      if (!cmp || !isOrdering(cmp.operator)) continue;
      // `left - right` as `a·now + b·expiry + Σ parts`: a time named like an expiry or a token's (or set to now
      // plus something) on the other side of now is compared with now, whatever the arrangement
      // (`datediff("s", utc, authValidTo) < 300`); `now > closingTime` is a business-hours check.
      const left = timeForm(cmp.left, candidateEnv);
      const right = left && timeForm(cmp.right, candidateEnv);
      const form = left && right ? difference(left, right) : null;
      if (form?.expiry && form.now !== 0 && Math.sign(form.expiry.coefficient) !== Math.sign(form.now))
        expiryVariables.add(form.expiry.name);
    }
  }

  const dueTimes = new Set<string>();
  for (let round = 0; round < 2; round++) {
    const before = dueTimes.size;
    for (let i = 0; i < count; i++) {
      const name = targets[i]!;
      if (expiryVariables.has(name) || isLifetimeName(name) || nowVariables.has(name)) continue;
      const copied = throughStringCopy(values[i]!);
      if (copied.kind !== 'Identifier') continue;
      if (expiryVariables.has(copied.folded) || isExpiryName(copied.folded) || dueTimes.has(copied.folded))
        dueTimes.add(name);
    }
    if (dueTimes.size === before) break;
  }

  // Constant assignments (for fixed buffers held in a variable): null once a variable gets anything else.
  const constantAssignments = new Map<string, number | null>();
  for (let i = 0; i < count; i++) {
    const name = targets[i]!;
    assignedNames.add(name);
    const value = constantValue(values[i]!, NO_CONSTANTS);
    const previous = constantAssignments.get(name);
    if (value === undefined || (previous !== undefined && previous !== value)) constantAssignments.set(name, null);
    else constantAssignments.set(name, value);
  }

  const jitterVariables = new Set<string>();
  for (let round = 0; round < 2; round++) {
    const before = jitterVariables.size;
    for (let i = 0; i < count; i++) {
      if (summaryIsJitter(summaries[i]!, jitterVariables)) jitterVariables.add(targets[i]!);
    }
    if (jitterVariables.size === before) break;
  }

  const stringAssignments = new Map<string, string | null>();
  for (let i = 0; i < count; i++) {
    const name = targets[i]!;
    const x = unwrap(values[i]!);
    const value = x.kind === 'StringLiteral' ? writtenText(x, code) : undefined;
    const previous = stringAssignments.get(name);
    if (value === undefined || (previous !== undefined && previous !== value)) stringAssignments.set(name, null);
    else stringAssignments.set(name, value);
  }

  return {
    stringAssignments,
    nowVariables,
    nowUnits,
    assignedNames,
    tokenVariables,
    expiryVariables,
    dueTimes,
    lifetimeVariables,
    tokenFunctions,
    calledInLoops,
    constantAssignments,
    jitterVariables,
    valueSummaries,
    restCallLoopBodies,
  };
}

/** `now + something` in any form (`utc + 0.04`, `dateadd("s", 3600, utc)`, `timestamp / 10000000 + 3600`). */
function isNowPlusSomething(value: Expression, env: TimeEnv): boolean {
  const form = timeForm(value, env);
  return form !== null && form.now !== 0 && !form.expiry && (form.parts.length > 0 || form.lifetimes.length > 0);
}

/** `AddHeader("Authorization", …)`: the header name is a literal "Authorization" (any case). */
function isAuthorizationName(e: Expression | undefined): boolean {
  if (!e) return false;
  const x = unwrap(e);
  return (
    x.kind === 'StringLiteral' &&
    x.parts.length === 1 &&
    x.parts[0]!.kind === 'StringText' &&
    isAuthorizationHeaderName(x.parts[0]!.value)
  );
}

function isLoop(node: AstNode): node is ForStatement | ForeachStatement | RepeatStatement {
  return node.kind === 'For' || node.kind === 'Foreach' || node.kind === 'Repeat';
}
