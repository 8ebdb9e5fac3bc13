import type { TextRange } from '../../common/text-range';
import { compileEndpointPattern, type UrlMatcher } from '../../common/token-endpoint-pattern';
import { findJwts } from '../../jwt/find';

/**
 * What token endpoints, token requests, secrets and literal tokens look like. Both extractors use
 * these, so the two notations agree on what a token call or a secret is.
 *
 * Patterns live at module level: a regular expression literal inside a function makes a new object on every call,
 * and these run for every name, string and call of a document.
 */

/**
 * Built-in token endpoint shapes: …/oauth/token, …/oauth2/token, …/connect/token, …/authentication/…/token, …/token.
 */
const TOKEN_ENDPOINT =
  /\/(?:oauth2?\/(?:v\d+\/)?token|connect\/token|authentication\/(?:[^?#\s"']*\/)?token(?:\/[\w-]+)?|token)(?:[?#"'\s]|$)/i;

export function isTokenEndpointUrl(url: string, extraPatterns: readonly string[] = []): boolean {
  if (TOKEN_ENDPOINT.test(url)) return true;
  for (const pattern of extraPatterns) {
    if (compiledPattern(pattern)?.test(url)) return true;
  }
  return false;
}

/** User patterns, compiled once each (every REST call asks); null for one the settings reject. */
const COMPILED_PATTERNS = new Map<string, UrlMatcher | null>();

function compiledPattern(pattern: string): UrlMatcher | null {
  let compiled = COMPILED_PATTERNS.get(pattern);
  if (compiled === undefined) {
    // Linear-time matching: a pattern from a cloned repository's settings must not freeze the analysis.
    compiled = compileEndpointPattern(pattern) ?? null;
    COMPILED_PATTERNS.set(pattern, compiled);
  }
  return compiled;
}

const TOKEN_REQUEST_BODY =
  /grant_type["']?\s*[=:]\s*["']?(?:client_credentials|password|refresh_token|urn:ietf:params:oauth:grant-type:[\w-]+)/i;

/** A request body that asks for a token: grant_type=client_credentials | password | refresh_token (form or JSON). */
export function isTokenRequestBody(body: string): boolean {
  return TOKEN_REQUEST_BODY.test(body);
}

const TOKEN_FUNCTION_NAME = /^(?:get|fetch|acquire|request|obtain|refresh)\w*token$/i;

/** Functions named like Get…Token: GetOAuthToken(), getAccessToken(), FetchToken() … */
export function isTokenFunctionName(name: string): boolean {
  return TOKEN_FUNCTION_NAME.test(name);
}

const ACCESS_TOKEN_MEMBER = /^(?:access_?token|id_?token|accessToken)$/i;

/** The response member that holds the token. */
export function isAccessTokenMember(name: string): boolean {
  return ACCESS_TOKEN_MEMBER.test(name);
}

export type SecretKind = 'client-secret' | 'password' | 'api-key' | 'secret';

const GLOBAL_PREFIX = /^global:/i;
const CLIENT_SECRET_NAME = /client_?secret/;
const PASSWORD_NAME = /(?:^|_)(?:password|passwd|pwd)$|password/;
const API_KEY_NAME = /api_?key|apikey|x-api-key|subscription_?key/;
const SECRET_NAME = /secret/;
const SECRET_REFERENCE_NAME = /secret_?(?:name|id|path|ref)$/;

/** Variable or member names that hold credentials. Names holding tokens are for `hardcoded-token`, not here. */
export function secretKindOfName(name: string): SecretKind | undefined {
  const n = name.replace(GLOBAL_PREFIX, '').toLowerCase();
  if (CLIENT_SECRET_NAME.test(n)) return 'client-secret';
  if (PASSWORD_NAME.test(n)) return 'password';
  if (API_KEY_NAME.test(n)) return 'api-key';
  if (SECRET_NAME.test(n) && !SECRET_REFERENCE_NAME.test(n)) return 'secret';
  return undefined;
}

const ONLY_SUBSTITUTIONS = /^(?:\{[^{}]*\})+$/;
const TEMPLATE_PLACEHOLDER = /^<[^<>]*>$|^\$\{[^}]*\}$|^%[\w.]+%$|^\{\{[^}]*\}\}$/;
const DUMMY_VALUE =
  /^(?:x+|\*+|\.{3}|changeme|change_me|todo|tbd|your[_-]?\w*|placeholder|redacted|secret|password|null|none)$/i;

/**
 * Values that are not real secrets: empty, only substitutions (`{SECURE_CLIENT_SECRET}`), template
 * placeholders (`<YOUR_API_KEY>`, `${X}`, `%X%`), or obvious dummies.
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (ONLY_SUBSTITUTIONS.test(v)) return true;
  if (TEMPLATE_PLACEHOLDER.test(v)) return true;
  if (DUMMY_VALUE.test(v)) return true;
  return false;
}

interface CredentialInText {
  readonly kind: SecretKind;
  /** Offsets of the literal value inside the searched text. */
  readonly valueRange: TextRange;
}

/** Global (it is run with exec in a loop): reset `lastIndex` before each use. */
const FORM_PAIR = /(?:^|[?&\s"'])([A-Za-z_][\w-]*)=([^&\s"']*)/g;
const SUBSTITUTION = /\{[^}]*\}/;

/**
 * Literal credentials in a form/query string: `client_secret=abc`, `password=abc`, `apiKey=abc`.
 * Values that are substitutions (`{SECURE_CLIENT_SECRET}`) or placeholders are not reported.
 */
function credentialsInFormText(text: string): CredentialInText[] {
  const found: CredentialInText[] = [];
  if (!text.includes('=')) return found; // every pair has one
  FORM_PAIR.lastIndex = 0;
  for (let match = FORM_PAIR.exec(text); match; match = FORM_PAIR.exec(text)) {
    const kind = secretKindOfName(match[1]!);
    const value = match[2]!;
    if (!kind || isPlaceholderValue(value) || SUBSTITUTION.test(value)) continue;
    const start = match.index + match[0].length - value.length;
    found.push({ kind, valueRange: { start, end: start + value.length } });
  }
  return found;
}

const BEARER_TOKEN = /\bBearer[ \t]+([A-Za-z0-9\-._~+/]{20,}=*)/i;
/** `Bearer`, a blank and 20 token characters: shorter text cannot hold a bearer token. */
const MIN_BEARER_LENGTH = 27;

/**
 * A literal bearer token: `Bearer <20+ token characters>` with no substitution in it. Returns the
 * token's offsets inside `text` (without the `Bearer ` prefix).
 */
function bearerTokenInText(text: string): TextRange | undefined {
  if (text.length < MIN_BEARER_LENGTH) return undefined;
  const match = BEARER_TOKEN.exec(text);
  if (!match) return undefined;
  const start = match.index + match[0].length - match[1]!.length;
  return { start, end: start + match[1]!.length };
}

const USER_COLON_PASSWORD = /^([^:{}]+):([^{}]+)$/;

/** `user:password` written out in full, both literal (what `Basic …` credentials encode). */
function isLiteralBasicCredentials(text: string): boolean {
  const match = USER_COLON_PASSWORD.exec(text);
  return match !== null && !isPlaceholderValue(match[2]!);
}

const BRACE = /[{}]/;

/**
 * The literal password of Basic credentials written as text before encoding (`EncodeBase64("user:s3cr3t")`,
 * `btoa("{clientId}:s3cr3t")`): after the first colon (a user name has none), with no substitution in it. The
 * user may be substituted. Offsets are into `text`.
 */
export function basicPasswordInText(text: string): TextRange | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const password = text.slice(colon + 1);
  if (password === '' || BRACE.test(password) || isPlaceholderValue(password)) return undefined;
  return { start: colon + 1, end: text.length };
}

const ENCODED_BASIC = /^(\s*basic[ \t]+)([A-Za-z0-9+/]{6,}={0,2})\s*$/i;

/**
 * Basic credentials already encoded in an Authorization value (`"Basic dXNlcjpzM2NyM3Q="`): the base64 part, when
 * it decodes to a literal `user:password`. Offsets are into `text`.
 */
export function encodedBasicCredentialsInText(text: string): TextRange | undefined {
  const match = ENCODED_BASIC.exec(text);
  if (!match) return undefined;
  const decoded = Buffer.from(match[2]!, 'base64').toString('utf8');
  if (!isLiteralBasicCredentials(decoded)) return undefined;
  const start = match[1]!.length;
  return { start, end: start + match[2]!.length };
}

/** A literal credential found in some text; `valueRange` covers the value only (what a fix replaces). */
export type CredentialFinding =
  | { readonly kind: 'secret'; readonly what: SecretKind | 'basic-credentials'; readonly valueRange: TextRange }
  | { readonly kind: 'token'; readonly jwt: boolean; readonly valueRange: TextRange };

/** `"client_secret": "abc"` in a JSON body (escaped quotes too: `{\"password\":\"abc\"}`). */
const JSON_PAIR = /\\?["']([A-Za-z_][\w-]*)\\?["']\s*:\s*\\?["']([^"'\\{}]*)\\?["']/g;

/**
 * Literal credentials written in text: a string's inside, a comment (commented-out code leaks as well as live code
 * does), a flow line's arguments. Secrets in form or query pairs (`client_secret=…`) and JSON pairs
 * (`"password": "…"`), then `Bearer <token>` and JWTs that no secret already covers. Offsets are into `text`.
 */
export function credentialsInText(text: string): CredentialFinding[] {
  const found: CredentialFinding[] = [];
  for (const credential of credentialsInFormText(text)) {
    found.push({ kind: 'secret', what: credential.kind, valueRange: credential.valueRange });
  }
  JSON_PAIR.lastIndex = 0;
  // Every pair has a colon and quotes; most text has no colon, and need not be searched.
  const mayHavePairs = text.includes(':') && (text.includes('"') || text.includes("'"));
  for (let m = mayHavePairs ? JSON_PAIR.exec(text) : null; m; m = JSON_PAIR.exec(text)) {
    const kind = secretKindOfName(m[1]!);
    const value = m[2]!;
    if (!kind || isPlaceholderValue(value)) continue;
    const closing = m[0].endsWith('\\"') || m[0].endsWith("\\'") ? 2 : 1;
    const end = m.index + m[0].length - closing;
    found.push({ kind: 'secret', what: kind, valueRange: { start: end - value.length, end } });
  }
  const jwts = findJwts(text);
  for (const jwt of jwts) found.push({ kind: 'token', jwt: true, valueRange: jwt.range });
  const bearer = bearerTokenInText(text);
  if (bearer && !jwts.some((jwt) => overlaps(jwt.range, bearer)))
    found.push({ kind: 'token', jwt: false, valueRange: bearer });
  return found;
}

/** Base64url/base64 text of at least 16 characters: what a pasted token looks like. */
const TOKEN_TEXT = /^[A-Za-z0-9\-._~+/]{16,}=*$/;
const BEARER_PREFIX = /^\s*bearer[ \t]+/i;
const DIGIT = /\d/;
const LETTER = /[A-Za-z]/;

/**
 * A token pasted as the whole value of a token-named variable (`accessToken = "Bearer 4f9c…"`): optional `Bearer `,
 * then token-shaped text with digits and letters that is no path. Offsets are into `text`.
 */
export function tokenInValue(text: string): { readonly range: TextRange; readonly jwt: boolean } | undefined {
  const bearer = BEARER_PREFIX.exec(text);
  const start = bearer ? bearer[0].length : 0;
  const token = text.slice(start);
  if (!TOKEN_TEXT.test(token) || !DIGIT.test(token) || !LETTER.test(token)) return undefined;
  if (token.startsWith('/') || token.includes('//')) return undefined;
  const jwt = token.startsWith('eyJ') && findJwts(token).length > 0;
  return { range: { start, end: text.length }, jwt };
}

export function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}
