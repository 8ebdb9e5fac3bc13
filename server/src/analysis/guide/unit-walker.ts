import type {
  AnyNode,
  AssignmentExpression,
  CallExpression,
  ConditionalExpression,
  IfStatement,
  Program,
  SwitchStatement,
} from 'acorn';
import type { TextRange } from '../../common/text-range';
import type { Decision, ScriptAssign, SetStatement } from '../../syntax/guide/ast';
import {
  foldName,
  GUIDE_OPEN_METHOD,
  GUIDE_SEND_METHOD,
  HEADERS_PROPERTY,
  isAccessTokenMember,
  isAuthorizationHeaderName,
  isBase64EncoderName,
  isBodyProperty,
  isBufferFrom,
  isClearingValue,
  isErrorValue,
  isErrorVariableName,
  isExpiryName,
  isHeaderSetterName,
  isJsonParseName,
  isLoopCallbackMethod,
  isRandomName,
  isRequestClassName,
  isRequestObjectName,
  isResponseBodyMember,
  isTokenEndpointUrl,
  isTokenFunctionName,
  isTokenRequestBody,
  isTokenVariableName,
  isUrlProperty,
  METHOD_PROPERTY,
} from '../vocabulary';
import type { Guard, TokenAcquireEvent } from '../model/flow-model';
import { analyzeCondition, readsOf, statusLink, type ConditionFacts } from './conditions';
import type { ClientState, DocumentState, RestCallDraft, TokenUseDraft, UnitState } from './extract-state';
import {
  calleeName,
  childNodes,
  dottedName,
  forEachNode,
  innerRange,
  isStringLiteral,
  numericValue,
  plainTemplate,
  plainValueOf,
  propertyName,
  singleSubstitution,
  stringValue,
  unwrapValue,
  usesRandomSource,
  variableRead,
} from './expressions';
import { basicCredentialsFinding, encodedBasicFinding, literalFindings, namedLiteralFinding } from './literals';
import { staticText } from './static-text';
import { stringParts, variablesAfterBearer, variablesInString } from './string-parts';
import { analyzeExpiryValue, expiryVariableRead, isNowExpression, isNowPlus, responseCallOf } from './time';
import type { Placement, UnitDraft } from './unit-draft';

/** Where the walker is: enclosing conditions and loops, and whether a `return` leaves a function or the snippet. */
export interface WalkContext extends Placement {
  readonly guards: readonly Guard[];
  readonly inLoop: boolean;
  readonly inFunction: boolean;
}

export const TOP_LEVEL: WalkContext = { guards: [], inLoop: false, inFunction: false };

/** Deeper nesting than this is not analysed (the parser already reports absurd nesting). */
const MAX_DEPTH = 400;

interface TokenSource {
  readonly source: TokenAcquireEvent['source'];
  readonly fromCall?: number;
  readonly fromVariable?: string;
}

interface BindOptions {
  /** The statement that stores the value (events sit on it). */
  readonly range: TextRange;
  /** SET, script-level ASSIGN, `global:`, or an assignment to an undeclared name: a script variable. */
  readonly persistent: boolean;
}

/**
 * Lowers one unit's code into events: a SNIPPET body's JavaScript-like program, or script-level ASSIGN/SET values and
 * DECISION conditions. Visits in source order; facts that arrive later (the `send()` a header belongs to, a request
 * turning out to be a token request) are patched into the still-mutable drafts.
 */
export class UnitWalker {
  private depth = 0;
  private readonly callByNode = new Map<AnyNode, RestCallDraft>();
  private readonly calls = new Map<number, RestCallDraft>();
  private readonly useByRange = new Map<string, TokenUseDraft>();
  private readonly conditionByNode = new Map<AnyNode, number>();
  private readonly setByStart = new Map<number, SetStatement>();
  private readonly statements: TextRange[] = [];
  private readonly bearerByNode = new Map<AnyNode, TokenUseDraft[]>();
  /** `+` nodes already flattened as part of a longer concatenation. */
  private readonly concatenated = new Set<AnyNode>();

  constructor(
    private readonly doc: DocumentState,
    private readonly unit: UnitState,
    private readonly draft: UnitDraft,
    sets: readonly SetStatement[] = [],
  ) {
    for (const set of sets) this.setByStart.set(set.nameRange.start, set);
  }

  private get text(): string {
    return this.doc.text;
  }

  // ---------------------------------------------------------------- entry points

  walkProgram(program: Program): void {
    forEachNode(program, (node) => {
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier')
        this.unit.declared.add(foldName(node.id.name));
      if (
        node.type === 'FunctionDeclaration' ||
        node.type === 'FunctionExpression' ||
        node.type === 'ArrowFunctionExpression'
      ) {
        if (node.type === 'FunctionDeclaration' && node.id) this.unit.declared.add(foldName(node.id.name));
        for (const param of node.params) if (param.type === 'Identifier') this.unit.declared.add(foldName(param.name));
      }
    });
    this.visit(program, TOP_LEVEL);
  }

  /** `ASSIGN x = …;` / `SET x = …;` at script level: a script variable. */
  scriptAssign(item: ScriptAssign): void {
    this.statements.push(item.range);
    if (item.value) this.visit(item.value, TOP_LEVEL);
    this.bind(item.target, item.value, { range: item.range, persistent: true }, TOP_LEVEL);
    this.statements.pop();
  }

  /** `DECISION "{strApiError}" = ""`: a condition; branching on an error variable is an error path. */
  decision(item: Decision): void {
    const facts: ConditionFacts = item.expression
      ? analyzeCondition(item.expression, this.unit, this.doc)
      : { reads: uniqueFolded(item.substitutions.map((s) => s.name)), presence: [] };
    const id = this.doc.nextConditionId();
    this.draft.addCondition({
      id,
      range: item.conditionRange,
      reads: facts.reads,
      ...(facts.expiryCheck ? { expiryCheck: facts.expiryCheck } : {}),
      ...(facts.statusCheck ? { statusCheck: facts.statusCheck } : {}),
    });
    for (const presence of facts.presence) {
      this.draft.emit({ kind: 'token-presence-check', range: presence.range, variable: presence.variable }, TOP_LEVEL);
    }
    if (item.expression) this.visit(item.expression, TOP_LEVEL);
    if (facts.reads.some(isErrorVariableName)) this.draft.emit({ kind: 'error-path', range: item.range }, TOP_LEVEL);
  }

  // ---------------------------------------------------------------- traversal

  private visit(node: AnyNode | null | undefined, ctx: WalkContext): void {
    if (!node || this.depth >= MAX_DEPTH) return;
    this.depth++;
    try {
      this.visitNode(node, ctx);
    } finally {
      this.depth--;
    }
  }

  private visitAll(nodes: readonly (AnyNode | null | undefined)[], ctx: WalkContext): void {
    for (const node of nodes) this.visit(node, ctx);
  }

  private visitChildren(node: AnyNode, ctx: WalkContext): void {
    this.visitAll(childNodes(node), ctx);
  }

  private visitNode(node: AnyNode, ctx: WalkContext): void {
    switch (node.type) {
      case 'ExpressionStatement':
        return this.inStatement(this.setByStart.get(node.start)?.range ?? node, () => {
          const set = this.setByStart.get(node.start);
          if (node.expression.type === 'AssignmentExpression') {
            this.assignment(node.expression, ctx, set ? set.range : rangeOf(node), set ? true : undefined);
          } else {
            this.visit(node.expression, ctx);
          }
        });
      case 'LabeledStatement': {
        // `SET global:x = 1` reads as the label `global:` on `x = 1`.
        const body = node.body;
        if (
          node.label.name.toLowerCase() === 'global' &&
          body.type === 'ExpressionStatement' &&
          body.expression.type === 'AssignmentExpression'
        ) {
          const range = this.setByStart.get(node.start)?.range ?? rangeOf(node);
          return this.inStatement(range, () =>
            this.assignment(body.expression as AssignmentExpression, ctx, range, true),
          );
        }
        return this.visit(body, ctx);
      }
      case 'VariableDeclaration':
        return this.inStatement(node, () => {
          for (const declarator of node.declarations) {
            this.visit(declarator.init, ctx);
            if (declarator.id.type !== 'Identifier') {
              this.visit(declarator.id, ctx);
              continue;
            }
            if (!declarator.init) {
              this.unit.forget(foldName(declarator.id.name));
              continue;
            }
            const range = node.declarations.length === 1 ? rangeOf(node) : rangeOf(declarator);
            this.bind(declarator.id.name, declarator.init, { range, persistent: false }, ctx);
          }
        });
      case 'IfStatement':
        return this.inStatement(node, () => this.ifStatement(node, ctx));
      case 'ConditionalExpression':
        return this.conditional(node, ctx);
      case 'SwitchStatement':
        return this.inStatement(node, () => this.switchStatement(node, ctx));
      case 'ForStatement':
        return this.inStatement(node, () => {
          this.visit(node.init, ctx);
          const loop = { ...ctx, inLoop: true };
          this.visitAll([node.test, node.update, node.body], loop);
        });
      case 'WhileStatement':
      case 'DoWhileStatement':
        return this.inStatement(node, () => this.visitAll([node.test, node.body], { ...ctx, inLoop: true }));
      case 'ForInStatement':
      case 'ForOfStatement':
        return this.inStatement(node, () => {
          this.visit(node.right, ctx);
          this.visitAll([node.left, node.body], { ...ctx, inLoop: true });
        });
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.visit(node.body, { ...ctx, inFunction: true });
      case 'ReturnStatement':
        return this.inStatement(node, () => {
          this.visit(node.argument, ctx);
          if (!ctx.inFunction) this.draft.emit({ kind: 'error-path', range: rangeOf(node) }, ctx);
        });
      case 'ThrowStatement':
        return this.inStatement(node, () => {
          this.visit(node.argument, ctx);
          this.draft.emit({ kind: 'error-path', range: rangeOf(node) }, ctx);
        });
      case 'AssignmentExpression':
        return this.assignment(node, ctx, rangeOf(node), undefined);
      case 'CallExpression':
        return this.call(node, ctx);
      case 'Literal':
        if (typeof node.value === 'string') {
          this.literal(node, ctx);
          this.bearerUses(node, ctx);
        }
        return;
      case 'TemplateLiteral':
        this.literal(node, ctx);
        this.bearerUses(node, ctx);
        return this.visitAll(node.expressions, ctx);
      case 'BinaryExpression':
        // Inner links of a `+` chain were read with the chain's top: reading each again would be quadratic.
        if (node.operator === '+' && !this.concatenated.has(node)) this.bearerUses(node, ctx);
        return this.visitChildren(node, ctx);
      case 'ObjectExpression':
        for (const property of node.properties) {
          if (property.type !== 'Property') {
            this.visit(property, ctx);
            continue;
          }
          if (property.computed) this.visit(property.key, ctx);
          this.visit(property.value, ctx);
          const key = keyName(property.key, property.computed);
          if (key === undefined) continue;
          if (isAuthorizationHeaderName(key)) this.bearerUses(property.value, ctx);
          this.namedLiteral(key, property.value, ctx);
        }
        return;
      default:
        if (/Statement$|Declaration$/.test(node.type) && node.type !== 'BlockStatement') {
          return this.inStatement(node, () => this.visitChildren(node, ctx));
        }
        return this.visitChildren(node, ctx);
    }
  }

  private inStatement(range: TextRange, body: () => void): void {
    this.statements.push({ start: range.start, end: range.end });
    try {
      body();
    } finally {
      this.statements.pop();
    }
  }

  private currentStatement(fallback: TextRange): TextRange {
    const top = this.statements[this.statements.length - 1];
    return top ? { start: top.start, end: top.end } : { start: fallback.start, end: fallback.end };
  }

  // ---------------------------------------------------------------- conditions

  private condition(owner: AnyNode, test: AnyNode, ctx: WalkContext): number {
    const facts = analyzeCondition(test, this.unit, this.doc);
    const id = this.doc.nextConditionId();
    this.draft.addCondition({
      id,
      range: rangeOf(test),
      reads: facts.reads,
      ...(facts.expiryCheck ? { expiryCheck: facts.expiryCheck } : {}),
      ...(facts.statusCheck ? { statusCheck: facts.statusCheck } : {}),
    });
    for (const presence of facts.presence) {
      this.draft.emit({ kind: 'token-presence-check', range: presence.range, variable: presence.variable }, ctx);
    }
    this.visit(test, ctx);
    this.conditionByNode.set(owner, id);
    return id;
  }

  private ifStatement(node: IfStatement, ctx: WalkContext): void {
    const id = this.condition(node, node.test, ctx);
    this.visit(node.consequent, guarded(ctx, id, 'then'));
    this.visit(node.alternate, guarded(ctx, id, 'else'));
  }

  private conditional(node: ConditionalExpression, ctx: WalkContext): void {
    const id = this.condition(node, node.test, ctx);
    this.visit(node.consequent, guarded(ctx, id, 'then'));
    this.visit(node.alternate, guarded(ctx, id, 'else'));
  }

  /** Cases sharing one body form one condition; `default` runs in the else of every case before it. */
  private switchStatement(node: SwitchStatement, ctx: WalkContext): void {
    this.visit(node.discriminant, ctx);
    const status = statusLink(node.discriminant, this.unit, this.doc);
    const earlier: number[] = [];
    let tests: AnyNode[] = [];
    let groupStart: number | undefined;
    for (const switchCase of node.cases) {
      if (!switchCase.test) {
        const elseCtx = earlier.reduce<WalkContext>((acc, id) => guarded(acc, id, 'else'), ctx);
        this.visitAll(switchCase.consequent, elseCtx);
        continue;
      }
      tests.push(switchCase.test);
      groupStart ??= switchCase.start;
      if (switchCase.consequent.length === 0 && switchCase !== node.cases[node.cases.length - 1]) continue;
      const codes = tests.map((t) => numericValue(t)).filter((n): n is number => n !== undefined);
      const id = this.doc.nextConditionId();
      const last = tests[tests.length - 1]!;
      const reads = uniqueFolded([...readsOf(node.discriminant), ...tests.flatMap((t) => readsOf(t))]);
      this.draft.addCondition({
        id,
        range: { start: groupStart, end: last.end },
        reads,
        ...(status && codes.length > 0
          ? {
              statusCheck: {
                ...(status.callId === undefined ? {} : { callId: status.callId }),
                equals: codes,
                notEquals: [],
                rangeComparison: false,
              },
            }
          : {}),
      });
      this.visitAll(tests, ctx);
      this.visitAll(switchCase.consequent, guarded(ctx, id, 'then'));
      earlier.push(id);
      tests = [];
      groupStart = undefined;
    }
  }

  // ---------------------------------------------------------------- assignments

  private assignment(node: AssignmentExpression, ctx: WalkContext, range: TextRange, set: true | undefined): void {
    const left = node.left;
    const right = node.right;
    this.visit(right, ctx);
    if (left.type === 'Identifier') {
      const persistent = set ?? !this.unit.declared.has(foldName(left.name));
      if (node.operator === '=') {
        this.bind(left.name, right, { range, persistent }, ctx);
      } else {
        this.unit.forget(foldName(left.name));
      }
      return;
    }
    if (left.type !== 'MemberExpression') {
      this.visit(left, ctx);
      return;
    }
    this.visitMemberTarget(left, ctx);
    if (this.clientProperty(left, right, node.operator, ctx)) return;
    const property = propertyName(left);
    if (property !== undefined) this.namedLiteral(property, right, ctx);
    const dotted = dottedName(left);
    if (dotted !== undefined && node.operator === '=')
      this.bind(dotted, right, { range, persistent: set ?? false }, ctx, true);
  }

  /** Computed keys and objects of a member target are read, not written. */
  private visitMemberTarget(target: AnyNode, ctx: WalkContext): void {
    if (target.type !== 'MemberExpression') return;
    if (target.computed) this.visit(target.property, ctx);
    if (target.object.type !== 'Identifier') this.visitMemberTarget(target.object, ctx);
  }

  /**
   * Everything a value stored in a variable says: a new request object, a response, a parsed body, a token, an
   * expiry, a status copy, an error, a literal credential, constants and "now" for later conditions.
   */
  private bind(
    name: string,
    value: AnyNode | null | undefined,
    options: BindOptions,
    ctx: WalkContext,
    member = false,
  ): void {
    const folded = foldName(name);
    const { range, persistent } = options;
    const at = range.end;
    const core = unwrapValue(value);

    // Facts read from the value before the variable forgets its old value (`x = x + 1`).
    const tokenSources = value ? this.tokenSourcesByBranch(value, folded, ctx) : [];
    const call = core ? this.callByNode.get(core) : undefined;
    const response = value ? this.parsedResponse(value) : undefined;
    const status = value && !call ? statusLink(value, this.unit, this.doc) : undefined;
    const bearer = value ? this.bearerUses(value, ctx) : [];
    const heldBearer = core && core.type === 'Identifier' ? this.unit.bearerValues.get(foldName(core.name)) : undefined;
    const copiedText = core && core.type === 'Identifier' ? this.unit.stringValues.get(foldName(core.name)) : undefined;
    const isNow = value ? isNowExpression(value, this.unit) : false;
    const random = value
      ? usesRandomSource(value) || readsOf(value).some((n) => this.unit.jitterVariables.has(n) || isRandomName(n))
      : false;
    const constant = value ? numericValue(value) : undefined;
    const expiryRead = value ? expiryVariableRead(value, this.unit, this.doc) : undefined;
    // A time the token is due at, whatever the name: a copy of an expiry, or now plus a lifetime.
    const dueTime = core !== undefined && (expiryRead !== undefined || isNowPlus(core, this.unit));
    const expiry =
      value && expiryRead === undefined
        ? analyzeExpiryValue(value, this.unit)
        : expiryRead !== undefined
          ? this.unit.expiryValues.get(expiryRead)
          : undefined;

    this.unit.forget(folded);
    if (dueTime) this.unit.dueTimes.add(folded);
    if (!member && value && isNewRequest(value)) {
      this.unit.clients.set(folded, {
        authorizationVariables: [],
        pendingUses: [],
        pendingBodyUses: [],
        bodyVariables: [],
      });
    }
    if (call) {
      call.resultVariable = folded;
      this.unit.responses.set(folded, call.id);
    }
    if (response) this.unit.parsedBodies.set(folded, response.callId);

    for (const { source: tokenSource, placement } of tokenSources) {
      const event: Omit<TokenAcquireEvent, 'unit' | 'order' | 'guards' | 'inLoop'> = {
        kind: 'token-acquire',
        range,
        variable: folded,
        source: tokenSource.source,
        ...(tokenSource.fromCall === undefined ? {} : { fromCall: tokenSource.fromCall }),
        ...(tokenSource.fromVariable === undefined ? {} : { fromVariable: tokenSource.fromVariable }),
        persistent,
      };
      this.draft.emit(event, placement, at);
      this.doc.tokenVariables.add(folded);
      if (tokenSource.source === 'response' && tokenSource.fromCall !== undefined)
        this.markTokenRequest(tokenSource.fromCall);
    }

    this.bindExpiry(folded, value, { range, persistent }, ctx, { expiryRead, expiry });

    if (status) {
      this.draft.emit(
        {
          kind: 'status-copy',
          range,
          variable: folded,
          client: status.client,
          ...(status.callId === undefined ? {} : { callId: status.callId }),
        },
        ctx,
        at,
      );
      this.unit.statusCopies.set(folded, status);
      if (persistent) this.doc.persistentStatusCopies.set(folded, status);
    }

    if (isErrorVariableName(folded) && value && isErrorValue(plainValueOf(value))) this.errorPaths(value, range, ctx);

    if (value) {
      // Member targets were checked with their property name in `assignment`.
      if (!member) this.namedLiteral(name.slice(name.lastIndexOf('.') + 1), value, ctx);
      if (constant !== undefined) this.unit.numericConstants.set(folded, { value: constant, range: rangeOf(value) });
      if (random) this.unit.jitterVariables.add(folded);
      if (isNow) this.unit.nowVariables.add(folded);
      if (bearer.length > 0) this.unit.bearerValues.set(folded, bearer);
      else if (heldBearer) this.unit.bearerValues.set(folded, heldBearer);
      if ((isStringLiteral(value) || plainTemplate(value)) && singleSubstitution(value) === undefined) {
        this.unit.stringValues.set(folded, stringValue(value)!);
      } else if (copiedText !== undefined) {
        this.unit.stringValues.set(folded, copiedText);
      }
    }
  }

  private bindExpiry(
    folded: string,
    value: AnyNode | null | undefined,
    options: BindOptions,
    ctx: WalkContext,
    facts: { expiryRead: string | undefined; expiry: ReturnType<typeof analyzeExpiryValue> },
  ): void {
    const { range, persistent } = options;
    const { expiryRead, expiry } = facts;
    if (!value) return;
    const named = isExpiryName(folded) || this.doc.expiryVariables.has(folded);
    if (named) {
      this.doc.expiryVariables.add(folded);
      if (isClearingValue(plainValueOf(value))) {
        // A local initialised to 0 is not a cache being cleared.
        if (persistent)
          this.draft.emit(
            { kind: 'expiry-set', range, variable: folded, fromExpiresIn: false, clears: true },
            ctx,
            range.end,
          );
        return;
      }
      if (expiryRead !== undefined && !persistent) {
        // Reading the cached expiry into a local (`var tokenExpiry = parseInt("{strTokenExpiry}") || 0;`).
        if (expiry) this.unit.expiryValues.set(folded, expiry);
        return;
      }
      if (expiry) this.unit.expiryValues.set(folded, expiry);
      this.draft.emit(
        {
          kind: 'expiry-set',
          range,
          variable: folded,
          fromExpiresIn: expiry?.fromExpiresIn ?? false,
          ...(expiry?.constantSeconds === undefined ? {} : { constantSeconds: expiry.constantSeconds }),
          ...(expiry?.constantRange === undefined ? {} : { constantRange: expiry.constantRange }),
          ...(expiry?.fromCall === undefined ? {} : { fromCall: expiry.fromCall }),
          clears: false,
        },
        ctx,
        range.end,
      );
      return;
    }
    if (!expiry) return;
    if (expiry.nowBased && expiry.fromExpiresIn) {
      // `var expiresAt = now + data.expires_in` under any name is an expiry time.
      this.doc.expiryVariables.add(folded);
      this.unit.expiryValues.set(folded, expiry);
      this.draft.emit(
        {
          kind: 'expiry-set',
          range,
          variable: folded,
          fromExpiresIn: true,
          ...(expiry.fromCall === undefined ? {} : { fromCall: expiry.fromCall }),
          clears: false,
        },
        ctx,
        range.end,
      );
      return;
    }
    // A lifetime (`var lifetime = data.expires_in`) or `now + 3600` under a neutral name: remembered for a later copy.
    this.unit.expiryValues.set(folded, expiry);
  }

  /** An error variable gets a value; `x = ok ? "" : "HTTP_…"` is an error path only in the non-empty branch. */
  private errorPaths(value: AnyNode, range: TextRange, ctx: WalkContext): void {
    const core = unwrapValue(value);
    const id = core ? this.conditionByNode.get(core) : undefined;
    if (core && core.type === 'ConditionalExpression' && id !== undefined) {
      if (isErrorValue(plainValueOf(core.consequent)))
        this.draft.emit({ kind: 'error-path', range }, guarded(ctx, id, 'then'), range.end);
      if (isErrorValue(plainValueOf(core.alternate)))
        this.draft.emit({ kind: 'error-path', range }, guarded(ctx, id, 'else'), range.end);
      return;
    }
    this.draft.emit({ kind: 'error-path', range }, ctx, range.end);
  }

  /** `t = due ? GetOAuthToken() : "{strCachedToken}"`: one acquisition per branch, each guarded by it. */
  private tokenSourcesByBranch(
    value: AnyNode,
    target: string,
    ctx: WalkContext,
  ): { source: TokenSource; placement: WalkContext }[] {
    const core = unwrapValue(value);
    const id = core ? this.conditionByNode.get(core) : undefined;
    if (core && core.type === 'ConditionalExpression' && id !== undefined) {
      const found: { source: TokenSource; placement: WalkContext }[] = [];
      const then = this.tokenSource(core.consequent, target);
      if (then) found.push({ source: then, placement: guarded(ctx, id, 'then') });
      const otherwise = this.tokenSource(core.alternate, target);
      if (otherwise) found.push({ source: otherwise, placement: guarded(ctx, id, 'else') });
      return found;
    }
    const source = this.tokenSource(value, target);
    return source ? [{ source, placement: ctx }] : [];
  }

  /** Where a token in `value` comes from, if it is one. */
  private tokenSource(value: AnyNode, target: string): TokenSource | undefined {
    const core = unwrapValue(value);
    if (!core) return undefined;
    if (core.type === 'ConditionalExpression') {
      return this.tokenSource(core.consequent, target) ?? this.tokenSource(core.alternate, target);
    }
    if (core.type === 'CallExpression' && isTokenFunctionName(calleeName(core) ?? '')) return { source: 'function' };
    if (core.type === 'MemberExpression' && isAccessTokenMember(propertyName(core) ?? '')) {
      const origin = responseCallOf(core.object, this.unit);
      return origin.callId === undefined ? { source: 'response' } : { source: 'response', fromCall: origin.callId };
    }
    const substituted = singleSubstitution(core);
    if (substituted !== undefined) {
      const from = foldName(substituted);
      if (this.doc.tokenVariables.has(from) || isTokenVariableName(from))
        return { source: 'cache-read', fromVariable: from };
      return undefined;
    }
    const read = variableRead(core);
    if (
      read !== undefined &&
      read !== target &&
      (this.doc.tokenVariables.has(read) || (isTokenVariableName(read) && isTokenVariableName(target)))
    ) {
      return { source: 'alias', fromVariable: read };
    }
    return undefined;
  }

  /** `JSON.parse(resp.body)` (or `resp.body`): the parsed response of a call. */
  private parsedResponse(value: AnyNode): { callId?: number } | undefined {
    const core = unwrapValue(value);
    if (!core) return undefined;
    if (core.type === 'CallExpression' && isJsonParseName(calleeName(core) ?? '')) {
      const origin = responseCallOf(core.arguments[0], this.unit);
      if (origin.known || isResponseLike(core.arguments[0]))
        return origin.callId === undefined ? {} : { callId: origin.callId };
      return undefined;
    }
    if (core.type === 'MemberExpression' && isResponseLike(core)) {
      const origin = responseCallOf(core.object, this.unit);
      if (origin.known) {
        return origin.callId === undefined ? {} : { callId: origin.callId };
      }
    }
    return undefined;
  }

  private markTokenRequest(callId: number): void {
    const call = this.calls.get(callId);
    if (call) call.isTokenRequest = true;
  }

  // ---------------------------------------------------------------- requests

  /** `req.url = …`, `req.method = …`, `req.body = …`, `req.headers[…] = …`, `req.headers = {…}`. True when handled. */
  private clientProperty(target: AnyNode, value: AnyNode, operator: string, ctx: WalkContext): boolean {
    if (target.type !== 'MemberExpression') return false;
    const property = foldName(propertyName(target) ?? '');
    const owner = target.object;
    // req.headers["Authorization"] / req.headers.Authorization
    if (
      owner.type === 'MemberExpression' &&
      foldName(propertyName(owner) ?? '') === HEADERS_PROPERTY &&
      owner.object.type === 'Identifier'
    ) {
      const header = propertyName(target);
      if (header === undefined) return true;
      this.header(this.unit.client(foldName(owner.object.name)), header, value, ctx);
      return true;
    }
    if (owner.type !== 'Identifier') return false;
    const name = foldName(owner.name);
    const isClient =
      this.unit.clients.has(name) ||
      isUrlProperty(property) ||
      property === METHOD_PROPERTY ||
      property === HEADERS_PROPERTY;
    if (!isClient && !(isBodyProperty(property) && isRequestObjectName(name))) return false;
    const client = this.unit.client(name);
    const append = operator === '+=';
    if (isUrlProperty(property)) {
      client.url = this.joined(append ? client.url : undefined, value);
    } else if (property === METHOD_PROPERTY) {
      client.method = staticText(value, this.text, this.known)?.toUpperCase();
    } else if (isBodyProperty(property)) {
      client.body = this.joined(append ? client.body : undefined, value);
      client.bodyVariables = [...new Set([...(append ? client.bodyVariables : []), ...readsOf(value)])];
      client.pendingBodyUses.push(...this.bodyTokenUses(value, ctx));
    } else if (property === HEADERS_PROPERTY && value.type === 'ObjectExpression') {
      for (const member of value.properties) {
        if (member.type !== 'Property') continue;
        const key = keyName(member.key, member.computed);
        if (key !== undefined) this.header(client, key, member.value, ctx);
      }
    } else {
      return false;
    }
    return true;
  }

  private joined(before: string | undefined, value: AnyNode): string | undefined {
    const text = staticText(value, this.text, this.known);
    if (before === undefined) return text;
    return text === undefined ? before : before + text;
  }

  private readonly known = (name: string): string | undefined => this.unit.stringValues.get(name);

  /**
   * One request header. Authorization (or any header carrying `Bearer …`) sends tokens with the next `send()`; a
   * secret-named header with a literal value leaks a secret.
   */
  private header(client: ClientState, header: string, value: AnyNode | null | undefined, ctx: WalkContext): void {
    if (!value) return;
    const isAuthorization = isAuthorizationHeaderName(header);
    if (isAuthorization) {
      const encoded = encodedBasicFinding(this.text, value);
      if (encoded) this.draft.emitLiteral(encoded, rangeOf(value), ctx);
    } else {
      this.namedLiteral(header, value, ctx);
    }
    let uses = this.bearerUses(value, ctx);
    if (uses.length === 0 && isAuthorization) uses = this.plainAuthorizationUses(value, ctx);
    for (const use of uses) {
      if (!client.authorizationVariables.includes(use.variable)) client.authorizationVariables.push(use.variable);
      if (!client.pendingUses.includes(use)) client.pendingUses.push(use);
    }
  }

  /**
   * An Authorization header set from a variable alone: `= authHeader` (a Bearer value built earlier), `= token`,
   * `"{strAuth}"`.
   */
  private plainAuthorizationUses(value: AnyNode, ctx: WalkContext): TokenUseDraft[] {
    const core = unwrapValue(value);
    if (!core) return [];
    if (core.type === 'Identifier') {
      const held = this.unit.bearerValues.get(foldName(core.name));
      if (held) return held;
      return [this.use(foldName(core.name), rangeOf(core), ctx)];
    }
    if (core.type === 'MemberExpression') {
      const dotted = dottedName(core);
      return dotted === undefined ? [] : [this.use(foldName(dotted), rangeOf(core), ctx)];
    }
    const substituted = singleSubstitution(core);
    if (substituted !== undefined) {
      const inner = innerRange(this.text, core);
      const offset = this.text.indexOf('{', inner.start);
      const start = offset >= inner.start && offset < inner.end ? offset : inner.start;
      return [
        this.use(foldName(substituted), { start, end: Math.min(inner.end, start + substituted.length + 2) }, ctx),
      ];
    }
    return [];
  }

  /** Token uses in a string built with `Bearer ` (see variablesAfterBearer), one list per expression node. */
  private bearerUses(value: AnyNode, ctx: WalkContext): TokenUseDraft[] {
    const cached = this.bearerByNode.get(value);
    if (cached) return cached;
    const parts = stringParts(this.text, value, (link) => this.concatenated.add(link));
    const uses = variablesAfterBearer(this.text, parts).map((placed) => this.use(placed.variable, placed.range, ctx));
    this.bearerByNode.set(value, uses);
    return uses;
  }

  /** Token variables sent in a request body (`subject_token=` + clientToken): only variables known to hold tokens. */
  private bodyTokenUses(value: AnyNode, ctx: WalkContext): TokenUseDraft[] {
    return variablesInString(this.text, stringParts(this.text, value))
      .filter((placed) => this.doc.tokenVariables.has(placed.variable))
      .map((placed) => this.use(placed.variable, placed.range, ctx));
  }

  /** One token-use per place in the text, however many times the walker meets it. */
  private use(variable: string, range: TextRange, ctx: WalkContext): TokenUseDraft {
    const key = `${range.start}:${range.end}`;
    let use = this.useByRange.get(key);
    if (!use) {
      use = this.draft.emit({ kind: 'token-use', range, variable }, ctx);
      this.useByRange.set(key, use);
    }
    return use;
  }

  /** Calls: `req.send()`, header setters, `open(method, url)`, `btoa("user:pass")`, loop callbacks. */
  private call(node: CallExpression, ctx: WalkContext): void {
    const name = calleeName(node) ?? '';
    const callee = node.callee;
    this.visit(callee, ctx);
    const loopCallback = callee.type === 'MemberExpression' && isLoopCallbackMethod(name);
    for (const argument of node.arguments) {
      const isFunction = argument.type === 'FunctionExpression' || argument.type === 'ArrowFunctionExpression';
      this.visit(argument, loopCallback && isFunction ? { ...ctx, inLoop: true } : ctx);
    }
    if (
      isBase64EncoderName(name) ||
      (callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        isBufferFrom(callee.object.name, name))
    ) {
      const finding = basicCredentialsFinding(this.text, node.arguments[0]);
      if (finding) this.draft.emitLiteral(finding, rangeOf(node.arguments[0]!), ctx);
      return;
    }
    if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return;
    const owner = foldName(callee.object.name);
    if (name === GUIDE_SEND_METHOD) {
      this.send(node, owner, ctx);
    } else if (isHeaderSetterName(name) && node.arguments.length >= 2) {
      const header = stringValue(node.arguments[0]);
      if (header !== undefined) this.header(this.unit.client(owner), header, node.arguments[1], ctx);
    } else if (name === GUIDE_OPEN_METHOD && node.arguments.length >= 2 && this.unit.clients.has(owner)) {
      const client = this.unit.client(owner);
      client.method = staticText(node.arguments[0], this.text, this.known)?.toUpperCase();
      client.url = staticText(node.arguments[1], this.text, this.known);
    }
  }

  private send(node: CallExpression, owner: string, ctx: WalkContext): void {
    const client = this.unit.client(owner);
    const argument = node.arguments[0];
    if (argument && client.body === undefined) {
      client.body = staticText(argument, this.text, this.known);
      client.bodyVariables = readsOf(argument);
      client.pendingBodyUses.push(...this.bodyTokenUses(argument, ctx));
    }
    const id = this.doc.nextCallId();
    const url = client.url;
    const body = client.body;
    const isTokenRequest =
      (url !== undefined && isTokenEndpointUrl(url, this.doc.settings.tokenEndpointPatterns)) ||
      (body !== undefined && isTokenRequestBody(body));
    const range = rangeOf(node);
    const draft = this.draft.emit(
      {
        kind: 'rest-call',
        range,
        id,
        client: owner,
        ...(url === undefined ? {} : { url }),
        ...(client.method === undefined ? {} : { method: client.method }),
        ...(body === undefined ? {} : { body, bodyVariables: [...client.bodyVariables] }),
        isTokenRequest,
        authorizationVariables: [...client.authorizationVariables],
        statementRange: this.currentStatement(range),
      },
      ctx,
      range.end,
    );
    for (const use of [...client.pendingUses, ...client.pendingBodyUses]) use.callId = id;
    client.pendingUses = [];
    client.pendingBodyUses = [];
    client.lastCallId = id;
    this.callByNode.set(node, draft);
    this.unit.callIdByNode.set(node, id);
    this.unit.callClients.set(id, owner);
    this.calls.set(id, draft);
  }

  // ---------------------------------------------------------------- literals

  private literal(node: AnyNode, ctx: WalkContext): void {
    for (const finding of literalFindings(this.text, node)) this.draft.emitLiteral(finding, rangeOf(node), ctx);
  }

  private namedLiteral(name: string, value: AnyNode, ctx: WalkContext): void {
    const finding = namedLiteralFinding(this.text, name, value);
    if (finding) this.draft.emitLiteral(finding, rangeOf(value), ctx);
  }
}

function guarded(ctx: WalkContext, conditionId: number, branch: Guard['branch']): WalkContext {
  return { ...ctx, guards: [...ctx.guards, { conditionId, branch }] };
}

function rangeOf(node: TextRange): TextRange {
  return { start: node.start, end: node.end };
}

function keyName(key: AnyNode, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  return stringValue(key);
}

function isNewRequest(value: AnyNode): boolean {
  return value.type === 'NewExpression' && isRequestClassName(calleeName(value) ?? '');
}

/** `resp.body`, `resp.responseText`: a response body even when the call is not known in this unit. */
function isResponseLike(node: AnyNode | null | undefined): boolean {
  return !!node && node.type === 'MemberExpression' && isResponseBodyMember(foldName(propertyName(node) ?? ''));
}

function uniqueFolded(names: readonly string[]): string[] {
  return [...new Set(names.map(foldName))];
}
