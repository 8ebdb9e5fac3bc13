import { isAccessTokenMember, isTokenFunctionName } from './credential-patterns';
import {
  walk,
  type AssignStatement,
  type AstNode,
  type Expression,
  type FunctionDeclaration,
  type MemberExpression,
  type Program,
} from '../syntax/snippet/ast';
import {
  addedToNow,
  asComparison,
  calleeName,
  conditionLeaves,
  identifiersRead,
  isExpiryName,
  isJitterExpression,
  isLifetimeName,
  isNowExpression,
  isOrdering,
  isTokenishName,
  isTokenVariableName,
  mentionsNow,
  methodCall,
  constantValue,
  someNode,
  unwrap,
  writtenText,
} from './snippet-expressions';

/**
 * What a whole piece of Snippet code says about its names, gathered before the in-order pass: which variables
 * hold "now", a token, an expiry time or a lifetime, which user functions return a token, and which functions
 * are called inside loops. The in-order pass needs these where a name is tested before it is assigned (Strategy
 * B tests `cachedToken` and `tokenExpiry` above the refresh that sets them).
 */
export interface SnippetFacts {
  readonly nowVariables: ReadonlySet<string>;
  readonly tokenVariables: ReadonlySet<string>;
  readonly expiryVariables: ReadonlySet<string>;
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
      } else if (!/^\s*(?:bearer\s*)?$/i.test(part.value)) {
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
  return someNode(e, (n) => n.kind === 'Member' && (n.propertyFolded === 'expires_in' || n.propertyFolded === 'expiresin'));
}

export function collectSnippetFacts(program: Program, code: string): SnippetFacts {
  const assigns: AssignStatement[] = [];
  const conditions: Expression[] = [];
  const functions: FunctionDeclaration[] = [];
  const headerValues: Expression[] = [];
  const calledInLoops = new Set<string>();
  let loopDepth = 0;
  walk(
    program,
    (node) => {
      switch (node.kind) {
        case 'Assign': assigns.push(node); break;
        case 'If': conditions.push(node.condition); break;
        case 'Select': for (const c of node.clauses) if (c.kind === 'CaseGroup') for (const l of c.labels) conditions.push(l.value); break;
        case 'Function': functions.push(node); break;
        case 'For': case 'Foreach': case 'Repeat': loopDepth++; break;
        case 'Call': {
          if (loopDepth > 0 && node.callee.kind === 'Identifier') calledInLoops.add(node.callee.folded);
          const header = methodCall(node, 'addheader');
          if (header && header.args[1] && isAuthorizationName(header.args[0])) headerValues.push(header.args[1]);
          break;
        }
        default: break;
      }
    },
    (node: AstNode) => {
      if (node.kind === 'For' || node.kind === 'Foreach' || node.kind === 'Repeat') loopDepth--;
    },
  );

  const variableAssigns = assigns.filter((a) => a.target.kind === 'Identifier');
  const targetOf = (a: AssignStatement): string => (a.target.kind === 'Identifier' ? a.target.folded : '');

  // "now" and its copies (two rounds cover a copy of a copy).
  const nowVariables = new Set<string>();
  for (let round = 0; round < 2; round++) {
    for (const a of variableAssigns) if (isNowExpression(a.value, nowVariables)) nowVariables.add(targetOf(a));
  }

  const lifetimeVariables = new Set<string>();
  for (const a of variableAssigns) {
    const name = targetOf(a);
    if (mentionsNow(a.value, nowVariables)) continue;
    if (readsExpiresIn(a.value) || isLifetimeName(name)) lifetimeVariables.add(name);
  }

  const tokenFunctions = new Set<string>();
  for (const f of functions) {
    if (!f.name) continue;
    const readsToken = someNodeIn(f.body, (n) => n.kind === 'Member' && isAccessTokenMember(n.property));
    const returnsValue = someNodeIn(f.body, (n) => n.kind === 'Return' && n.value !== null);
    if (isTokenFunctionName(f.name.name) || (readsToken && returnsValue)) tokenFunctions.add(f.name.folded);
  }

  const tokenVariables = new Set<string>();
  for (const value of headerValues) {
    const x = unwrap(value);
    if (x.kind === 'StringLiteral') {
      if (x.parts.some((p) => p.kind === 'StringText' && /^\s*basic\b/i.test(p.value))) continue;
      for (const part of x.parts) {
        if (part.kind !== 'Interpolation') continue;
        const inner = unwrap(part.expression);
        if (inner.kind === 'Member' && isAccessTokenMember(inner.property)) continue; // read in place from a response
        for (const id of identifiersRead(inner)) tokenVariables.add(id.folded);
      }
    }
  }
  for (let round = 0; round < 3; round++) {
    for (const a of variableAssigns) {
      const source = tokenSourceOf(a.value, tokenFunctions, (n) => tokenVariables.has(n) || isTokenVariableName(n));
      if (source) tokenVariables.add(targetOf(a));
    }
  }

  // Expiry times: by name, by value (now + expires_in), or by being compared with now (token-ish names only,
  // so business-hours checks such as `now > closingTime` are not expiry checks).
  const expiryVariables = new Set<string>();
  const nowPlus = new Set<string>();
  for (const a of variableAssigns) {
    const name = targetOf(a);
    if (isLifetimeName(name)) continue;
    if (isExpiryName(name)) expiryVariables.add(name);
    if (addedToNow(a.value, nowVariables) !== null) nowPlus.add(name);
    const readsLifetime = someNode(a.value, (n) => n.kind === 'Identifier' && lifetimeVariables.has(n.folded));
    if (mentionsNow(a.value, nowVariables) && (readsExpiresIn(a.value) || readsLifetime)) expiryVariables.add(name);
  }
  for (const condition of conditions) {
    for (const leaf of conditionLeaves(condition)) {
      const cmp = asComparison(leaf);
      if (!cmp || !isOrdering(cmp.operator)) continue;
      for (const [a, b] of [[cmp.left, cmp.right], [cmp.right, cmp.left]] as const) {
        if (!isNowExpression(a, nowVariables) && addedToNow(a, nowVariables) === null) continue;
        let other = unwrap(b);
        if (other.kind === 'Binary' && other.operator === '-') other = unwrap(other.left);
        if (other.kind !== 'Identifier' || isLifetimeName(other.folded) || nowVariables.has(other.folded)) continue;
        if (isExpiryName(other.folded) || isTokenishName(other.folded) || nowPlus.has(other.folded)) expiryVariables.add(other.folded);
      }
    }
  }

  // Constant assignments (for fixed buffers held in a variable): null once a variable gets anything else.
  const constantAssignments = new Map<string, number | null>();
  for (const a of variableAssigns) {
    const name = targetOf(a);
    const value = constantValue(a.value, NO_CONSTANTS);
    const previous = constantAssignments.get(name);
    if (value === undefined || (previous !== undefined && previous !== value)) constantAssignments.set(name, null);
    else constantAssignments.set(name, value);
  }

  const jitterVariables = new Set<string>();
  for (let round = 0; round < 2; round++) {
    for (const a of variableAssigns) if (isJitterExpression(a.value, jitterVariables)) jitterVariables.add(targetOf(a));
  }

  const stringAssignments = new Map<string, string | null>();
  for (const a of variableAssigns) {
    const name = targetOf(a);
    const x = unwrap(a.value);
    const value = x.kind === 'StringLiteral' ? writtenText(x, code) : undefined;
    const previous = stringAssignments.get(name);
    if (value === undefined || (previous !== undefined && previous !== value)) stringAssignments.set(name, null);
    else stringAssignments.set(name, value);
  }

  return {
    stringAssignments,
    nowVariables, tokenVariables, expiryVariables, lifetimeVariables, tokenFunctions, calledInLoops, constantAssignments,
    jitterVariables,
  };
}

/** `AddHeader("Authorization", …)`: the header name is a literal "Authorization" (any case). */
export function isAuthorizationName(e: Expression | undefined): boolean {
  if (!e) return false;
  const x = unwrap(e);
  return x.kind === 'StringLiteral' && x.parts.length === 1 && x.parts[0]!.kind === 'StringText' &&
    x.parts[0]!.value.trim().toLowerCase() === 'authorization';
}

function someNodeIn(root: AstNode, test: (node: AstNode) => boolean): boolean {
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (test(node)) found = true;
    return !found;
  });
  return found;
}
