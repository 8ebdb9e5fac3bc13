import type { AnyNode } from 'acorn';
import type { TextRange } from '../../common/text-range';
import { findJwts } from '../../jwt/find';
import {
  bearerTokenInText,
  credentialsInFormText,
  isLiteralBasicCredentials,
  isPlaceholderValue,
  secretKindOfName,
  type SecretKind,
} from '../vocabulary/credential-patterns';
import { innerRange, isStringLiteral, plainTemplate } from './expressions';
import { isTokenName } from './names';

/** A literal credential found in script text; `valueRange` covers the value only (what a fix replaces). */
export type LiteralFinding =
  | { readonly kind: 'secret'; readonly what: SecretKind | 'basic-credentials'; readonly valueRange: TextRange }
  | { readonly kind: 'token'; readonly jwt: boolean; readonly valueRange: TextRange };

/** A bare token value: optional `Bearer `, then 16+ token characters and nothing else. */
const TOKEN_SHAPED = /^(?:Bearer[ \t]+)?([A-Za-z0-9\-._~+/]{16,}=*)$/i;

/** The raw text pieces of a string literal or template (document ranges), escapes as written. */
function rawPieces(text: string, node: AnyNode): TextRange[] {
  if (isStringLiteral(node)) return [innerRange(text, node)];
  if (node.type === 'TemplateLiteral') {
    return node.quasis.map((quasi) => ({ start: quasi.start, end: Math.max(quasi.start, quasi.end) }));
  }
  return [];
}

/**
 * Credentials inside any text (a literal's inside, a comment, an action's arguments): `client_secret=…` pairs,
 * `Bearer <token>` and JWT-shaped text. `base` is the document offset of `piece[0]`.
 */
export function credentialsInText(piece: string, base: number, forms: boolean): LiteralFinding[] {
  const found: LiteralFinding[] = [];
  const jwts = findJwts(piece).map((jwt) => ({ start: base + jwt.range.start, end: base + jwt.range.end }));
  for (const range of jwts) found.push({ kind: 'token', jwt: true, valueRange: range });
  const bearer = bearerTokenInText(piece);
  if (bearer) {
    const range = { start: base + bearer.start, end: base + bearer.end };
    if (!jwts.some((jwt) => overlaps(jwt, range))) found.push({ kind: 'token', jwt: false, valueRange: range });
  }
  if (forms) {
    for (const credential of credentialsInFormText(piece)) {
      found.push({
        kind: 'secret',
        what: credential.kind,
        valueRange: { start: base + credential.valueRange.start, end: base + credential.valueRange.end },
      });
    }
  }
  return found;
}

/** Credentials written inside a string literal or template literal. */
export function literalFindings(text: string, node: AnyNode): LiteralFinding[] {
  const found: LiteralFinding[] = [];
  for (const piece of rawPieces(text, node)) {
    found.push(...credentialsInText(text.slice(piece.start, piece.end), piece.start, true));
  }
  return found;
}

/**
 * A literal assigned to a name that says what it holds: `var clientSecret = "…"`, `body.client_secret = "…"`,
 * `headers["x-api-key"] = "…"` (secrets), `var strToken = "eyJ…"` (tokens). Substitutions and placeholders are fine.
 */
export function namedLiteralFinding(
  text: string,
  name: string,
  value: AnyNode | null | undefined,
): LiteralFinding | undefined {
  if (!value || (!isStringLiteral(value) && !plainTemplate(value))) return undefined;
  const range = innerRange(text, value);
  const raw = text.slice(range.start, range.end);
  if (isPlaceholderValue(raw) || /\{[^{}]*\}/.test(raw)) return undefined;
  const kind = secretKindOfName(name.replace(/[^\w:-]/g, ''));
  if (kind) return { kind: 'secret', what: kind, valueRange: range };
  if (isTokenName(name)) {
    const shaped = TOKEN_SHAPED.exec(raw);
    if (!shaped) return undefined;
    const start = range.start + raw.length - shaped[1]!.length;
    return {
      kind: 'token',
      jwt: /^eyJ/.test(shaped[1]!) && shaped[1]!.split('.').length >= 3,
      valueRange: { start, end: range.end },
    };
  }
  return undefined;
}

/** `btoa("user:pass")`: the password part of literal Basic credentials. */
export function basicCredentialsFinding(
  text: string,
  argument: AnyNode | null | undefined,
): LiteralFinding | undefined {
  if (!argument || (!isStringLiteral(argument) && !plainTemplate(argument))) return undefined;
  const range = innerRange(text, argument);
  const raw = text.slice(range.start, range.end);
  if (!isLiteralBasicCredentials(raw)) return undefined;
  const colon = raw.indexOf(':');
  return { kind: 'secret', what: 'basic-credentials', valueRange: { start: range.start + colon + 1, end: range.end } };
}

/** `"Basic dXNlcjpwYXNz"` in an Authorization header: literal Basic credentials, already encoded. */
export function encodedBasicFinding(text: string, value: AnyNode | null | undefined): LiteralFinding | undefined {
  if (!value || (!isStringLiteral(value) && !plainTemplate(value))) return undefined;
  const range = innerRange(text, value);
  const raw = text.slice(range.start, range.end);
  const match = /^Basic[ \t]+([A-Za-z0-9+/]{6,}={0,2})$/i.exec(raw);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  if (!isLiteralBasicCredentials(decoded)) return undefined;
  const start = range.start + raw.length - match[1]!.length;
  return { kind: 'secret', what: 'basic-credentials', valueRange: { start, end: range.end } };
}

export function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}
