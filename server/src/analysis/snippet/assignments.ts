import type { TextRange } from '../../common/text-range';
import * as A from '../../syntax/snippet/ast';
import type { ExpirySetEvent, StatusCopyEvent, TokenAcquireEvent } from '../model/flow-model';
import {
  isAuthorizationHeaderName,
  isExpiresInMember,
  isProxyFactoryName,
  SNIPPET_REQUEST_METHOD,
} from '../vocabulary/http';
import { isErrorVariableName, isExpiryName } from '../vocabulary/names';
import { daysToSeconds, SECONDS_PER_DAY } from '../vocabulary/time';
import { isClearingValue, isErrorValue } from '../vocabulary/values';
import { readAuthorizationValue, readCalls } from './calls';
import { bufferOf, statusSource, timeEnv } from './conditions';
import {
  calleeName,
  memberPath,
  methodCall,
  plainValueOf,
  someNode,
  throughStringCopy,
  unwrap,
  writtenText,
} from './expressions';
import { tokenSourceOf } from './facts';
import { namedLiteralFinding } from './secrets';
import { noteAccessTokenReads, scanLiterals, sitesOf } from './sites';
import { constantValue, secondsLiteralRange } from './time';
import { partsInOrder, timeForm, type TimeEnv, type TimeForm } from './time-form';
import type { ExpiryFact, Writable } from './flow-state';
import { eventHead, type Ctx, type UnitBuild } from './unit-build';
import { summarizeValue, summaryIsJitter, summaryMentionsNow, type ValueSummary } from './value-summary';

/**
 * `[ASSIGN] target = value` in real Snippet: what the value hands over (a token, an expiry, a status copy, an error,
 * a literal credential, a REST call's result) and what is known about the variable afterwards.
 */
export function readAssignment(build: UnitBuild, s: A.AssignStatement, ctx: Ctx): void {
  const value = unwrap(s.value);
  const root = A.assignmentRoot(s.target);
  const sites = sitesOf(s.value, false);
  scanLiterals(build, sites, ctx);
  const dynamicMember = s.target.kind === 'Member' && root !== null && build.state.dynamicMembers.has(root.folded);
  const named = namedLiteralFinding(
    targetName(s.target),
    s.value,
    build.code,
    dynamicMember ? 'json-field' : 'assigned',
  );
  if (named) build.literal(named, ctx);
  noteAccessTokenReads(build, sites);
  const direct = methodCall(value, SNIPPET_REQUEST_METHOD);
  const directId = readCalls(build, sites, ctx, direct, root?.folded);
  if (!root) return;
  if (s.target.kind !== 'Identifier') {
    memberAssignment(build, s, root, ctx);
    return;
  }
  const name = root.folded;
  const st = build.state;
  if (directId !== undefined) st.callResults.set(name, directId);
  else st.callResults.delete(name);
  if (value.kind === 'Call' && isProxyFactoryName(calleeName(value) ?? '')) {
    // A new proxy: no headers, no calls yet.
    st.authorization.delete(name);
    st.pending.delete(name);
    st.lastCall.delete(name);
  }
  tokenAcquire(build, s, name, ctx);
  if (isClearingValue(plainValueOf(value)) && build.isTokenVariable(name))
    build.push({
      kind: 'token-clear',
      unit: build.unit,
      order: 0,
      range: build.doc(s),
      guards: ctx.guards,
      inLoop: ctx.inLoop,
      variable: name,
      persistent: true,
    });
  if (build.facts.expiryVariables.has(name) || isExpiryName(name)) expirySet(build, s, name, value, ctx);
  statusCopy(build, s, name, ctx);
  if (isErrorVariableName(name) && isErrorValue(plainValueOf(value))) build.errorPath(s, ctx);
  remember(build, name, value, build.facts.valueSummaries.get(s.value) ?? summarizeValue(s.value));
}

function tokenAcquire(build: UnitBuild, s: A.AssignStatement, name: string, ctx: Ctx): void {
  const source = tokenSourceOf(s.value, build.facts.tokenFunctions, (n) => n !== name && build.isTokenVariable(n));
  if (!source) return;
  const range = build.doc(s);
  const { unit } = build;
  const { guards, inLoop } = ctx;
  // Written out, fields in the model's order: a spread per event is many times slower than a literal.
  if (source.kind === 'response') {
    const event = { kind: 'token-acquire', unit, order: 0, range, guards, inLoop } as Writable<TokenAcquireEvent>;
    event.variable = name;
    event.source = 'response';
    const fromCall = build.callOfResponse(source.member);
    if (fromCall !== undefined) event.fromCall = fromCall; // absent, never undefined
    event.persistent = true;
    build.push(event);
  } else if (source.kind === 'function') {
    build.push({
      kind: 'token-acquire',
      unit,
      order: 0,
      range,
      guards,
      inLoop,
      variable: name,
      source: 'function',
      persistent: true,
    });
  } else {
    build.push({
      kind: 'token-acquire',
      unit,
      order: 0,
      range,
      guards,
      inLoop,
      variable: name,
      source: 'alias',
      fromVariable: source.variable,
      persistent: true,
    });
  }
  build.state.acquired.add(name);
}

function expirySet(build: UnitBuild, s: A.AssignStatement, name: string, value: A.Expression, ctx: Ctx): void {
  const st = build.state;
  const clears = isClearingValue(plainValueOf(value));
  let fromExpiresIn = false;
  let fromCall: number | undefined;
  let constant: { seconds: number; range: TextRange } | undefined;
  let storedBuffer: ExpirySetEvent['storedBuffer'];
  if (!clears) {
    const member = firstNode(value, (n) => n.kind === 'Member' && isExpiresInMember(n.propertyFolded));
    const lifetime = firstNode(value, (n) => n.kind === 'Identifier' && st.lifetimes.has(n.folded));
    const copied = throughStringCopy(value);
    const form = timeForm(value, lifetimeEnv(build));
    if (member && member.kind === 'Member') {
      fromExpiresIn = true;
      fromCall = build.callOfResponse(member);
      storedBuffer = storedBufferOf(build, form);
    } else if (lifetime && lifetime.kind === 'Identifier') {
      fromExpiresIn = true;
      fromCall = st.lifetimes.get(lifetime.folded);
      storedBuffer = storedBufferOf(build, form);
    } else if (copied.kind === 'Identifier' && st.expiries.has(copied.folded)) {
      // A copy of another expiry (e.g. the client token's, for a resource token) carries where that came from.
      const fact = st.expiries.get(copied.folded)!;
      fromExpiresIn = fact.fromExpiresIn;
      fromCall = fact.fromCall;
      storedBuffer = fact.storedBuffer;
    } else {
      constant = constantLifetime(build, form);
    }
  }
  // Fields set in the model's order; the optional ones only when known (absent, never undefined).
  const event = eventHead(build, 'expiry-set', s, ctx) as Writable<ExpirySetEvent>;
  event.variable = name;
  event.fromExpiresIn = fromExpiresIn;
  if (constant) {
    event.constantSeconds = constant.seconds;
    event.constantRange = build.doc(constant.range);
  }
  if (fromCall !== undefined) event.fromCall = fromCall;
  event.clears = clears;
  if (storedBuffer !== undefined) event.storedBuffer = storedBuffer;
  build.push(event);
  const fact: Writable<ExpiryFact> = { fromExpiresIn, fromCall };
  if (storedBuffer !== undefined) fact.storedBuffer = storedBuffer;
  st.expiries.set(name, fact);
}

/** The linear form's names, with the lifetimes known at this point (`r.expires_in` copies). */
function lifetimeEnv(build: UnitBuild): TimeEnv {
  const env = timeEnv(build);
  const lifetimes = build.state.lifetimes;
  return { ...env, isLifetime: (folded) => lifetimes.has(folded) || env.isLifetime(folded) };
}

/**
 * `now + lifetime + Σ parts` whose parts take time off (`utc + ((r.expires_in - 300) / 86400)`,
 * `utc + (r.expires_in - bufferSeconds) / 86400`), or a lifetime that already had a buffer taken off: the buffer kept
 * in the stored expiry, in seconds.
 */
function storedBufferOf(build: UnitBuild, form: TimeForm | null): ExpirySetEvent['storedBuffer'] {
  if (!form || form.now === 0 || form.expiry) return undefined;
  const parts = partsInOrder(form).map((p) => ({ ...p, coefficient: -p.coefficient }));
  const fromParts = bufferOf(build, parts, 1 / form.now);
  let fromLifetimes = 0;
  for (const term of form.lifetimes) {
    const x = unwrap(term.node);
    if (x.kind === 'Identifier') fromLifetimes += build.state.lifetimeBuffers.get(x.folded) ?? 0;
  }
  if (fromParts.kind === 'none') return fromLifetimes > 0 ? { kind: 'constant', seconds: fromLifetimes } : undefined;
  if (fromParts.kind === 'constant') return { kind: 'constant', seconds: fromParts.seconds + fromLifetimes };
  return fromParts;
}

/**
 * `now + (3600 / 86400)`, `now + 0.0416`, `dateadd("s", 3600, now)`, `timestamp / 10000000 + 3600`: a lifetime in
 * seconds and where it is written (a constant of this code's variables counts: `now + lifetimeSeconds / 86400`).
 */
function constantLifetime(build: UnitBuild, form: TimeForm | null): { seconds: number; range: TextRange } | undefined {
  if (!form || form.now <= 0 || form.expiry || form.lifetimes.length > 0 || form.parts.length === 0) return undefined;
  let total = 0;
  for (const part of form.parts) {
    const value = part.value ?? constantValue(part.node, build.state.constants);
    if (value === undefined) return undefined;
    total += part.coefficient * value;
  }
  const seconds = daysToSeconds(total / form.now / SECONDS_PER_DAY);
  const first = partsInOrder(form)[0]!;
  return seconds > 0 ? { seconds, range: secondsLiteralRange(first.node) } : undefined;
}

function statusCopy(build: UnitBuild, s: A.AssignStatement, name: string, ctx: Ctx): void {
  const status = statusSource(build, s.value);
  if (!status) {
    build.state.statuses.delete(name);
    return;
  }
  // Fields set in the model's order; `callId` only when known (absent, never undefined).
  const event = eventHead(build, 'status-copy', s, ctx) as Writable<StatusCopyEvent>;
  event.variable = name;
  if (status.callId !== undefined) event.callId = status.callId;
  event.client = status.client;
  build.push(event);
  build.state.statuses.set(name, status);
}

/** Updates what is known about a variable after `name = value` (`summary` summarises the value). */
function remember(build: UnitBuild, name: string, value: A.Expression, summary: ValueSummary): void {
  const st = build.state;
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
  const documentJitter = build.options.documentJitter;
  if (summaryIsJitter(summary, st.jitter) || (documentJitter !== undefined && summaryIsJitter(summary, documentJitter)))
    st.jitter.add(name);
  else st.jitter.delete(name);
  const now = summaryMentionsNow(summary, build.facts.nowVariables);
  const copied = throughStringCopy(value);
  if (!now && summary.readsExpiresIn) {
    const member = firstNode(value, (n) => n.kind === 'Member' && isExpiresInMember(n.propertyFolded));
    st.lifetimes.set(name, member && member.kind === 'Member' ? build.callOfResponse(member) : undefined);
    rememberLifetimeBuffer(build, name, value);
  } else if (!now && copied.kind === 'Identifier' && st.lifetimes.has(copied.folded)) {
    st.lifetimes.set(name, st.lifetimes.get(copied.folded));
    copyEntry(st.lifetimeBuffers, copied.folded, name);
  } else {
    st.lifetimes.delete(name);
    st.lifetimeBuffers.delete(name);
  }
}

/** `lifetime = r.expires_in - 300`: a lifetime with a constant buffer already taken off, in seconds. */
function rememberLifetimeBuffer(build: UnitBuild, name: string, value: A.Expression): void {
  const form = timeForm(value, lifetimeEnv(build));
  let taken = 0;
  if (form && form.now === 0 && !form.expiry && form.lifetimes.length > 0) {
    for (const part of form.parts) {
      const v = part.value ?? constantValue(part.node, build.state.constants);
      if (v === undefined) {
        taken = 0;
        break;
      }
      taken -= part.coefficient * v;
    }
  }
  if (taken > 0) build.state.lifetimeBuffers.set(name, Math.round(taken));
  else build.state.lifetimeBuffers.delete(name);
}

/** `obj.member = value`: dynamic-object members (token request bodies) and `headers.Authorization = …`. */
function memberAssignment(build: UnitBuild, s: A.AssignStatement, root: A.Identifier, ctx: Ctx): void {
  const target = s.target;
  if (target.kind !== 'Member') return;
  if (unwrap(target.object) === root) {
    const members = new Map(build.state.dynamicMembers.get(root.folded));
    members.set(target.property, valueText(build, s.value));
    build.state.dynamicMembers.set(root.folded, members);
  }
  if (isAuthorizationHeaderName(target.propertyFolded))
    readAuthorizationValue(build, memberPath(target.object) ?? root.folded, s.value, ctx);
}

/** A string's text as written, or the code of any other value. */
function valueText(build: UnitBuild, e: A.Expression): string {
  const x = unwrap(e);
  return x.kind === 'StringLiteral' ? writtenText(x, build.code) : build.slice(x);
}

/** The name a literal is assigned to: `password` in `TokenInput.password = …`, `x` in `x[2] = …`. */
function targetName(target: A.Expression): string {
  let x = target;
  while (x.kind === 'Index') x = x.object;
  if (x.kind === 'Member') return x.property;
  if (x.kind === 'Identifier') return x.name;
  return '';
}

function copyEntry<V>(map: Map<string, V>, from: string, to: string): void {
  const value = map.get(from);
  if (value === undefined) map.delete(to);
  else map.set(to, value);
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
