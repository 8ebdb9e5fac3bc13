import type { AnyNode, AssignmentExpression } from 'acorn';
import type { TextRange } from '../../common/text-range';
import type { ExpirySetEvent, TokenAcquireEvent } from '../model/flow-model';
import { isAccessTokenMember, isTokenFunctionName } from '../vocabulary/credential-patterns';
import { isJsonParseName, isRequestClassName, isResponseBodyMember } from '../vocabulary/http';
import { foldName, isErrorVariableName, isExpiryName, isRandomName, isTokenVariableName } from '../vocabulary/names';
import { isClearingValue, isErrorValue } from '../vocabulary/values';
import { guideBufferOf, readsOf, statusLink } from './conditions';
import { guideConstantOf, guidePartsInOrder, guideTimeForm } from './time-form';
import type { DocumentState, UnitState } from './extract-state';
import {
  calleeName,
  dottedName,
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
import type { Requests } from './requests';
import { analyzeExpiryValue, expiryVariableRead, isNowExpression, isNowPlus, responseCallOf } from './time';
import type { UnitDraft } from './unit-draft';
import { guarded, nodeRange, type UnitScope, type WalkContext } from './walk-context';

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
 * Values stored in variables, in the guide's notation (`var x = …`, `x = …`, `SET x = …;`, script-level
 * `ASSIGN x = …;`): what the value hands over (a token, an expiry, a status copy, an error, a request, a response, a
 * literal credential) and what the unit knows about the variable afterwards.
 */
export class Bindings {
  private readonly doc: DocumentState;
  private readonly unit: UnitState;
  private readonly draft: UnitDraft;

  constructor(
    private readonly scope: UnitScope,
    private readonly requests: Requests,
  ) {
    this.doc = scope.doc;
    this.unit = scope.unit;
    this.draft = scope.draft;
  }

  assignment(node: AssignmentExpression, ctx: WalkContext, range: TextRange, set: true | undefined): void {
    const left = node.left;
    const right = node.right;
    this.scope.visit(right, ctx);
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
      this.scope.visit(left, ctx);
      return;
    }
    this.visitMemberTarget(left, ctx);
    if (this.requests.clientProperty(left, right, node.operator, ctx)) return;
    const property = propertyName(left);
    if (property !== undefined) this.scope.namedLiteral(property, right, ctx);
    const dotted = dottedName(left);
    if (dotted !== undefined && node.operator === '=')
      this.bind(dotted, right, { range, persistent: set ?? false }, ctx, true);
  }

  /** Computed keys and objects of a member target are read, not written. */
  private visitMemberTarget(target: AnyNode, ctx: WalkContext): void {
    if (target.type !== 'MemberExpression') return;
    if (target.computed) this.scope.visit(target.property, ctx);
    if (target.object.type !== 'Identifier') this.visitMemberTarget(target.object, ctx);
  }

  /**
   * Everything a value stored in a variable says: a new request object, a response, a parsed body, a token, an
   * expiry, a status copy, an error, a literal credential, constants and "now" for later conditions.
   */
  bind(name: string, value: AnyNode | null | undefined, options: BindOptions, ctx: WalkContext, member = false): void {
    const folded = foldName(name);
    const { range, persistent } = options;
    const at = range.end;
    const core = unwrapValue(value);

    // Facts read from the value before the variable forgets its old value (`x = x + 1`).
    const tokenSources = value ? this.tokenSourcesByBranch(value, folded, ctx) : [];
    const call = core ? this.requests.callByNode.get(core) : undefined;
    const response = value ? this.parsedResponse(value) : undefined;
    const status = value && !call ? statusLink(value, this.unit, this.doc) : undefined;
    const bearer = value ? this.requests.bearerUses(value, ctx) : [];
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
    const analyzed =
      value && expiryRead === undefined
        ? analyzeExpiryValue(value, this.unit)
        : expiryRead !== undefined
          ? this.unit.expiryValues.get(expiryRead)
          : undefined;
    const storedBuffer =
      analyzed?.fromExpiresIn && value && expiryRead === undefined ? this.storedBufferOf(value) : undefined;
    const expiry = analyzed && storedBuffer ? { ...analyzed, storedBuffer } : analyzed;
    const nowUnit = value && !isNow ? undefined : value ? this.nowUnitOf(value) : undefined;

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
        this.requests.markTokenRequest(tokenSource.fromCall);
    }

    if (
      value &&
      tokenSources.length === 0 &&
      isClearingValue(plainValueOf(value)) &&
      (this.doc.tokenVariables.has(folded) || isTokenVariableName(folded))
    )
      this.draft.emit({ kind: 'token-clear', range, variable: folded, persistent }, ctx, at);

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
      if (!member) this.scope.namedLiteral(name.slice(name.lastIndexOf('.') + 1), value, ctx);
      if (constant !== undefined) this.unit.numericConstants.set(folded, { value: constant, range: nodeRange(value) });
      if (random) this.unit.jitterVariables.add(folded);
      if (isNow) this.unit.nowVariables.add(folded);
      if (nowUnit !== undefined) {
        this.unit.nowVariables.add(folded);
        this.unit.nowUnits.set(folded, nowUnit);
      }
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
          ...(expiry?.storedBuffer === undefined ? {} : { storedBuffer: expiry.storedBuffer }),
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
          ...(expiry.storedBuffer === undefined ? {} : { storedBuffer: expiry.storedBuffer }),
        },
        ctx,
        range.end,
      );
      return;
    }
    // A lifetime (`var lifetime = data.expires_in`) or `now + 3600` under a neutral name: remembered for a later copy.
    this.unit.expiryValues.set(folded, expiry);
  }

  /**
   * The seconds in one unit of a value that is now and nothing else (`Math.floor(Date.now() / 1000)`: 1,
   * `Date.now()`: 0.001), or undefined.
   */
  private nowUnitOf(value: AnyNode): number | undefined {
    const form = guideTimeForm(value, { unit: this.unit, doc: this.doc, compared: false });
    if (!form || form.now === 0 || form.expiry || form.lifetimes.length > 0 || guideConstantOf(form) !== 0)
      return undefined;
    return 1 / form.now;
  }

  /**
   * A buffer taken off a lifetime or an expiry as it is stored (`now + data.expires_in - 300`, `data.expires_in -
   * bufferSeconds`, `now + lifetime` where `lifetime` had one taken off), in seconds.
   */
  private storedBufferOf(value: AnyNode): ExpirySetEvent['storedBuffer'] {
    const form = guideTimeForm(value, { unit: this.unit, doc: this.doc, compared: false });
    if (!form || form.expiry || form.lifetimes.length === 0) return undefined;
    const perSecond = form.now !== 0 ? form.now : form.lifetimes[0]!.coefficient;
    const parts = guidePartsInOrder(form).map((p) => ({ ...p, coefficient: -p.coefficient }));
    const fromParts = guideBufferOf(parts, 1 / perSecond, this.unit, this.doc);
    let fromLifetimes = 0;
    for (const term of form.lifetimes) {
      const held = term.node.type === 'Identifier' ? this.unit.expiryValues.get(foldName(term.node.name)) : undefined;
      if (held?.storedBuffer?.kind === 'constant') fromLifetimes += held.storedBuffer.seconds;
    }
    if (fromParts.kind === 'none') return fromLifetimes > 0 ? { kind: 'constant', seconds: fromLifetimes } : undefined;
    if (fromParts.kind === 'constant') return { kind: 'constant', seconds: fromParts.seconds + fromLifetimes };
    return fromParts;
  }

  /** An error variable gets a value; `x = ok ? "" : "HTTP_…"` is an error path only in the non-empty branch. */
  private errorPaths(value: AnyNode, range: TextRange, ctx: WalkContext): void {
    const core = unwrapValue(value);
    const id = core ? this.scope.conditionByNode.get(core) : undefined;
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
    const id = core ? this.scope.conditionByNode.get(core) : undefined;
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
}

function isNewRequest(value: AnyNode): boolean {
  return value.type === 'NewExpression' && isRequestClassName(calleeName(value) ?? '');
}

/** `resp.body`, `resp.responseText`: a response body even when the call is not known in this unit. */
function isResponseLike(node: AnyNode | null | undefined): boolean {
  return !!node && node.type === 'MemberExpression' && isResponseBodyMember(foldName(propertyName(node) ?? ''));
}
