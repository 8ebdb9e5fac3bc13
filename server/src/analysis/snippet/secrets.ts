import type { TextRange } from '../../common/text-range';
import { findJwts } from '../../jwt/find';
import type { CallExpression, Expression, StringLiteral } from '../../syntax/snippet/ast';
import {
  bearerTokenInText,
  credentialsInFormText,
  isLiteralBasicCredentials,
  isPlaceholderValue,
  secretKindOfName,
  type SecretKind,
} from '../vocabulary/credential-patterns';
import { calleeName, contentRange, isTokenVariableName, unwrap } from './expressions';

/**
 * Literal credentials in Snippet code: what `hardcoded-secret` and `hardcoded-token` report. Every finding is a
 * range of code text (the value only, never a copy of it), so a secret is never stored in the model.
 */
export type LiteralFinding =
  | { readonly kind: 'secret-literal'; readonly what: SecretKind | 'basic-credentials'; readonly valueRange: TextRange }
  | { readonly kind: 'token-literal'; readonly valueRange: TextRange; readonly jwt: boolean };

/** Base64url/base64 runs of at least 20 characters: what a pasted token looks like. */
const TOKEN_TEXT = /^[A-Za-z0-9\-._~+/]{20,}=*$/;
/** `"client_secret": "abc"` in a JSON body (`$"…"` strings write the quotes as `\"`). */
const JSON_PAIR = /\\?["']([A-Za-z_][\w-]*)\\?["']\s*:\s*\\?["']([^"'\\{}]*)\\?["']/g;
const BEARER_PREFIX = /^(\s*bearer\s+)/i;
const BASIC_CREDENTIALS = /^(\s*basic\s+)([A-Za-z0-9+/]{8,}=*)\s*$/i;
const DIGIT = /\d/;
const LETTER = /[A-Za-z]/;

/**
 * Findings in one literal text chunk (`text` starts at code offset `start`): `client_secret=…` form or query pairs,
 * JSON pairs, `Bearer <token>`, and JWT-shaped text.
 */
export function findingsInLiteralText(text: string, start: number): LiteralFinding[] {
  const found: LiteralFinding[] = [];
  for (const credential of credentialsInFormText(text)) {
    found.push({ kind: 'secret-literal', what: credential.kind, valueRange: shift(credential.valueRange, start) });
  }
  JSON_PAIR.lastIndex = 0;
  // Every pair has a colon; most text has none, and need not be searched.
  for (let m = text.includes(':') ? JSON_PAIR.exec(text) : null; m; m = JSON_PAIR.exec(text)) {
    const kind = secretKindOfName(m[1]!);
    const value = m[2]!;
    if (!kind || isPlaceholderValue(value)) continue;
    const closing = m[0].endsWith('\\"') || m[0].endsWith("\\'") ? 2 : 1;
    const end = m.index + m[0].length - closing;
    found.push({
      kind: 'secret-literal',
      what: kind,
      valueRange: { start: start + end - value.length, end: start + end },
    });
  }
  found.push(...tokensInText(text, start));
  return found;
}

/** Bearer tokens and JWTs in a comment (commented-out code leaks a token as well as live code does). */
export function findingsInComment(text: string, start: number): LiteralFinding[] {
  return tokensInText(text, start);
}

function tokensInText(text: string, start: number): LiteralFinding[] {
  const found: LiteralFinding[] = [];
  const jwts = findJwts(text);
  const bearer = bearerTokenInText(text);
  if (bearer) {
    const jwt = jwts.some((j) => j.range.start === bearer.start);
    found.push({ kind: 'token-literal', valueRange: shift(bearer, start), jwt });
  }
  for (const candidate of jwts) {
    if (bearer && candidate.range.start === bearer.start) continue;
    found.push({ kind: 'token-literal', valueRange: shift(candidate.range, start), jwt: true });
  }
  return found;
}

/**
 * A literal assigned to a credential name: `client_secret = "…"`, `TokenInput.password = "…"` (secret-literal), or a
 * token-looking literal assigned to `token`, `accessToken`, `bearer` (token-literal).
 */
export function namedLiteralFinding(name: string, value: Expression): LiteralFinding | null {
  const literal = unwrap(value);
  if (literal.kind !== 'StringLiteral') return null;
  const text = staticText(literal);
  const range = contentRange(literal);
  if (text === null || range === null || isPlaceholderValue(text)) return null;
  const kind = secretKindOfName(name);
  if (kind) return { kind: 'secret-literal', what: kind, valueRange: range };
  if (!isTokenVariableName(name.toLowerCase())) return null;
  const bearer = BEARER_PREFIX.exec(text);
  const token = bearer ? text.slice(bearer[1]!.length) : text;
  if (!looksLikeToken(token) || text.length !== range.end - range.start) return null;
  const tokenStart = range.start + (bearer ? bearer[1]!.length : 0);
  return {
    kind: 'token-literal',
    valueRange: { start: tokenStart, end: range.end },
    jwt: token.startsWith('eyJ') && findJwts(token).length > 0,
  };
}

/** `EncodeBase64("user:password")` or `EncodeBase64("{id}:password")`: the literal password part. */
export function basicCredentialsFinding(call: CallExpression): LiteralFinding | null {
  if (calleeName(call) !== 'encodebase64') return null;
  const arg = call.args[0] ? unwrap(call.args[0]) : null;
  if (arg?.kind !== 'StringLiteral') return null;
  const last = arg.parts[arg.parts.length - 1];
  if (last?.kind !== 'StringText') return null;
  const text = staticText(arg);
  if (text !== null && !isLiteralBasicCredentials(text)) return null;
  // The password is the literal text after the last colon of the last text part (`{clientId}:s3cr3t` counts too).
  const colon = last.raw.lastIndexOf(':');
  if (colon < 0) return null;
  const password = last.raw.slice(colon + 1);
  if (password === '' || isPlaceholderValue(password) || password.includes('{') || password.includes('}')) return null;
  const start = last.range.start + colon + 1;
  return { kind: 'secret-literal', what: 'basic-credentials', valueRange: { start, end: start + password.length } };
}

/**
 * A header set to a literal credential: `AddHeader("X-Api-Key", "…")` (by the header's name) or
 * `AddHeader("Authorization", "Basic dXNlcjpwYXNz")`.
 */
export function headerLiteralFinding(headerName: string, value: Expression): LiteralFinding | null {
  const literal = unwrap(value);
  if (literal.kind !== 'StringLiteral') return null;
  const text = staticText(literal);
  const range = contentRange(literal);
  if (text === null || range === null || isPlaceholderValue(text)) return null;
  if (headerName.toLowerCase() === 'authorization') {
    const basic = BASIC_CREDENTIALS.exec(text);
    if (!basic || text.length !== range.end - range.start) return null;
    const start = range.start + basic[1]!.length;
    return { kind: 'secret-literal', what: 'basic-credentials', valueRange: { start, end: start + basic[2]!.length } };
  }
  const kind = secretKindOfName(headerName);
  return kind ? { kind: 'secret-literal', what: kind, valueRange: range } : null;
}

function looksLikeToken(text: string): boolean {
  return (
    TOKEN_TEXT.test(text) && DIGIT.test(text) && LETTER.test(text) && !text.startsWith('/') && !text.includes('//')
  );
}

/** The literal's text when it has no interpolation (escapes decoded), else null. */
function staticText(literal: StringLiteral): string | null {
  let out = '';
  for (const part of literal.parts) {
    if (part.kind === 'Interpolation') return null;
    out += part.value;
  }
  return out;
}

function shift(range: TextRange, by: number): TextRange {
  return { start: range.start + by, end: range.end + by };
}
