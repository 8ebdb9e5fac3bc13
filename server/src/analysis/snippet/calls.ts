import type { TextRange } from '../../common/text-range';
import type * as A from '../../syntax/snippet/ast';
import type { RestCallEvent, TokenAcquireEvent, TokenUseEvent } from '../model/flow-model';
import { isAccessTokenMember, isTokenEndpointUrl, isTokenRequestBody } from '../vocabulary/credential-patterns';
import {
  isAuthorizationHeaderName,
  isHeaderSetterName,
  SNIPPET_REQUEST_METHOD,
  startsWithBasicScheme,
  THROW_METHOD,
} from '../vocabulary/http';
import { clientOf, identifiersRead, memberPath, nameRange, unwrap, writtenText } from './expressions';
import type { Writable } from './flow-state';
import { headerLiteralFinding } from './secrets';
import type { Site } from './sites';
import { eventHead, type Ctx, type UnitBuild } from './unit-build';

/**
 * The calls of real Snippet that the model records: `proxy.MakeRestRequest(url, body, type, verb)` (a rest-call),
 * `proxy.AddHeader("Authorization", "Bearer {tok}")` (token uses for the proxy's next call) and `obj.throw()` (an
 * error path).
 */

// Patterns live at module level: a regular expression literal inside a function makes a new object on every call.
const LETTERS_ONLY = /^[A-Za-z]+$/;
/** `{var}` in a URL or body, matched where a `{` stands (sticky: set `lastIndex` first). */
const SUBSTITUTED_VARIABLE = /\{\s*(?:global:)?([A-Za-z_$][\w$]*)\s*\}/iy;
const AS_JSON_SUBSTITUTION = /^\{\s*(?:global:)?([A-Za-z_$][\w$]*)\.asjson\(\s*\)\s*\}$/i;

/** A variable sent as a token, and where. */
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

/**
 * Reads the calls among an expression's sites. Returns the id of `direct`'s rest-call: the call whose result is
 * assigned to `resultVariable`.
 */
export function readCalls(
  build: UnitBuild,
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
      const id = restCall(build, call, call.callee, ctx, call === direct ? resultVariable : undefined);
      if (call === direct) directId = id;
    } else if (isHeaderSetterName(method)) {
      addHeader(build, call, call.callee, ctx);
    } else if (method === THROW_METHOD) {
      build.errorPath(build.statement, ctx);
    }
  }
  return directId;
}

function restCall(
  build: UnitBuild,
  call: A.CallExpression,
  callee: A.MemberExpression,
  ctx: Ctx,
  resultVariable: string | undefined,
): number {
  const st = build.state;
  const client = clientOf(callee.object);
  const url = call.args[0] ? staticArgument(build, call.args[0]) : undefined;
  const body = call.args[1] ? staticArgument(build, call.args[1]) : undefined;
  const verb = call.args[3] ? staticArgument(build, call.args[3])?.trim() : undefined;
  const method = verb && LETTERS_ONLY.test(verb) ? verb.toUpperCase() : undefined;
  const isTokenRequest =
    (url !== undefined && isTokenEndpointUrl(resolve(build, url), build.options.settings.tokenEndpointPatterns)) ||
    (body !== undefined && (isTokenRequestBody(resolve(build, body)) || isTokenRequestBody(expandJson(build, body))));
  const id = build.options.ids.nextCall();
  // Fields set in the model's order; the optional ones only when known (absent, never undefined).
  const event = eventHead(build, 'rest-call', call, ctx) as Writable<RestCallEvent>;
  event.id = id;
  event.client = client;
  if (url !== undefined) event.url = url;
  if (method !== undefined) event.method = method;
  if (body !== undefined) event.body = body;
  if (resultVariable !== undefined) event.resultVariable = resultVariable;
  event.isTokenRequest = isTokenRequest;
  event.authorizationVariables = [...(st.authorization.get(client) ?? [])];
  event.statementRange = build.doc(build.statement);
  build.pushCall(event);
  const pending = st.pending.get(client);
  if (pending) build.sentWith(pending, id);
  st.pending.delete(client);
  st.lastCall.set(client, id);
  return id;
}

function addHeader(build: UnitBuild, call: A.CallExpression, callee: A.MemberExpression, ctx: Ctx): void {
  const [nameArg, valueArg] = call.args;
  if (!nameArg || !valueArg) return;
  const headerName = staticArgument(build, nameArg);
  if (headerName === undefined) return;
  const literal = headerLiteralFinding(headerName, valueArg, build.code);
  if (literal) build.literal(literal, ctx);
  if (isAuthorizationHeaderName(headerName)) readAuthorizationValue(build, clientOf(callee.object), valueArg, ctx);
}

/** The variables sent in an Authorization header value: one token-use each, for the client's next call. */
export function readAuthorizationValue(build: UnitBuild, client: string, value: A.Expression, ctx: Ctx): void {
  const st = build.state;
  const x = unwrap(value);
  let refs: readonly TokenRef[];
  if (x.kind === 'StringLiteral') {
    if (startsWithBasicScheme(writtenText(x, build.code))) return; // Basic credentials, not a token
    refs = templateOf(build, x).refs;
  } else if (x.kind === 'Identifier') {
    const literal = st.strings.get(x.folded);
    const template = literal ? templateOf(build, literal) : undefined;
    if (template?.basic) return;
    // A header variable that is itself a token copy (`auth = "Bearer {tok}"`) is the use; rules follow the alias.
    refs =
      template && !st.acquired.has(x.folded)
        ? template.refs.filter((r) => !r.inline)
        : [{ variable: x.folded, range: nameRange(x) }];
  } else {
    refs = tokenRefsIn(x);
  }
  for (const ref of refs) {
    if (ref.inline) {
      const fromCall = build.callOfResponse(ref.inline);
      // Fields set in the model's order; `fromCall` only when known (absent, never undefined).
      const acquire = eventHead(build, 'token-acquire', ref.range, ctx) as Writable<TokenAcquireEvent>;
      acquire.variable = ref.variable;
      acquire.source = 'response';
      if (fromCall !== undefined) acquire.fromCall = fromCall;
      acquire.persistent = false;
      build.push(acquire);
    }
    const use = eventHead(build, 'token-use', ref.range, ctx) as Writable<TokenUseEvent>;
    use.variable = ref.variable;
    build.push(use);
    st.pending.set(client, [...(st.pending.get(client) ?? []), use]);
    const sent = st.authorization.get(client) ?? [];
    if (!sent.includes(ref.variable)) st.authorization.set(client, [...sent, ref.variable]);
  }
}

function templateOf(build: UnitBuild, literal: A.StringLiteral): Template {
  const refs: TokenRef[] = [];
  for (const part of literal.parts) if (part.kind === 'Interpolation') refs.push(...tokenRefsIn(part.expression));
  return { refs, basic: startsWithBasicScheme(writtenText(literal, build.code)) };
}

function tokenRefsIn(e: A.Expression): TokenRef[] {
  const x = unwrap(e);
  if (x.kind === 'Member' && isAccessTokenMember(x.property)) {
    const path = memberPath(x);
    if (path !== null) return [{ variable: path, range: x, inline: x }];
  }
  return identifiersRead(x).map((id) => ({ variable: id.folded, range: nameRange(id) }));
}

/** A string argument's text as written, or the latest string assigned to a variable argument. */
function staticArgument(build: UnitBuild, e: A.Expression): string | undefined {
  const x = unwrap(e);
  if (x.kind === 'StringLiteral') return writtenText(x, build.code);
  if (x.kind === 'Identifier') return knownString(build, x.folded);
  return undefined;
}

/** The latest string assigned here, or (never assigned here) the one string the whole document assigns. */
function knownString(build: UnitBuild, name: string): string | undefined {
  const st = build.state;
  const literal = st.strings.get(name);
  if (literal) return writtenText(literal, build.code);
  return st.assigned.has(name) ? undefined : build.options.documentStrings?.get(name);
}

/** `{var}` replaced by the variable's known text (two rounds), for recognising token URLs and bodies only. */
function resolve(build: UnitBuild, text: string): string {
  let out = text;
  for (let round = 0; round < 2 && out.includes('{'); round++) out = substituteOnce(build, out);
  return out;
}

/**
 * One round of `resolve`: what `text.replace(/…/gi, known ?? whole)` gives, found from each `{` (every match starts
 * there) with no callback: a URL is resolved at every REST call.
 */
function substituteOnce(build: UnitBuild, text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('{'); at >= 0; ) {
    SUBSTITUTED_VARIABLE.lastIndex = at;
    const match = SUBSTITUTED_VARIABLE.exec(text);
    if (!match) {
      at = text.indexOf('{', at + 1);
      continue;
    }
    const end = at + match[0].length;
    const known = knownString(build, match[1]!.toLowerCase());
    if (known !== undefined) {
      out += text.slice(copied, at) + known;
      copied = end;
    }
    at = text.indexOf('{', end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** `{TokenInput.asjson()}` as the JSON of the members assigned to TokenInput so far. */
function expandJson(build: UnitBuild, text: string): string {
  const match = AS_JSON_SUBSTITUTION.exec(text.trim());
  const members = match ? build.state.dynamicMembers.get(match[1]!.toLowerCase()) : undefined;
  return members ? JSON.stringify(Object.fromEntries(members)) : '';
}
