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
  type Statement,
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

const NO_CONSTANTS: ReadonlyMap<string, number> = new Map();

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
  tokenFunctions: ReadonlySet<string>,
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

/**
 * `snippetFactsOf` for a new version of code whose previous version's facts are `earlier`: the walk of the top-level
 * statements the two versions share (the same syntax objects, before an edit: syntax/snippet/reuse.ts) is taken
 * over when `earlier` kept it, and this version's walk is kept for the next one. The facts are the ones
 * `collectSnippetFacts` gathers.
 */
export function snippetFactsAfter(program: Program, code: string, earlier: SnippetFacts | undefined): SnippetFacts {
  let facts = FACTS.get(program);
  if (!facts) {
    const walk = walkStatements(program.body, earlier && WALKS.get(earlier));
    facts = factsOfWalk(walk, code);
    WALKS.set(facts, walk);
    FACTS.set(program, facts);
  }
  return facts;
}

export function collectSnippetFacts(program: Program, code: string): SnippetFacts {
  return factsOfWalk(walkStatements(program.body, undefined), code);
}

/** What a FUNCTION's body holds (see `tokenFunctions`). */
interface FunctionBody {
  readsToken: boolean;
  returnsValue: boolean;
}

/**
 * What the walk of a code's tree gathered, in source order, for the rounds of `factsOfWalk`. Each top-level statement
 * adds to the end of each list, so the lists up to a statement are what the statements before it gathered: `starts`
 * holds, per statement, the lengths of the lists before it (`WALK_LISTS` numbers each).
 */
interface FactsWalk {
  readonly statements: readonly Statement[];
  /** Per plain-variable assignment: its target's name, its value, the value's summary. */
  readonly targets: string[];
  readonly values: Expression[];
  readonly summaries: ValueSummary[];
  readonly conditions: Expression[];
  readonly functions: FunctionDeclaration[];
  readonly bodies: FunctionBody[];
  readonly headerValues: Expression[];
  /** FUNCTION parameters, FOR and FOREACH variables; functions called inside loops; loop bodies making REST calls. */
  readonly declared: Set<string>;
  readonly calledInLoops: Set<string>;
  readonly restCallLoopBodies: Set<Block>;
  readonly starts: number[];
}

const WALK_LISTS = 7;

/** Walks kept for the next version, by the facts made from them (`snippetFactsAfter`). */
const WALKS = new WeakMap<SnippetFacts, FactsWalk>();

/** A Set's first `count` members, in the order they were added (a statement adds after every earlier one). */
function firstOf<T>(set: ReadonlySet<T>, count: number): Set<T> {
  if (count === set.size) return new Set(set);
  const out = new Set<T>();
  for (const member of set) {
    if (out.size === count) break;
    out.add(member);
  }
  return out;
}

/** The walk of `statements`, taking over `earlier`'s part for the statements they start with. */
function walkStatements(statements: readonly Statement[], earlier: FactsWalk | undefined): FactsWalk {
  let same = 0;
  if (earlier) {
    const n = Math.min(statements.length, earlier.statements.length);
    while (same < n && statements[same] === earlier.statements[same]) same++;
  }
  const at = (list: number): number => earlier!.starts[same * WALK_LISTS + list]!;
  const walked: FactsWalk =
    earlier && same > 0
      ? {
          statements,
          targets: earlier.targets.slice(0, at(0)),
          values: earlier.values.slice(0, at(0)),
          summaries: earlier.summaries.slice(0, at(0)),
          conditions: earlier.conditions.slice(0, at(1)),
          functions: earlier.functions.slice(0, at(2)),
          bodies: earlier.bodies.slice(0, at(2)),
          headerValues: earlier.headerValues.slice(0, at(3)),
          declared: firstOf(earlier.declared, at(4)),
          calledInLoops: firstOf(earlier.calledInLoops, at(5)),
          restCallLoopBodies: firstOf(earlier.restCallLoopBodies, at(6)),
          starts: earlier.starts.slice(0, same * WALK_LISTS),
        }
      : {
          statements,
          targets: [],
          values: [],
          summaries: [],
          conditions: [],
          functions: [],
          bodies: [],
          headerValues: [],
          declared: new Set(),
          calledInLoops: new Set(),
          restCallLoopBodies: new Set(),
          starts: [],
        };
  const { targets, values, summaries, conditions, functions, bodies, headerValues } = walked;
  const { declared, calledInLoops, restCallLoopBodies, starts } = walked;
  let loopDepth = 0;
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
  const enter = (node: AstNode, parent: AstNode | null): false | undefined => {
    switch (node.kind) {
      case 'Assign':
        if (node.target.kind !== 'Identifier') break; // its target and value are walked as expressions
        // The target is a name (no calls in it); the value is summarised and its calls noted in one walk.
        targets.push(node.target.folded);
        values.push(node.value);
        summaries.push(summarizeValue(node.value, notes));
        return false;
      case 'If':
        conditions.push(node.condition);
        break;
      case 'Select':
        for (const c of node.clauses) if (c.kind === 'CaseGroup') for (const l of c.labels) conditions.push(l.value);
        break;
      case 'Function': {
        functions.push(node);
        for (const param of node.params) declared.add(param.folded);
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
        if (node.variable) declared.add(node.variable.folded);
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
  };
  const leave = (node: AstNode): void => {
    if (node.kind === 'Function') openBodies.pop();
    if (node.kind === 'For' || node.kind === 'Foreach' || node.kind === 'Repeat') loopDepth--;
    if (node.kind === 'Block' && node === openLoopBodies[openLoopBodies.length - 1]) {
      openLoopBodies.pop();
      const outer = openLoopBodies[openLoopBodies.length - 1];
      if (outer && restCallLoopBodies.has(node)) restCallLoopBodies.add(outer);
    }
  };
  // One statement at a time (nothing is open between two top-level statements), noting where each one's part starts.
  for (let i = same; i <= statements.length; i++) {
    starts.push(
      targets.length,
      conditions.length,
      functions.length,
      headerValues.length,
      declared.size,
      calledInLoops.size,
      restCallLoopBodies.size,
    );
    if (i < statements.length) walk(statements[i]!, enter, leave);
  }
  return walked;
}

/** The facts of a walk: the rounds that find now, lifetime, token and expiry variables, and the rest. */
function factsOfWalk(walked: FactsWalk, code: string): SnippetFacts {
  const { targets, values, summaries, conditions, functions, bodies, headerValues } = walked;
  const assignedNames = new Set(walked.declared);
  const valueSummaries = new Map<Expression, ValueSummary>();
  for (let i = 0; i < values.length; i++) valueSummaries.set(values[i]!, summaries[i]!);
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
    calledInLoops: walked.calledInLoops,
    constantAssignments,
    jitterVariables,
    valueSummaries,
    restCallLoopBodies: walked.restCallLoopBodies,
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
