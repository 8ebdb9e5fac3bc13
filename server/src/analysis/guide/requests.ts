import type { AnyNode, CallExpression } from 'acorn';
import type { TextRange } from '../../common/text-range';
import { isTokenEndpointUrl, isTokenRequestBody } from '../vocabulary/credential-patterns';
import {
  GUIDE_OPEN_METHOD,
  GUIDE_SEND_METHOD,
  HEADERS_PROPERTY,
  isAuthorizationHeaderName,
  isBase64EncoderName,
  isBodyProperty,
  isHeaderSetterName,
  isRequestObjectName,
  isUrlProperty,
  METHOD_PROPERTY,
} from '../vocabulary/http';
import { isBufferFrom, isLoopCallbackMethod } from '../vocabulary/javascript';
import { foldName } from '../vocabulary/names';
import { readsOf } from './conditions';
import type { ClientState, DocumentState, RestCallDraft, TokenUseDraft, UnitState } from './extract-state';
import {
  calleeName,
  dottedName,
  innerRange,
  propertyName,
  singleSubstitution,
  stringValue,
  unwrapValue,
} from './expressions';
import { basicCredentialsFinding, headerLiteralFinding } from './literals';
import { staticText } from './static-text';
import { stringParts, variablesAfterBearer, variablesInString } from './string-parts';
import type { UnitDraft } from './unit-draft';
import { keyName, nodeRange, type UnitScope, type WalkContext } from './walk-context';

/**
 * Requests in the guide's notation: a `new CXone.HttpRequest()` configured by its properties (`req.url`,
 * `req.headers["Authorization"]`, `req.body`) or by calls (`req.setRequestHeader(…)`, `req.open(…)`), then sent with
 * `req.send()`. Header token uses wait for the next `send()`; a request becomes a token request when its URL or body
 * says so, or later, when its response's `.access_token` is read.
 */
export class Requests {
  /** `x.send(…)` call nodes → their rest-call (its result variable is set when the call's value is stored). */
  readonly callByNode = new Map<AnyNode, RestCallDraft>();
  private readonly calls = new Map<number, RestCallDraft>();
  private readonly useByRange = new Map<string, TokenUseDraft>();
  private readonly bearerByNode = new Map<AnyNode, TokenUseDraft[]>();
  /** `+` nodes already flattened as part of a longer concatenation. */
  readonly concatenated = new Set<AnyNode>();
  private readonly doc: DocumentState;
  private readonly unit: UnitState;
  private readonly draft: UnitDraft;
  private readonly text: string;

  constructor(private readonly scope: UnitScope) {
    this.doc = scope.doc;
    this.unit = scope.unit;
    this.draft = scope.draft;
    this.text = scope.doc.text;
  }

  /** `req.url = …`, `req.method = …`, `req.body = …`, `req.headers[…] = …`, `req.headers = {…}`. True when handled. */
  clientProperty(target: AnyNode, value: AnyNode, operator: string, ctx: WalkContext): boolean {
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
    const literal = headerLiteralFinding(this.text, header, value);
    if (literal) this.draft.emitLiteral(literal, nodeRange(value), ctx);
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
      return [this.use(foldName(core.name), nodeRange(core), ctx)];
    }
    if (core.type === 'MemberExpression') {
      const dotted = dottedName(core);
      return dotted === undefined ? [] : [this.use(foldName(dotted), nodeRange(core), ctx)];
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
  bearerUses(value: AnyNode, ctx: WalkContext): TokenUseDraft[] {
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
  call(node: CallExpression, ctx: WalkContext): void {
    const name = calleeName(node) ?? '';
    const callee = node.callee;
    this.scope.visit(callee, ctx);
    const loopCallback = callee.type === 'MemberExpression' && isLoopCallbackMethod(name);
    for (const argument of node.arguments) {
      const isFunction = argument.type === 'FunctionExpression' || argument.type === 'ArrowFunctionExpression';
      this.scope.visit(argument, loopCallback && isFunction ? { ...ctx, inLoop: true } : ctx);
    }
    if (
      isBase64EncoderName(name) ||
      (callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        isBufferFrom(callee.object.name, name))
    ) {
      const finding = basicCredentialsFinding(this.text, node.arguments[0]);
      if (finding) this.draft.emitLiteral(finding, nodeRange(node.arguments[0]!), ctx);
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
    const range = nodeRange(node);
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
        statementRange: this.scope.currentStatement(range),
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

  markTokenRequest(callId: number): void {
    const call = this.calls.get(callId);
    if (call) call.isTokenRequest = true;
  }
}
