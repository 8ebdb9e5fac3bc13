import type { AnyNode } from 'acorn';
import { shiftedRange, type TextRange } from '../../common/text-range';
import {
  bareTokenLine,
  basicInputCredential,
  type CredentialFinding,
  credentialsInText as credentialsIn,
  headerCredential,
  namedLiteralCredential,
} from '../vocabulary/credential-patterns';
import { innerRange, isStringLiteral, plainTemplate } from './expressions';

/**
 * Literal credentials in the guide's notation: what `hardcoded-secret` and `hardcoded-token` report, as document
 * ranges of the value only. What counts as a credential is the vocabulary's (vocabulary/credential-patterns.ts);
 * this file finds where the notation writes one.
 */
export type LiteralFinding = CredentialFinding;

/** Written text pieces of a string literal or template (document ranges), escapes as written. */
function rawPieces(text: string, node: AnyNode): TextRange[] {
  if (isStringLiteral(node)) return [innerRange(text, node)];
  if (node.type === 'TemplateLiteral') {
    return node.quasis.map((quasi) => ({ start: quasi.start, end: Math.max(quasi.start, quasi.end) }));
  }
  return [];
}

/**
 * Credentials inside any text (a literal's inside, a comment, an action's arguments); `base` is its document offset.
 */
export function credentialsInText(piece: string, base: number): LiteralFinding[] {
  return credentialsIn(piece).map((finding) => ({ ...finding, valueRange: shiftedRange(finding.valueRange, base) }));
}

/** Credentials written inside a string literal or template literal. */
export function literalFindings(text: string, node: AnyNode): LiteralFinding[] {
  const found: LiteralFinding[] = [];
  for (const piece of rawPieces(text, node)) {
    found.push(...credentialsInText(text.slice(piece.start, piece.end), piece.start));
  }
  return found;
}

const SUBSTITUTION = /\{[^{}]*\}/;
const NOT_A_NAME_CHARACTER = /[^\w:-]/g;

/** The text inside a string literal (or a template without substitutions), unless it holds `{substitutions}`. */
function literalText(text: string, value: AnyNode | null | undefined): { range: TextRange; raw: string } | undefined {
  if (!value || (!isStringLiteral(value) && !plainTemplate(value))) return undefined;
  const range = innerRange(text, value);
  const raw = text.slice(range.start, range.end);
  return SUBSTITUTION.test(raw) ? undefined : { range, raw };
}

/**
 * A literal stored under a name that says what it holds: `var clientSecret = "…"`, `body.client_secret = "…"`,
 * `headers["x-api-key"] = "…"` (secrets, judged by their value), `var strToken = "eyJ…"` (tokens). Substitutions and
 * placeholders are fine.
 */
export function namedLiteralFinding(
  text: string,
  name: string,
  value: AnyNode | null | undefined,
): LiteralFinding | undefined {
  const literal = literalText(text, value);
  if (!literal) return undefined;
  const { range, raw } = literal;
  const found = namedLiteralCredential(name.replace(NOT_A_NAME_CHARACTER, ''), raw, 'assigned');
  return found && { ...found, valueRange: shiftedRange(found.valueRange, range.start) };
}

/** A header set to a literal: Basic credentials encoded in Authorization, or an API-key header's value. */
export function headerLiteralFinding(
  text: string,
  header: string,
  value: AnyNode | null | undefined,
): LiteralFinding | undefined {
  const literal = literalText(text, value);
  if (!literal) return undefined;
  const { range, raw } = literal;
  const found = headerCredential(header, raw);
  return found && { ...found, valueRange: shiftedRange(found.valueRange, range.start) };
}

/** `btoa("user:pass")`, `btoa("{clientId}:pass")`: the password part of literal Basic credentials. */
export function basicCredentialsFinding(
  text: string,
  argument: AnyNode | null | undefined,
): LiteralFinding | undefined {
  if (!argument || (!isStringLiteral(argument) && !plainTemplate(argument))) return undefined;
  const range = innerRange(text, argument);
  const found = basicInputCredential(text.slice(range.start, range.end));
  return found && { ...found, valueRange: shiftedRange(found.valueRange, range.start) };
}

/** A token pasted on a line of its own, outside any string: `eyJ…`, `Bearer 4f9c…` (document offsets). */
export function bareTokenFinding(text: string, range: TextRange): LiteralFinding | undefined {
  const token = bareTokenLine(text.slice(range.start, range.end));
  return token && { kind: 'token', jwt: token.jwt, valueRange: shiftedRange(token.range, range.start) };
}
