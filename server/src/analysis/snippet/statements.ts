import { rangesStartingIn, type TextRange } from '../../common/text-range';
import type * as A from '../../syntax/snippet/ast';
import type { Condition } from '../model/flow-model';
import { commentedOutAuthCodes } from '../vocabulary/http';
import { readAssignment } from './assignments';
import { readCalls } from './calls';
import { readCondition, statusSource, withCall } from './conditions';
import { numberValue } from './expressions';
import type { Writable } from './flow-state';
import { bareTokenFinding } from './secrets';
import { addReads, noteAccessTokenReads, scanLiterals, sitesOf, type Site } from './sites';
import { within, withGuards, type Ctx, type UnitBuild } from './unit-build';

/**
 * Statements of real Snippet, in source order: each is read where it stands, with the conditions and loops that
 * enclose it (its guards). Branches are read one after the other, as if the code ran straight through.
 */
export function readStatements(build: UnitBuild, list: readonly A.Statement[], ctx: Ctx): void {
  for (const s of list) readStatement(build, s, ctx);
}

export function readStatement(build: UnitBuild, s: A.Statement, ctx: Ctx): void {
  build.key = s.start;
  build.statement = s;
  switch (s.kind) {
    case 'Assign':
      readAssignment(build, s, ctx);
      return;
    case 'ExpressionStatement':
      bareToken(build, s, ctx);
      readExpressions(build, [s.expression], ctx);
      return;
    case 'Return':
      if (s.value) readExpressions(build, [s.value], ctx);
      // RETURN in a FUNCTION is an ordinary return; outside one it ends the snippet early.
      if (!ctx.inFunction) build.errorPath(s, ctx);
      return;
    case 'Break':
      if (ctx.retryLoop) build.errorPath(s, ctx);
      return;
    case 'Trace':
    case 'Uses':
      readExpressions(build, [s.value], ctx);
      return;
    case 'Dynamic':
      if (s.name) build.state.dynamicMembers.set(s.name.folded, new Map());
      return;
    case 'If': {
      const first = build.conditions.length;
      ifStatement(build, s, ctx);
      addCommentedStatus(build, s, first);
      return;
    }
    case 'Select': {
      const first = build.conditions.length;
      selectStatement(build, s, ctx);
      addCommentedStatus(build, s, first);
      return;
    }
    case 'Switch': {
      const first = build.conditions.length;
      switchStatement(build, s, ctx);
      addCommentedStatus(build, s, first);
      return;
    }
    case 'For':
      readExpressions(build, [s.from, s.to], ctx);
      loop(build, s.body, ctx);
      return;
    case 'Foreach':
      readExpressions(build, [s.iterable], ctx);
      loop(build, s.body, ctx);
      return;
    case 'Repeat':
      readExpressions(build, [s.count], ctx);
      loop(build, s.body, ctx);
      return;
    case 'Function':
      functionDeclaration(build, s, ctx);
      return;
    case 'ErrorStatement':
      bareToken(build, s, ctx);
      if (s.block) readStatements(build, s.block.body, ctx);
      return;
  }
}

/** A token pasted on a line of its own reads as a broken statement: it is a literal token all the same. */
function bareToken(build: UnitBuild, s: A.Statement, ctx: Ctx): void {
  const token = bareTokenFinding(s, build.code);
  if (token) build.literal(token, ctx);
}

/**
 * After a branching statement is read (its conditions from `first` on): the status checks it made get the 401/403 its
 * comments hold in commented-out code (`//CASE httpStatus = 401` next to a DEFAULT).
 */
function addCommentedStatus(build: UnitBuild, range: TextRange, first: number): void {
  if (build.conditions.length === first) return;
  // Most branching statements hold no comment: nothing to gather then.
  const inRange = rangesStartingIn(build.source.comments, range);
  if (inRange.length === 0) return;
  const added = build.conditions.slice(first);
  const compared = new Set<number>();
  for (const condition of added) for (const code of condition.statusCheck?.equals ?? []) compared.add(code);
  const comments = inRange.map((comment) => build.slice(comment));
  const commentedOutCodes = commentedOutAuthCodes(comments, compared);
  if (commentedOutCodes.length === 0) return;
  for (const condition of added) {
    if (condition.statusCheck && condition.statusCheck.commentedOutCodes === undefined)
      (condition as Writable<Condition>).statusCheck = { ...condition.statusCheck, commentedOutCodes };
  }
}

function ifStatement(build: UnitBuild, s: A.IfStatement, ctx: Ctx): void {
  const id = readCondition(build, [s.condition], s.condition, ctx);
  readStatements(build, s.then.body, within(ctx, id, 'then'));
  if (!s.else) return;
  const elseCtx = within(ctx, id, 'else');
  if (s.else.kind === 'Block') readStatements(build, s.else.body, elseCtx);
  else readStatement(build, s.else, elseCtx);
}

/** Each CASE group is one condition; later groups and DEFAULT run in the 'else' of every earlier group. */
function selectStatement(build: UnitBuild, s: A.SelectStatement, ctx: Ctx): void {
  let guards = ctx.guards;
  for (const clause of s.clauses) {
    build.key = clause.start;
    const at = withGuards(ctx, guards);
    if (clause.kind === 'DefaultClause') {
      readStatements(build, clause.body.body, at);
      continue;
    }
    const values = clause.labels.map((label) => label.value);
    const id = readCondition(build, values, spanOf(values) ?? clause, at);
    readStatements(build, clause.body.body, within(at, id, 'then'));
    guards = [...guards, { conditionId: id, branch: 'else' }];
  }
}

/** `SWITCH x { CASE 1 … }`: each group is the condition `x = label`. */
function switchStatement(build: UnitBuild, s: A.SwitchStatement, ctx: Ctx): void {
  const discriminantSites = readExpression(build, s.discriminant, ctx, true);
  const status = statusSource(build, s.discriminant);
  const discriminantReads = new Set<string>();
  addReads(discriminantSites, discriminantReads);
  let guards = ctx.guards;
  for (const clause of s.clauses) {
    build.key = clause.start;
    const at = withGuards(ctx, guards);
    if (clause.kind === 'DefaultClause') {
      readStatements(build, clause.body.body, at);
      continue;
    }
    const values = clause.labels.map((label) => label.value);
    const valueSites = values.map((v) => sitesOf(v, true));
    for (const sites of valueSites) scanLiterals(build, sites, at);
    const range = spanOf(values) ?? clause;
    const readSet = new Set(discriminantReads);
    for (const sites of valueSites) addReads(sites, readSet);
    const id = build.options.ids.nextCondition();
    const condition: Writable<Condition> = { id, range: build.doc(range), reads: [...readSet] };
    if (status) {
      const equals = values.map((v) => numberValue(v)).filter((n): n is number => n !== undefined);
      condition.statusCheck = withCall({ equals, notEquals: [], rangeComparison: false }, status.callId);
    }
    build.conditions.push(condition);
    readStatements(build, clause.body.body, within(at, id, 'then'));
    guards = [...guards, { conditionId: id, branch: 'else' }];
  }
}

function loop(build: UnitBuild, body: A.Block, ctx: Ctx): void {
  const retryLoop = build.facts.restCallLoopBodies.has(body);
  readStatements(build, body.body, { guards: ctx.guards, inLoop: true, inFunction: ctx.inFunction, retryLoop });
}

/**
 * A FUNCTION body is read where it is declared, with the guards there; it counts as in a loop when the function
 * is called inside one. What it learns (strings, proxies…) is dropped afterwards: it runs when called, not here.
 */
function functionDeclaration(build: UnitBuild, s: A.FunctionDeclaration, ctx: Ctx): void {
  const name = s.name?.folded ?? '';
  const scope = build.state.enterScope();
  try {
    readStatements(build, s.body.body, {
      guards: ctx.guards,
      inLoop: ctx.inLoop || build.facts.calledInLoops.has(name),
      inFunction: true,
      retryLoop: false,
    });
  } finally {
    build.state.leaveScope(scope);
  }
}

/** Expressions of a statement that are not a condition: literals, `.access_token` reads and calls. */
function readExpressions(build: UnitBuild, list: readonly A.Expression[], ctx: Ctx): void {
  for (const e of list) readExpression(build, e, ctx, false);
}

/** One expression's literals, `.access_token` reads and calls; its sites, with the variables read when `withReads`. */
function readExpression(build: UnitBuild, e: A.Expression, ctx: Ctx, withReads: boolean): readonly Site[] {
  const sites = sitesOf(e, withReads);
  scanLiterals(build, sites, ctx);
  noteAccessTokenReads(build, sites);
  readCalls(build, sites, ctx, null, undefined);
  return sites;
}

function spanOf(expressions: readonly A.Expression[]): TextRange | null {
  const first = expressions[0];
  const last = expressions[expressions.length - 1];
  return first && last ? { start: first.start, end: Math.max(first.start, last.end) } : null;
}
