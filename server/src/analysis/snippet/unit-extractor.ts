import type { Settings } from '../../common/settings';
import type { TextRange } from '../../common/text-range';
import * as A from '../../syntax/snippet/ast';
import {
  dateAddUnitSeconds,
  daysToSeconds,
  isAbsentValue,
  isAccessTokenMember,
  isAuthorizationHeaderName,
  isClearingValue,
  isDateAddFunction,
  isErrorValue,
  isErrorVariableName,
  isExpiresInMember,
  isExpiryName,
  isHeaderSetterName,
  isLatestStatusVariable,
  isLengthMember,
  isProxyFactoryName,
  isStatusCodeMember,
  isTokenEndpointUrl,
  isTokenRequestBody,
  isTokenVariableName,
  SNIPPET_REQUEST_METHOD,
  startsWithBasicScheme,
  THROW_METHOD,
} from '../vocabulary';
import type {
  CodeUnit,
  Condition,
  ExpiryCheck,
  FlowEvent,
  Guard,
  RestCallEvent,
  StatusCheck,
  TokenUseEvent,
} from '../model/flow-model';
import {
  addedToNow,
  asComparison,
  calleeName,
  clearTraversalStack,
  conditionLeaves,
  constantValue,
  flipOperator,
  identifiersRead,
  isNowExpression,
  isOrdering,
  isJitterExpression,
  memberPath,
  methodCall,
  nameRange,
  numberValue,
  plainValueOf,
  pushChildrenExceptCalledName,
  rootIdentifier,
  secondsLiteralRange,
  someNode,
  summarizeValue,
  summaryIsJitter,
  summaryMentionsNow,
  throughStringCopy,
  traversalStack,
  unwrap,
  writtenText,
  type ValueSummary,
} from './expressions';
import { collectSnippetFacts, tokenSourceOf, type SnippetFacts } from './facts';
import {
  basicCredentialsFinding,
  findingsInText,
  headerLiteralFinding,
  namedLiteralFinding,
  type LiteralFinding,
} from './secrets';

/**
 * Lowers one piece of real Snippet code (a `.snippet` file or the code of one SNIPPET action) into a CodeUnit of
 * the token-flow model. The code is read once, statement by statement in source order, keeping what is known so
 * far (the latest call on each proxy, the latest string in a variable, status copies…) as if it ran straight
 * through: a fact learned inside a branch stays known after it. Such facts only name things (URLs, bodies, call
 * ids, copies); which branch an event sits in always comes from the tree, as its guards.
 *
 * Per event kind (ranges are document ranges, names folded, `global:` dropped):
 * - rest-call: every `<client>.MakeRestRequest(url, body, type, verb)`; range = the call, statementRange = its
 *   statement. url/body as written (`{var}` kept), or a variable argument's latest string.
 * - token-use: each variable interpolated into an Authorization header (`AddHeader`, or an `.Authorization` member);
 *   callId = the client's next call. A header variable that is itself a token copy is the use.
 * - token-acquire: `t = r.access_token`, `t = GetOAuthToken()`, `t = otherToken`, also inside `"{…}"` /
 *   `"Bearer {…}"`; range = the statement. `{r.access_token}` read in a header is acquired in place (persistent false).
 * - expiry-set, status-copy, error-path: the assignment statement (error-path also `.throw()`, RETURN outside a
 *   FUNCTION, BREAK in a loop that makes REST calls).
 * - token-presence-check: the leaf of the condition that tests the token.
 * - secret-literal / token-literal: the literal value only.
 */

/** The code to lower and how its offsets map to the document. */
export interface SnippetSource {
  readonly program: A.Program;
  /** The text the tree's offsets index (the decoded code for an export's SNIPPET action). */
  readonly code: string;
  readonly comments: readonly TextRange[];
  readonly toDocument: (codeOffset: number) => number;
  /**
   * The document's text when it differs from `code` (embedded code). A range's end is then placed just after the
   * source of its last character, not before whatever markup follows it (`]]>`, a comment).
   */
  readonly documentText?: string;
}

export interface UnitHeader {
  readonly id: number;
  readonly label: string;
  /** The code's range in the document. */
  readonly range: TextRange;
}

/** Ids unique across one model, starting at 1 so that an id is never falsy. */
export class ModelIds {
  private units = 0;
  private conditions = 0;
  private calls = 0;

  nextUnit(): number {
    return ++this.units;
  }

  nextCondition(): number {
    return ++this.conditions;
  }

  nextCall(): number {
    return ++this.calls;
  }
}

export interface UnitOptions {
  readonly settings: Settings;
  readonly ids: ModelIds;
  /** Facts of this code, when the caller has gathered them already (see collectSnippetFacts). */
  readonly facts?: SnippetFacts;
  /** Variables whose every assignment in the whole document is this constant (for fixed buffers in a variable). */
  readonly documentConstants?: ReadonlyMap<string, number>;
  /** Variables assigned a per-contact (jittered) value anywhere in the document. */
  readonly documentJitter?: ReadonlySet<string>;
  /** Variables whose every assignment in the document is the same string (`tokenUrl` set by an earlier action). */
  readonly documentStrings?: ReadonlyMap<string, string>;
}

/** Lowers one piece of Snippet code. Total on any tree the parser returns, including error-recovery trees. */
export function extractSnippetUnit(source: SnippetSource, header: UnitHeader, options: UnitOptions): CodeUnit {
  return new UnitExtractor(source, header, options).run();
}

/** Variables assigned a jittered value anywhere in the document, from each piece's facts. */
export function documentJitterOf(factsList: readonly SnippetFacts[]): Set<string> {
  return new Set(factsList.flatMap((facts) => [...facts.jitterVariables]));
}

/** Variables a document assigns only one string, from each piece's facts. */
export function documentStringsOf(factsList: readonly SnippetFacts[]): Map<string, string> {
  const merged = new Map<string, string | null>();
  for (const facts of factsList) {
    for (const [name, value] of facts.stringAssignments) {
      const previous = merged.get(name);
      merged.set(name, value === null || (previous !== undefined && previous !== value) ? null : value);
    }
  }
  const out = new Map<string, string>();
  for (const [name, value] of merged) if (value !== null) out.set(name, value);
  return out;
}

/** Variables a document assigns only one constant, from each piece's facts. */
export function documentConstantsOf(factsList: readonly SnippetFacts[]): Map<string, number> {
  const merged = new Map<string, number | null>();
  for (const facts of factsList) {
    for (const [name, value] of facts.constantAssignments) {
      const previous = merged.get(name);
      merged.set(name, value === null || (previous !== undefined && previous !== value) ? null : value);
    }
  }
  const out = new Map<string, number>();
  for (const [name, value] of merged) if (value !== null) out.set(name, value);
  return out;
}

// ---------------------------------------------------------------- state

interface Ctx {
  readonly guards: readonly Guard[];
  readonly inLoop: boolean;
  readonly inFunction: boolean;
  /** The innermost loop makes a REST call: BREAK leaves a retry loop. */
  readonly retryLoop: boolean;
}

interface StatusSource {
  readonly client: string;
  readonly callId: number | undefined;
}

interface TokenRef {
  readonly variable: string;
  /** Code range of the variable's name. */
  readonly range: TextRange;
  /** `{r.access_token}` read in place: also an acquisition. */
  readonly inline?: A.MemberExpression;
}

interface Template {
  readonly refs: readonly TokenRef[];
  readonly basic: boolean;
}

interface ExpiryFact {
  readonly fromExpiresIn: boolean;
  readonly fromCall: number | undefined;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What is known at a point of the code, in source order. Copied around FUNCTION bodies, which run elsewhere. */
class FlowState {
  /**
   * The latest string literal assigned to a variable. Its static text and its template (the interpolated variables,
   * `auth = "Bearer {tok}"`) are read from it when asked: most strings are never asked about.
   */
  strings = new Map<string, A.StringLiteral>();
  /** Variables holding constant arithmetic. */
  constants = new Map<string, number>();
  /** Variables computed from a random or jitter source. */
  jitter = new Set<string>();
  /** Copies of a response's expires_in, with the call it came from. */
  lifetimes = new Map<string, number | undefined>();
  /** The latest rest-call whose response a variable holds. */
  callResults = new Map<string, number>();
  /** The latest rest-call on each client. */
  lastCall = new Map<string, number>();
  /** Token variables in each client's Authorization header (headers stay on a proxy for its later calls). */
  authorization = new Map<string, string[]>();
  /** Token uses waiting for the next call on their client. */
  pending = new Map<string, Writable<TokenUseEvent>[]>();
  /** Copies of a call's status. */
  statuses = new Map<string, StatusSource>();
  /** Variables acquired as tokens so far. */
  acquired = new Set<string>();
  expiries = new Map<string, ExpiryFact>();
  /** Members assigned on dynamic objects (`TokenInput.grant_type = "password"`), for `{TokenInput.asjson()}` bodies. */
  dynamicMembers = new Map<string, Map<string, string>>();
  /** Variables this code has assigned so far (what other actions assigned is known only document-wide). */
  assigned = new Set<string>();

  clone(): FlowState {
    const copy = new FlowState();
    copy.strings = new Map(this.strings);
    copy.constants = new Map(this.constants);
    copy.jitter = new Set(this.jitter);
    copy.lifetimes = new Map(this.lifetimes);
    copy.callResults = new Map(this.callResults);
    copy.lastCall = new Map(this.lastCall);
    copy.authorization = new Map([...this.authorization].map(([k, v]) => [k, [...v]]));
    copy.pending = new Map([...this.pending].map(([k, v]) => [k, [...v]]));
    copy.statuses = new Map(this.statuses);
    copy.acquired = new Set(this.acquired);
    copy.expiries = new Map(this.expiries);
    copy.dynamicMembers = new Map([...this.dynamicMembers].map(([k, v]) => [k, new Map(v)]));
    copy.assigned = new Set(this.assigned);
    return copy;
  }
}

const TOP: Ctx = { guards: [], inLoop: false, inFunction: false, retryLoop: false };

// Patterns live at module level: a regular expression literal inside a function makes a new object on every call.
const LETTERS_ONLY = /^[A-Za-z]+$/;
/** `{var}` in a URL or body (global: used with replace, which starts from 0 each time). */
const SUBSTITUTED_VARIABLE = /\{\s*(?:global:)?([A-Za-z_$][\w$]*)\s*\}/gi;
const AS_JSON_SUBSTITUTION = /^\{\s*(?:global:)?([A-Za-z_$][\w$]*)\.asjson\(\s*\)\s*\}$/i;
const XML_ENTITY = /^&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);/;

class UnitExtractor {
  private readonly facts: SnippetFacts;
  private readonly code: string;
  private readonly drafts: { event: FlowEvent; key: number }[] = [];
  private readonly conditions: Condition[] = [];
  private readonly calls = new Map<number, Writable<RestCallEvent>>();
  private readonly literalRanges = new Set<string>();
  private state = new FlowState();
  /** Sort key of events being emitted: the code offset of the statement (or clause) being read. */
  private key = 0;
  private statement: TextRange = { start: 0, end: 0 };

  constructor(
    private readonly source: SnippetSource,
    private readonly header: UnitHeader,
    private readonly options: UnitOptions,
  ) {
    this.code = source.code;
    this.facts = options.facts ?? collectSnippetFacts(source.program, source.code);
  }

  run(): CodeUnit {
    clearTraversalStack();
    this.statements(this.source.program.body, TOP);
    for (const comment of this.source.comments) {
      const start = clamp(comment.start, this.code.length);
      const end = clamp(comment.end, this.code.length);
      this.key = start;
      for (const finding of findingsInText(this.code.slice(start, end), start)) this.literal(finding, TOP);
    }
    // Array sort is stable: events of the in-order pass keep their order; comment findings fall in by position.
    // The events were made here and nothing else holds them yet, so each takes its order in place.
    const events = this.drafts
      .sort((a, b) => a.key - b.key)
      .map((draft, order) => {
        (draft.event as Writable<FlowEvent>).order = order;
        return draft.event;
      });
    return {
      id: this.header.id,
      label: this.header.label,
      range: this.header.range,
      events,
      conditions: this.conditions,
    };
  }

  // ---------------------------------------------------------------- statements

  private statements(list: readonly A.Statement[], ctx: Ctx): void {
    for (const s of list) this.statementOf(s, ctx);
  }

  private statementOf(s: A.Statement, ctx: Ctx): void {
    this.key = s.range.start;
    this.statement = s.range;
    switch (s.kind) {
      case 'Assign':
        this.assign(s, ctx);
        return;
      case 'ExpressionStatement':
        this.expressions([s.expression], ctx);
        return;
      case 'Return':
        if (s.value) this.expressions([s.value], ctx);
        // RETURN in a FUNCTION is an ordinary return; outside one it ends the snippet early.
        if (!ctx.inFunction) this.errorPath(s.range, ctx);
        return;
      case 'Break':
        if (ctx.retryLoop) this.errorPath(s.range, ctx);
        return;
      case 'Trace':
      case 'Uses':
        this.expressions([s.value], ctx);
        return;
      case 'Dynamic':
        if (s.name) this.state.dynamicMembers.set(s.name.folded, new Map());
        return;
      case 'If':
        this.ifStatement(s, ctx);
        return;
      case 'Select':
        this.selectStatement(s, ctx);
        return;
      case 'Switch':
        this.switchStatement(s, ctx);
        return;
      case 'For':
        this.expressions([s.from, s.to], ctx);
        this.loop(s.body, ctx);
        return;
      case 'Foreach':
        this.expressions([s.iterable], ctx);
        this.loop(s.body, ctx);
        return;
      case 'Repeat':
        this.expressions([s.count], ctx);
        this.loop(s.body, ctx);
        return;
      case 'Function':
        this.functionDeclaration(s, ctx);
        return;
      case 'ErrorStatement':
        if (s.block) this.statements(s.block.body, ctx);
        return;
    }
  }

  private ifStatement(s: A.IfStatement, ctx: Ctx): void {
    const id = this.condition([s.condition], s.condition.range, ctx);
    this.statements(s.then.body, within(ctx, id, 'then'));
    if (!s.else) return;
    const elseCtx = within(ctx, id, 'else');
    if (s.else.kind === 'Block') this.statements(s.else.body, elseCtx);
    else this.statementOf(s.else, elseCtx);
  }

  /** Each CASE group is one condition; later groups and DEFAULT run in the 'else' of every earlier group. */
  private selectStatement(s: A.SelectStatement, ctx: Ctx): void {
    let guards = ctx.guards;
    for (const clause of s.clauses) {
      this.key = clause.range.start;
      const at = withGuards(ctx, guards);
      if (clause.kind === 'DefaultClause') {
        this.statements(clause.body.body, at);
        continue;
      }
      const values = clause.labels.map((label) => label.value);
      const id = this.condition(values, spanOf(values) ?? clause.range, at);
      this.statements(clause.body.body, within(at, id, 'then'));
      guards = [...guards, { conditionId: id, branch: 'else' }];
    }
  }

  /** `SWITCH x { CASE 1 … }`: each group is the condition `x = label`. */
  private switchStatement(s: A.SwitchStatement, ctx: Ctx): void {
    const discriminantSites = this.expression(s.discriminant, ctx, true);
    const status = this.statusSource(s.discriminant);
    const discriminantReads = new Set<string>();
    addReads(discriminantSites, discriminantReads);
    let guards = ctx.guards;
    for (const clause of s.clauses) {
      this.key = clause.range.start;
      const at = withGuards(ctx, guards);
      if (clause.kind === 'DefaultClause') {
        this.statements(clause.body.body, at);
        continue;
      }
      const values = clause.labels.map((label) => label.value);
      const valueSites = values.map((v) => sitesOf(v, true));
      for (const sites of valueSites) this.scanLiterals(sites, at);
      const range = spanOf(values) ?? clause.range;
      const readSet = new Set(discriminantReads);
      for (const sites of valueSites) addReads(sites, readSet);
      const reads = [...readSet];
      const id = this.options.ids.nextCondition();
      const condition: Writable<Condition> = { id, range: this.doc(range), reads };
      if (status) {
        const equals = values.map((v) => numberValue(v)).filter((n): n is number => n !== undefined);
        condition.statusCheck = withCall({ equals, notEquals: [], rangeComparison: false }, status.callId);
      }
      this.conditions.push(condition);
      this.statements(clause.body.body, within(at, id, 'then'));
      guards = [...guards, { conditionId: id, branch: 'else' }];
    }
  }

  private loop(body: A.Block, ctx: Ctx): void {
    const retryLoop = this.facts.restCallLoopBodies.has(body);
    this.statements(body.body, { guards: ctx.guards, inLoop: true, inFunction: ctx.inFunction, retryLoop });
  }

  /**
   * A FUNCTION body is read where it is declared, with the guards there; it counts as in a loop when the function
   * is called inside one. What it learns (strings, proxies…) is dropped afterwards: it runs when called, not here.
   */
  private functionDeclaration(s: A.FunctionDeclaration, ctx: Ctx): void {
    const name = s.name?.folded ?? '';
    const saved = this.state;
    this.state = saved.clone();
    this.statements(s.body.body, {
      guards: ctx.guards,
      inLoop: ctx.inLoop || this.facts.calledInLoops.has(name),
      inFunction: true,
      retryLoop: false,
    });
    this.state = saved;
  }

  /** Expressions of a statement that are not a condition: literals, `.access_token` reads and calls. */
  private expressions(list: readonly A.Expression[], ctx: Ctx): void {
    for (const e of list) this.expression(e, ctx, false);
  }

  /**
   * One expression's literals, `.access_token` reads and calls; its sites, with the variables read when `withReads`.
   */
  private expression(e: A.Expression, ctx: Ctx, withReads: boolean): readonly Site[] {
    const sites = sitesOf(e, withReads);
    this.scanLiterals(sites, ctx);
    this.noteAccessTokenReads(sites);
    this.callsIn(sites, ctx, null, undefined);
    return sites;
  }

  // ---------------------------------------------------------------- assignments

  private assign(s: A.AssignStatement, ctx: Ctx): void {
    const value = unwrap(s.value);
    const root = A.assignmentRoot(s.target);
    const sites = sitesOf(s.value, false);
    this.scanLiterals(sites, ctx);
    const named = namedLiteralFinding(targetName(s.target), s.value, this.code);
    if (named) this.literal(named, ctx);
    this.noteAccessTokenReads(sites);
    const direct = methodCall(value, 'makerestrequest');
    const directId = this.callsIn(sites, ctx, direct, root?.folded);
    if (!root) return;
    if (s.target.kind !== 'Identifier') {
      this.memberAssign(s, root, ctx);
      return;
    }
    const name = root.folded;
    const st = this.state;
    if (directId !== undefined) st.callResults.set(name, directId);
    else st.callResults.delete(name);
    if (value.kind === 'Call' && isProxyFactoryName(calleeName(value) ?? '')) {
      // A new proxy: no headers, no calls yet.
      st.authorization.delete(name);
      st.pending.delete(name);
      st.lastCall.delete(name);
    }
    this.tokenAcquire(s, name, ctx);
    if (this.facts.expiryVariables.has(name) || isExpiryName(name)) this.expirySet(s, name, value, ctx);
    this.statusCopy(s, name, ctx);
    if (isErrorVariableName(name) && isErrorValue(plainValueOf(value))) this.errorPath(s.range, ctx);
    this.remember(name, value, this.facts.valueSummaries.get(s.value) ?? summarizeValue(s.value));
  }

  private tokenAcquire(s: A.AssignStatement, name: string, ctx: Ctx): void {
    const source = tokenSourceOf(s.value, this.facts.tokenFunctions, (n) => n !== name && this.isTokenVariable(n));
    if (!source) return;
    const base = this.base(s.range, ctx);
    if (source.kind === 'response') {
      const fromCall = this.callOfResponse(source.member);
      this.push({
        kind: 'token-acquire',
        ...base,
        variable: name,
        source: 'response',
        ...opt('fromCall', fromCall),
        persistent: true,
      });
    } else if (source.kind === 'function') {
      this.push({ kind: 'token-acquire', ...base, variable: name, source: 'function', persistent: true });
    } else {
      this.push({
        kind: 'token-acquire',
        ...base,
        variable: name,
        source: 'alias',
        fromVariable: source.variable,
        persistent: true,
      });
    }
    this.state.acquired.add(name);
  }

  private expirySet(s: A.AssignStatement, name: string, value: A.Expression, ctx: Ctx): void {
    const st = this.state;
    const clears = isClearingValue(plainValueOf(value));
    let fromExpiresIn = false;
    let fromCall: number | undefined;
    let constant: { seconds: number; range: TextRange } | undefined;
    if (!clears) {
      const member = firstNode(value, (n) => n.kind === 'Member' && isExpiresInMember(n.propertyFolded));
      const lifetime = firstNode(value, (n) => n.kind === 'Identifier' && st.lifetimes.has(n.folded));
      const copied = throughStringCopy(value);
      if (member && member.kind === 'Member') {
        fromExpiresIn = true;
        fromCall = this.callOfResponse(member);
      } else if (lifetime && lifetime.kind === 'Identifier') {
        fromExpiresIn = true;
        fromCall = st.lifetimes.get(lifetime.folded);
      } else if (copied.kind === 'Identifier' && st.expiries.has(copied.folded)) {
        // A copy of another expiry (e.g. the client token's, for a resource token) carries where that came from.
        const fact = st.expiries.get(copied.folded)!;
        fromExpiresIn = fact.fromExpiresIn;
        fromCall = fact.fromCall;
      } else {
        constant = this.constantLifetime(value);
      }
    }
    this.push({
      kind: 'expiry-set',
      ...this.base(s.range, ctx),
      variable: name,
      fromExpiresIn,
      ...opt('constantSeconds', constant?.seconds),
      ...opt('constantRange', constant ? this.doc(constant.range) : undefined),
      ...opt('fromCall', fromCall),
      clears,
    });
    st.expiries.set(name, { fromExpiresIn, fromCall });
  }

  /**
   * `now + (3600 / 86400)`, `now + 0.0416`, `dateadd("s", 3600, now)`: a lifetime in seconds and where it is written.
   */
  private constantLifetime(value: A.Expression): { seconds: number; range: TextRange } | undefined {
    const added = addedToNow(value, this.facts.nowVariables);
    if (added) {
      const days = constantValue(added, this.state.constants);
      if (days !== undefined) return { seconds: daysToSeconds(days), range: secondsLiteralRange(added) };
      return undefined;
    }
    const x = unwrap(value);
    if (x.kind !== 'Call' || !isDateAddFunction(calleeName(x) ?? '')) return undefined;
    let unit: number | undefined;
    let amount: A.Expression | undefined;
    let hasNow = false;
    for (const arg of x.args) {
      const a = unwrap(arg);
      if (a.kind === 'StringLiteral') {
        const text = writtenText(a, this.code).trim().toLowerCase();
        const seconds = dateAddUnitSeconds(text);
        if (seconds !== undefined) unit = seconds;
        else if (numberValue(a) !== undefined) amount = a;
      } else if (isNowExpression(a, this.facts.nowVariables)) {
        hasNow = true;
      } else if (constantValue(a, this.state.constants) !== undefined) {
        amount = a;
      }
    }
    if (unit === undefined || amount === undefined || !hasNow) return undefined;
    const n = constantValue(amount, this.state.constants);
    return n === undefined ? undefined : { seconds: Math.round(n * unit), range: unwrap(amount).range };
  }

  private statusCopy(s: A.AssignStatement, name: string, ctx: Ctx): void {
    const status = this.statusSource(s.value);
    if (!status) {
      this.state.statuses.delete(name);
      return;
    }
    this.push({
      kind: 'status-copy',
      ...this.base(s.range, ctx),
      variable: name,
      ...opt('callId', status.callId),
      client: status.client,
    });
    this.state.statuses.set(name, status);
  }

  /** Updates what is known about a variable after `name = value` (`summary` summarises the value). */
  private remember(name: string, value: A.Expression, summary: ValueSummary): void {
    const st = this.state;
    st.assigned.add(name);
    if (value.kind === 'StringLiteral') {
      st.strings.set(name, value);
    } else if (value.kind === 'Identifier' && value.folded !== name) {
      copyEntry(st.strings, value.folded, name);
    } else {
      st.strings.delete(name);
    }
    const constant = constantValue(value, st.constants);
    if (constant !== undefined) st.constants.set(name, constant);
    else st.constants.delete(name);
    const documentJitter = this.options.documentJitter;
    if (
      summaryIsJitter(summary, st.jitter) ||
      (documentJitter !== undefined && summaryIsJitter(summary, documentJitter))
    )
      st.jitter.add(name);
    else st.jitter.delete(name);
    const now = summaryMentionsNow(summary, this.facts.nowVariables);
    const copied = throughStringCopy(value);
    if (!now && summary.readsExpiresIn) {
      const member = firstNode(value, (n) => n.kind === 'Member' && isExpiresInMember(n.propertyFolded));
      st.lifetimes.set(name, member && member.kind === 'Member' ? this.callOfResponse(member) : undefined);
    } else if (!now && copied.kind === 'Identifier' && st.lifetimes.has(copied.folded)) {
      st.lifetimes.set(name, st.lifetimes.get(copied.folded));
    } else {
      st.lifetimes.delete(name);
    }
  }

  /** `obj.member = value`: dynamic-object members (token request bodies) and `headers.Authorization = …`. */
  private memberAssign(s: A.AssignStatement, root: A.Identifier, ctx: Ctx): void {
    const target = s.target;
    if (target.kind !== 'Member') return;
    if (unwrap(target.object) === root) {
      const members = this.state.dynamicMembers.get(root.folded) ?? new Map<string, string>();
      members.set(target.property, this.valueText(s.value));
      this.state.dynamicMembers.set(root.folded, members);
    }
    if (isAuthorizationHeaderName(target.propertyFolded))
      this.authorizationValue(memberPath(target.object) ?? root.folded, s.value, ctx);
  }

  // ---------------------------------------------------------------- calls

  /**
   * Handles the calls inside an expression: MakeRestRequest (rest-call), AddHeader (token-use), `.throw()`
   * (error-path). Returns the id of `direct`'s rest-call, the call whose result is assigned.
   */
  private callsIn(
    sites: readonly Site[],
    ctx: Ctx,
    direct: A.CallExpression | null,
    resultVariable: string | undefined,
  ): number | undefined {
    let directId: number | undefined;
    for (const call of sites) {
      if (call.kind !== 'Call' || call.callee.kind !== 'Member') continue;
      const method = call.callee.propertyFolded;
      if (method === SNIPPET_REQUEST_METHOD) {
        const id = this.restCall(call, call.callee, ctx, call === direct ? resultVariable : undefined);
        if (call === direct) directId = id;
      } else if (isHeaderSetterName(method)) {
        this.addHeader(call, call.callee, ctx);
      } else if (method === THROW_METHOD) {
        this.errorPath(this.statement, ctx);
      }
    }
    return directId;
  }

  private restCall(
    call: A.CallExpression,
    callee: A.MemberExpression,
    ctx: Ctx,
    resultVariable: string | undefined,
  ): number {
    const st = this.state;
    const client = clientOf(callee.object);
    const url = call.args[0] ? this.staticArgument(call.args[0]) : undefined;
    const body = call.args[1] ? this.staticArgument(call.args[1]) : undefined;
    const verb = call.args[3] ? this.staticArgument(call.args[3])?.trim() : undefined;
    const method = verb && LETTERS_ONLY.test(verb) ? verb.toUpperCase() : undefined;
    const isTokenRequest =
      (url !== undefined && isTokenEndpointUrl(this.resolve(url), this.options.settings.tokenEndpointPatterns)) ||
      (body !== undefined && (isTokenRequestBody(this.resolve(body)) || isTokenRequestBody(this.expandJson(body))));
    const id = this.options.ids.nextCall();
    const event: Writable<RestCallEvent> = {
      kind: 'rest-call',
      ...this.base(call.range, ctx),
      id,
      client,
      ...opt('url', url),
      ...opt('method', method),
      ...opt('body', body),
      ...opt('resultVariable', resultVariable),
      isTokenRequest,
      authorizationVariables: [...(st.authorization.get(client) ?? [])],
      statementRange: this.doc(this.statement),
    };
    this.calls.set(id, event);
    this.push(event);
    for (const use of st.pending.get(client) ?? []) use.callId = id;
    st.pending.delete(client);
    st.lastCall.set(client, id);
    return id;
  }

  private addHeader(call: A.CallExpression, callee: A.MemberExpression, ctx: Ctx): void {
    const [nameArg, valueArg] = call.args;
    if (!nameArg || !valueArg) return;
    const headerName = this.staticArgument(nameArg);
    if (headerName === undefined) return;
    const literal = headerLiteralFinding(headerName, valueArg, this.code);
    if (literal) this.literal(literal, ctx);
    if (isAuthorizationHeaderName(headerName)) this.authorizationValue(clientOf(callee.object), valueArg, ctx);
  }

  /** The variables sent in an Authorization header value: one token-use each, for the client's next call. */
  private authorizationValue(client: string, value: A.Expression, ctx: Ctx): void {
    const st = this.state;
    const x = unwrap(value);
    let refs: TokenRef[];
    if (x.kind === 'StringLiteral') {
      if (startsWithBasicScheme(writtenText(x, this.code))) return; // Basic credentials, not a token
      refs = this.templateOf(x).refs.slice();
    } else if (x.kind === 'Identifier') {
      const literal = st.strings.get(x.folded);
      const template = literal ? this.templateOf(literal) : undefined;
      if (template?.basic) return;
      // A header variable that is itself a token copy (`auth = "Bearer {tok}"`) is the use; rules follow the alias.
      refs =
        template && !st.acquired.has(x.folded)
          ? template.refs.filter((r) => !r.inline)
          : [{ variable: x.folded, range: nameRange(x) }];
    } else {
      refs = this.tokenRefsIn(x);
    }
    for (const ref of refs) {
      if (ref.inline) {
        this.push({
          kind: 'token-acquire',
          ...this.base(ref.range, ctx),
          variable: ref.variable,
          source: 'response',
          ...opt('fromCall', this.callOfResponse(ref.inline)),
          persistent: false,
        });
      }
      const use: Writable<TokenUseEvent> = { kind: 'token-use', ...this.base(ref.range, ctx), variable: ref.variable };
      this.push(use);
      const pending = st.pending.get(client) ?? [];
      pending.push(use);
      st.pending.set(client, pending);
      const sent = st.authorization.get(client) ?? [];
      if (!sent.includes(ref.variable)) sent.push(ref.variable);
      st.authorization.set(client, sent);
    }
  }

  // ---------------------------------------------------------------- conditions

  private condition(expressions: readonly A.Expression[], range: TextRange, ctx: Ctx): number {
    const reads = new Set<string>();
    for (const e of expressions) {
      const sites = sitesOf(e, true);
      this.scanLiterals(sites, ctx);
      this.noteAccessTokenReads(sites);
      addReads(sites, reads);
    }
    const leaves: A.Expression[] = [];
    for (const e of expressions) for (const leaf of conditionLeaves(e)) leaves.push(leaf);
    const id = this.options.ids.nextCondition();
    const condition: Writable<Condition> = {
      id,
      range: this.doc(range),
      reads: [...reads],
    };
    for (const leaf of leaves) {
      const check = this.expiryCheck(leaf);
      if (check) {
        condition.expiryCheck = check;
        break;
      }
    }
    const status = this.statusCheck(leaves);
    if (status) condition.statusCheck = status;
    for (const leaf of leaves) {
      const variable = this.presenceVariable(leaf);
      if (variable !== null) this.push({ kind: 'token-presence-check', ...this.base(leaf.range, ctx), variable });
    }
    this.conditions.push(condition);
    return id;
  }

  /**
   * `now >= expiry - buffer` in any arrangement: `expiry - buffer <= now`, `now + buffer > expiry`,
   * `expiry - now < buffer`. The refresh branch is where now has reached the expiry minus the buffer.
   */
  private expiryCheck(leaf: A.Expression): ExpiryCheck | null {
    const cmp = asComparison(leaf);
    if (!cmp || !isOrdering(cmp.operator)) return null;
    const left = unwrap(cmp.left);
    const right = unwrap(cmp.right);
    let op: string = cmp.operator; // normalised to: now OP expiry - buffer
    let expiry: string;
    const buffers: A.Expression[] = [];
    const nowLeft = this.nowSide(left);
    const nowRight = this.nowSide(right);
    const expiryLeft = this.expirySide(left);
    const expiryRight = this.expirySide(right);
    if (nowLeft && expiryRight) {
      expiry = expiryRight.variable;
      pushDefined(buffers, nowLeft.buffer, expiryRight.buffer);
    } else if (expiryLeft && nowRight) {
      expiry = expiryLeft.variable;
      op = flipOperator(op);
      pushDefined(buffers, nowRight.buffer, expiryLeft.buffer);
    } else {
      const differenceLeft = this.expiryMinusNow(left);
      const differenceRight = this.expiryMinusNow(right);
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
      buffer: this.bufferOf(buffers),
      refreshBranch: op === '>' || op === '>=' ? 'then' : 'else',
      comparisonRange: this.doc(cmp.range),
    };
    if (buffers[0]) check.bufferRange = this.doc(buffers[0].range);
    return check;
  }

  /** `now` or `now + buffer`. */
  private nowSide(x: A.Expression): { buffer?: A.Expression } | null {
    if (isNowExpression(x, this.facts.nowVariables)) return {};
    const buffer = addedToNow(x, this.facts.nowVariables);
    return buffer ? { buffer } : null;
  }

  /** `expiry` or `expiry - buffer`. */
  private expirySide(x: A.Expression): { variable: string; buffer?: A.Expression } | null {
    const variable = this.expiryReference(x);
    if (variable !== null) return { variable };
    if (x.kind === 'Binary' && x.operator === '-') {
      const inner = this.expiryReference(x.left);
      if (inner !== null) return { variable: inner, buffer: x.right };
    }
    return null;
  }

  /** `expiry - now`. */
  private expiryMinusNow(x: A.Expression): string | null {
    if (x.kind !== 'Binary' || x.operator !== '-' || !isNowExpression(x.right, this.facts.nowVariables)) return null;
    return this.expiryReference(x.left);
  }

  /** An expiry variable, possibly converted (`tokenExpiry.asdatetime()`). */
  private expiryReference(e: A.Expression): string | null {
    let x = unwrap(e);
    if (x.kind === 'Call' && x.callee.kind === 'Member') x = unwrap(x.callee.object);
    if (x.kind !== 'Identifier') return null;
    const name = x.folded;
    return this.facts.expiryVariables.has(name) || isExpiryName(name) || this.facts.dueTimes.has(name) ? name : null;
  }

  private bufferOf(buffers: readonly A.Expression[]): ExpiryCheck['buffer'] {
    if (buffers.length === 0) return { kind: 'none' };
    if (buffers.some((b) => this.isJittery(b))) return { kind: 'jittered' };
    const literalDays = sum(buffers.map((b) => constantValue(b, new Map())));
    if (literalDays !== undefined) return { kind: 'constant', seconds: daysToSeconds(literalDays) };
    const reads = buffers.flatMap((b) => identifiersRead(b));
    const variable = reads[0]?.folded ?? buffers.map((b) => calleeOf(b)).find((n) => n !== null) ?? '';
    // Only variables that hold this constant wherever the document assigns them count as a fixed buffer.
    const days = sum(buffers.map((b) => constantValue(b, this.options.documentConstants ?? new Map())));
    return days !== undefined
      ? { kind: 'variable', variable, constantSeconds: daysToSeconds(days) }
      : { kind: 'variable', variable };
  }

  private statusCheck(leaves: readonly A.Expression[]): StatusCheck | null {
    let found = false;
    let callId: number | undefined;
    const equals: number[] = [];
    const notEquals: number[] = [];
    let rangeComparison = false;
    for (const leaf of leaves) {
      const cmp = asComparison(leaf);
      if (!cmp) continue;
      const left = this.statusSource(cmp.left);
      const right = left ? null : this.statusSource(cmp.right);
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

  /** `client.StatusCode` (any case), `__httpstatuscode`, or a copy of a status, also inside `"{…}"`. */
  private statusSource(e: A.Expression): StatusSource | null {
    let x = throughStringCopy(e);
    if (x.kind === 'Call' && x.callee.kind === 'Member' && x.args.length === 0) x = unwrap(x.callee.object); // .asnumber()
    if (x.kind === 'Member' && isStatusCodeMember(x.propertyFolded)) {
      const client = clientOf(x.object);
      return { client, callId: this.state.lastCall.get(client) };
    }
    if (x.kind === 'Identifier') {
      if (isLatestStatusVariable(x.folded)) return { client: '', callId: undefined };
      return this.state.statuses.get(x.folded) ?? null;
    }
    return null;
  }

  /** `tok = ""`, `tok != ""`, `tok.length() > 0`, bare `tok`: the token variable tested, or null. */
  private presenceVariable(leaf: A.Expression): string | null {
    const bare = this.tokenReference(leaf);
    if (bare !== null) return bare;
    const cmp = asComparison(leaf);
    if (!cmp) return null;
    for (const [a, b] of [
      [cmp.left, cmp.right],
      [cmp.right, cmp.left],
    ] as const) {
      const direct = this.tokenReference(a);
      if (direct !== null && (cmp.operator === '=' || cmp.operator === '!=') && isAbsentValue(plainValueOf(b)))
        return direct;
      const measured = lengthOf(a);
      const ofToken = measured ? this.tokenReference(measured) : null;
      if (ofToken !== null && numberValue(b) !== undefined) return ofToken;
    }
    return null;
  }

  private tokenReference(e: A.Expression): string | null {
    const x = unwrap(e);
    if (x.kind === 'Identifier') return this.isTokenVariable(x.folded) ? x.folded : null;
    if (x.kind === 'Member' && isAccessTokenMember(x.property)) return memberPath(x);
    return null;
  }

  // ---------------------------------------------------------------- literals

  private scanLiterals(sites: readonly Site[], ctx: Ctx): void {
    for (const node of sites) {
      if (node.kind === 'StringText') {
        for (const finding of findingsInText(node.raw, node.range.start)) this.literal(finding, ctx);
      } else if (node.kind === 'Call') {
        const basic = basicCredentialsFinding(node, this.code);
        if (basic) this.literal(basic, ctx);
      }
    }
  }

  /** One event per literal range (a token may be found as `Bearer …`, as a JWT and by its variable's name). */
  private literal(finding: LiteralFinding, ctx: Ctx): void {
    const key = `${finding.valueRange.start}:${finding.valueRange.end}`;
    if (this.literalRanges.has(key)) return;
    this.literalRanges.add(key);
    const valueRange = this.doc(finding.valueRange);
    const base = { ...this.base(finding.valueRange, ctx), range: valueRange };
    if (finding.kind === 'secret') this.push({ kind: 'secret-literal', ...base, what: finding.what, valueRange });
    else this.push({ kind: 'token-literal', ...base, valueRange, jwt: finding.jwt });
  }

  // ---------------------------------------------------------------- helpers

  private errorPath(range: TextRange, ctx: Ctx): void {
    this.push({ kind: 'error-path', ...this.base(range, ctx) });
  }

  /** Reading `r.access_token` marks r's call as a token request. */
  private noteAccessTokenReads(sites: readonly Site[]): void {
    for (const node of sites) if (node.kind === 'Member') this.callOfResponse(node);
  }

  /** The rest-call whose response `r` in `r.access_token` / `r.expires_in` holds (and mark it a token request). */
  private callOfResponse(member: A.MemberExpression): number | undefined {
    const root = rootIdentifier(member.object);
    const id = root ? this.state.callResults.get(root.folded) : undefined;
    if (id !== undefined && isAccessTokenMember(member.property)) {
      const call = this.calls.get(id);
      if (call) call.isTokenRequest = true;
    }
    return id;
  }

  private isTokenVariable(folded: string): boolean {
    return this.state.acquired.has(folded) || this.facts.tokenVariables.has(folded) || isTokenVariableName(folded);
  }

  private isJittery(e: A.Expression): boolean {
    return (
      isJitterExpression(e, this.state.jitter) ||
      (this.options.documentJitter !== undefined && isJitterExpression(e, this.options.documentJitter))
    );
  }

  private templateOf(literal: A.StringLiteral): Template {
    const refs: TokenRef[] = [];
    for (const part of literal.parts)
      if (part.kind === 'Interpolation') refs.push(...this.tokenRefsIn(part.expression));
    return { refs, basic: startsWithBasicScheme(writtenText(literal, this.code)) };
  }

  private tokenRefsIn(e: A.Expression): TokenRef[] {
    const x = unwrap(e);
    if (x.kind === 'Member' && isAccessTokenMember(x.property)) {
      const path = memberPath(x);
      if (path !== null) return [{ variable: path, range: x.range, inline: x }];
    }
    return identifiersRead(x).map((id) => ({ variable: id.folded, range: nameRange(id) }));
  }

  /** A string argument's text as written, or the latest string assigned to a variable argument. */
  private staticArgument(e: A.Expression): string | undefined {
    const x = unwrap(e);
    if (x.kind === 'StringLiteral') return writtenText(x, this.code);
    if (x.kind === 'Identifier') return this.knownString(x.folded);
    return undefined;
  }

  /** The latest string assigned here, or (never assigned here) the one string the whole document assigns. */
  private knownString(name: string): string | undefined {
    const st = this.state;
    const literal = st.strings.get(name);
    if (literal) return writtenText(literal, this.code);
    return st.assigned.has(name) ? undefined : this.options.documentStrings?.get(name);
  }

  /** `{var}` replaced by the variable's known text (two rounds), for recognising token URLs and bodies only. */
  private resolve(text: string): string {
    let out = text;
    for (let round = 0; round < 2 && out.includes('{'); round++) {
      out = out.replace(SUBSTITUTED_VARIABLE, (whole, name: string) => this.knownString(name.toLowerCase()) ?? whole);
    }
    return out;
  }

  /** `{TokenInput.asjson()}` as the JSON of the members assigned to TokenInput so far. */
  private expandJson(text: string): string {
    const match = AS_JSON_SUBSTITUTION.exec(text.trim());
    const members = match ? this.state.dynamicMembers.get(match[1]!.toLowerCase()) : undefined;
    return members ? JSON.stringify(Object.fromEntries(members)) : '';
  }

  private valueText(e: A.Expression): string {
    const x = unwrap(e);
    if (x.kind === 'StringLiteral') return writtenText(x, this.code);
    return this.code.slice(clamp(x.range.start, this.code.length), clamp(x.range.end, this.code.length));
  }

  private base(
    range: TextRange,
    ctx: Ctx,
  ): { unit: number; order: number; range: TextRange; guards: readonly Guard[]; inLoop: boolean } {
    return { unit: this.header.id, order: 0, range: this.doc(range), guards: ctx.guards, inLoop: ctx.inLoop };
  }

  private push(event: FlowEvent): void {
    this.drafts.push({ event, key: this.key });
  }

  private doc(range: TextRange): TextRange {
    const n = this.code.length;
    const from = clamp(range.start, n);
    const to = clamp(Math.max(range.start, range.end), n);
    const start = this.source.toDocument(from);
    let end = this.source.toDocument(to);
    const text = this.source.documentText;
    if (text !== undefined && to > from) {
      // The last character written as itself ends right after its own source.
      const last = this.source.toDocument(to - 1);
      const ch = this.code.charCodeAt(to - 1);
      const entity = ch === 0x26 /* & */ && XML_ENTITY.test(text.slice(last, last + 12));
      if (text.charCodeAt(last) === ch && !entity) end = last + 1;
    }
    return { start, end: Math.max(start, end) };
  }
}

// ---------------------------------------------------------------- small helpers

/** A node of an expression the extractor acts on: literal text, a call, an `.access_token` read, a variable read. */
type Site = A.StringText | A.CallExpression | A.MemberExpression | A.Identifier;

/**
 * The sites of an expression in source order, from one traversal (literal scanning, `.access_token` reads, calls
 * and the variables a condition reads would each walk it again). Members are `.access_token` reads only;
 * identifiers are variables read (not called functions), and only `withReads`.
 */
function sitesOf(e: A.Expression, withReads: boolean): Site[] {
  const sites: Site[] = [];
  const stack = traversalStack;
  const base = stack.length;
  stack.push(e);
  while (stack.length > base) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'StringText':
      case 'Call':
        sites.push(node);
        break;
      case 'Identifier':
        if (withReads) sites.push(node);
        break;
      case 'Member':
        if (isAccessTokenMember(node.property)) sites.push(node);
        break;
      default:
        break;
    }
    pushChildrenExceptCalledName(node, stack);
  }
  return sites;
}

/** Adds `variablesRead` of the expression the sites came from to `reads` (folded; a Set keeps the first order). */
function addReads(sites: readonly Site[], reads: Set<string>): void {
  for (const node of sites) if (node.kind === 'Identifier') reads.add(node.folded);
}

function within(ctx: Ctx, conditionId: number, branch: 'then' | 'else'): Ctx {
  return withGuards(ctx, [...ctx.guards, { conditionId, branch }]);
}

/** `ctx` with other guards (written out: this runs for every branch, and a spread copies slower). */
function withGuards(ctx: Ctx, guards: readonly Guard[]): Ctx {
  return { guards, inLoop: ctx.inLoop, inFunction: ctx.inFunction, retryLoop: ctx.retryLoop };
}

function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return 0;
  return Math.min(Math.max(0, Math.trunc(offset)), length);
}

function spanOf(expressions: readonly A.Expression[]): TextRange | null {
  const first = expressions[0];
  const last = expressions[expressions.length - 1];
  return first && last ? { start: first.range.start, end: Math.max(first.range.start, last.range.end) } : null;
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

/** `{ key: value }` when value is defined, else `{}`: optional fields stay absent rather than undefined. */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? NOTHING : { [key]: value }) as { [P in K]?: V };
}

/** What `opt` spreads for an absent value (shared: spreading it copies nothing). */
const NOTHING = Object.freeze({});

function withCall(check: Omit<StatusCheck, 'callId'>, callId: number | undefined): StatusCheck {
  return callId === undefined ? check : { callId, ...check };
}

function copyEntry<V>(map: Map<string, V>, from: string, to: string): void {
  const value = map.get(from);
  if (value === undefined) map.delete(to);
  else map.set(to, value);
}

/** The proxy a method is called on: `proxy`, `global:proxy`, `a.b`; '' when it is not a name. */
function clientOf(object: A.Expression): string {
  return memberPath(unwrap(object)) ?? rootIdentifier(object)?.folded ?? '';
}

/** The name a literal is assigned to: `password` in `TokenInput.password = …`, `x` in `x[2] = …`. */
function targetName(target: A.Expression): string {
  let x = target;
  while (x.kind === 'Index') x = x.object;
  if (x.kind === 'Member') return x.property;
  if (x.kind === 'Identifier') return x.name;
  return '';
}

function calleeOf(e: A.Expression): string | null {
  const x = unwrap(e);
  return x.kind === 'Call' ? calleeName(x) : null;
}

/** `x.length()`, `x.length`, `x.size`, `x.size()`: x. */
function lengthOf(e: A.Expression): A.Expression | null {
  let x = unwrap(e);
  if (x.kind === 'Call' && x.args.length === 0) x = x.callee;
  if (x.kind === 'Member' && isLengthMember(x.propertyFolded)) return x.object;
  return null;
}

function firstNode(e: A.Expression, test: (node: A.Expression) => boolean): A.Expression | null {
  let found = null as A.Expression | null;
  someNode(e, (node) => {
    if (test(node)) {
      found = node;
      return true;
    }
    return false;
  });
  return found;
}
