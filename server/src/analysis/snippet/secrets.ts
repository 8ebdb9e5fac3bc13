import { shiftedRange, type TextRange } from '../../common/text-range';
import type { CallExpression, Expression, StringLiteral } from '../../syntax/snippet/ast';
import {
  bareTokenLine,
  basicInputCredential,
  credentialsInText,
  headerCredential,
  namedLiteralCredential,
  type CredentialFinding,
} from '../vocabulary/credential-patterns';
import { isBase64EncoderName } from '../vocabulary/http';
import { calleeName, contentRange, unwrap } from './expressions';

/**
 * Literal credentials in Snippet code: what `hardcoded-secret` and `hardcoded-token` report. Every finding is a
 * range of code text (the value only, never a copy of it), so a secret is never stored in the model. What counts as
 * a credential is the vocabulary's (vocabulary/credential-patterns.ts); this file finds where Snippet writes one.
 */
export type LiteralFinding = CredentialFinding;

/** Credentials in one piece of text (a literal's text part or a comment) that starts at code offset `start`. */
export function findingsInText(text: string, start: number): LiteralFinding[] {
  const found = credentialsInText(text);
  return found.length === 0 ? found : found.map((f) => ({ ...f, valueRange: shiftedRange(f.valueRange, start) }));
}

/**
 * A literal assigned to a name that says what it holds: `client_secret = "…"`, `authKey = "…"` (a secret, judged by
 * its value; a member of a DYNAMIC object is a JSON field, for that object is sent as JSON), or a token-looking
 * literal assigned to `token`, `accessToken`, `bearer` (a token).
 */
export function namedLiteralFinding(
  name: string,
  value: Expression,
  code: string,
  place: 'assigned' | 'json-field' = 'assigned',
): LiteralFinding | null {
  const literal = unwrap(value);
  if (literal.kind !== 'StringLiteral') return null;
  const range = contentRange(literal);
  if (range === null || !isStaticText(literal)) return null;
  const found = namedLiteralCredential(name, code.slice(range.start, range.end), place);
  return found ? { ...found, valueRange: shiftedRange(found.valueRange, range.start) } : null;
}

/** `EncodeBase64("user:password")` or `EncodeBase64("{id}:password")`: the literal password part. */
export function basicCredentialsFinding(call: CallExpression, code: string): LiteralFinding | null {
  if (!isBase64EncoderName(calleeName(call) ?? '')) return null;
  const arg = call.args[0] ? unwrap(call.args[0]) : null;
  if (arg?.kind !== 'StringLiteral') return null;
  const range = contentRange(arg);
  if (range === null) return null;
  const found = basicInputCredential(code.slice(range.start, range.end));
  return found ? { ...found, valueRange: shiftedRange(found.valueRange, range.start) } : null;
}

/**
 * A header set to a literal credential: `AddHeader("X-Api-Key", "…")` (by the header's name) or
 * `AddHeader("Authorization", "Basic dXNlcjpwYXNz")`.
 */
export function headerLiteralFinding(headerName: string, value: Expression, code: string): LiteralFinding | null {
  const literal = unwrap(value);
  if (literal.kind !== 'StringLiteral') return null;
  const range = contentRange(literal);
  if (range === null || !isStaticText(literal)) return null;
  const found = headerCredential(headerName, code.slice(range.start, range.end));
  return found ? { ...found, valueRange: shiftedRange(found.valueRange, range.start) } : null;
}

/** A token pasted on a line of its own, outside any string (a broken statement): `eyJ…`, `Bearer 4f9c…`. */
export function bareTokenFinding(statement: TextRange, code: string): LiteralFinding | null {
  const token = bareTokenLine(code.slice(statement.start, statement.end));
  return token ? { kind: 'token', jwt: token.jwt, valueRange: shiftedRange(token.range, statement.start) } : null;
}

/** The literal has no interpolation: what is written is all there is. */
function isStaticText(literal: StringLiteral): boolean {
  return literal.parts.every((part) => part.kind === 'StringText');
}
