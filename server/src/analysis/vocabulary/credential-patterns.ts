import type { TextRange } from '../../common/text-range';
import { compileEndpointPattern, type UrlMatcher } from '../../common/token-endpoint-pattern';
import { looksRandom } from '../../common/random-text';
import { findJwts } from '../../jwt/find';
import { isAuthorizationHeaderName } from './http';
import { foldName, isTokenVariableName } from './names';
import {
  isPlaceholderValue,
  judgeSecret,
  prefixedKeysInText,
  secretKindOfName,
  type SecretConfidence,
  type SecretEvidence,
  type SecretJudgement,
  type SecretKind,
} from './secret-values';

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
// Long line: one alternation of endpoint shapes, clearer whole than split across strings.
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

// Long line: the grant types read as one list; splitting the expression would hide it.
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
  // Every such name ends in `n` (any case): most members (`StatusCode`, `total`) are ruled out without the pattern.
  return (name.charCodeAt(name.length - 1) | 0x20) === N_LOWER && ACCESS_TOKEN_MEMBER.test(name);
}

const N_LOWER = 0x6e;

/** Global (it is run with exec in a loop): reset `lastIndex` before each use. */
const FORM_PAIR = /(?:^|[?&\s"'])([A-Za-z_][\w-]*)=([^&\s"']*)/g;

/** A literal secret found in some text; offsets of the value inside the searched text. */
interface SecretInText {
  readonly what: SecretKind | 'basic-credentials';
  readonly valueRange: TextRange;
  readonly judgement: SecretJudgement;
}

/**
 * Literal credentials in a form/query string: `client_secret=abc`, `password=abc`, `apiKey=abc`.
 * Values that are substitutions (`{SECURE_CLIENT_SECRET}`) or placeholders are not reported.
 */
function credentialsInFormText(text: string): SecretInText[] {
  const found: SecretInText[] = [];
  if (!text.includes('=')) return found; // every pair has one
  FORM_PAIR.lastIndex = 0;
  for (let match = FORM_PAIR.exec(text); match; match = FORM_PAIR.exec(text)) {
    const kind = secretKindOfName(match[1]!);
    const value = match[2]!;
    const judgement = kind && judgeSecret(value, 'form-field', match[1]!);
    if (!kind || !judgement) continue;
    const start = match.index + match[0].length - value.length;
    found.push({ what: kind, valueRange: { start, end: start + value.length }, judgement });
  }
  return found;
}

/** `scheme://user:password@host`: the password (global: reset `lastIndex` before each use). */
const URL_USERINFO = /\b[a-z][\w+.-]*:\/\/[^\s:@/?#"'{}]*:([^\s@/?#"']+)@/gi;

/** Passwords written into URLs as userinfo: `https://ivr-app:s3cr3t@api.example.com/…`. */
function credentialsInUrls(text: string): SecretInText[] {
  const found: SecretInText[] = [];
  if (!text.includes('://')) return found;
  URL_USERINFO.lastIndex = 0;
  for (let match = URL_USERINFO.exec(text); match; match = URL_USERINFO.exec(text)) {
    const password = match[1]!;
    const judgement = judgeSecret(password, 'url-userinfo');
    if (!judgement) continue;
    const start = match.index + match[0].length - 1 - password.length;
    found.push({ what: 'password', valueRange: { start, end: start + password.length }, judgement });
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
  | {
      readonly kind: 'secret';
      readonly what: SecretKind | 'basic-credentials';
      readonly valueRange: TextRange;
      readonly confidence: SecretConfidence;
      readonly evidence: SecretEvidence;
    }
  | { readonly kind: 'token'; readonly jwt: boolean; readonly valueRange: TextRange };

function secretFinding(found: SecretInText): CredentialFinding {
  return {
    kind: 'secret',
    what: found.what,
    valueRange: found.valueRange,
    confidence: found.judgement.confidence,
    evidence: found.judgement.evidence,
  };
}

/** `"client_secret": "abc"` in a JSON body (escaped quotes too: `{\"password\":\"abc\"}`). */
const JSON_PAIR = /\\?["']([A-Za-z_][\w-]*)\\?["']\s*:\s*\\?["']([^"'\\{}]*)\\?["']/g;

/**
 * Literal credentials written in text: a string's inside, a comment (commented-out code leaks as well as live code
 * does), a flow line's arguments. Secrets in form or query pairs (`client_secret=…`), JSON pairs (`"password": "…"`),
 * URL userinfo (`https://user:password@host`) and keys with a vendor's prefix (`sk_live_…`), then `Bearer <token>`
 * and JWTs that no secret already covers. Offsets are into `text`.
 */
export function credentialsInText(text: string): CredentialFinding[] {
  const found: CredentialFinding[] = [];
  for (const credential of credentialsInFormText(text)) found.push(secretFinding(credential));
  JSON_PAIR.lastIndex = 0;
  // Every pair has a colon and quotes; most text has no colon, and need not be searched.
  const mayHavePairs = text.includes(':') && (text.includes('"') || text.includes("'"));
  for (let m = mayHavePairs ? JSON_PAIR.exec(text) : null; m; m = JSON_PAIR.exec(text)) {
    const kind = secretKindOfName(m[1]!);
    const value = m[2]!;
    const judgement = kind && judgeSecret(value, 'json-field', m[1]!);
    if (!kind || !judgement) continue;
    const closing = m[0].endsWith('\\"') || m[0].endsWith("\\'") ? 2 : 1;
    const end = m.index + m[0].length - closing;
    found.push(secretFinding({ what: kind, valueRange: { start: end - value.length, end }, judgement }));
  }
  for (const credential of credentialsInUrls(text)) found.push(secretFinding(credential));
  for (const key of prefixedKeysInText(text)) {
    if (found.some((f) => overlaps(f.valueRange, key.range))) continue;
    const judgement = judgeSecret(text.slice(key.range.start, key.range.end), 'text');
    if (judgement) found.push(secretFinding({ what: 'api-key', valueRange: key.range, judgement }));
  }
  // Every JWT starts with `eyJ` (the encoded `{"`): text without it holds none.
  const jwts = text.includes('eyJ') ? findJwts(text) : NO_JWTS;
  for (const jwt of jwts) found.push({ kind: 'token', jwt: true, valueRange: jwt.range });
  const bearer = bearerTokenInText(text);
  if (bearer && !jwts.some((jwt) => overlaps(jwt.range, bearer)))
    found.push({ kind: 'token', jwt: false, valueRange: bearer });
  return found;
}

const NO_JWTS: readonly { range: TextRange }[] = [];

/**
 * A literal stored under a name that says what it holds (`dbPassword = "…"`, `body.client_secret = "…"`,
 * `var authKey = "…"`, `accessToken = "eyJ…"`): a secret judged by its value (`place` is 'json-field' for a member
 * of an object sent as JSON, else 'assigned'), or a token pasted into a token-named variable. `written` is the
 * literal's text as written (no substitution in it); offsets are into it.
 */
export function namedLiteralCredential(
  name: string,
  written: string,
  place: 'assigned' | 'json-field',
): CredentialFinding | undefined {
  if (isPlaceholderValue(written)) return undefined;
  const kind = secretKindOfName(name);
  if (kind) {
    const judgement = judgeSecret(written, place, name);
    return judgement
      ? secretFinding({ what: kind, valueRange: { start: 0, end: written.length }, judgement })
      : undefined;
  }
  if (!isTokenVariableName(foldName(name))) return undefined;
  const token = tokenInValue(written);
  return token ? { kind: 'token', jwt: token.jwt, valueRange: token.range } : undefined;
}

/**
 * A header set to a literal credential (`written` is the value as written; offsets are into it): Basic credentials
 * already encoded in the Authorization header, or the value of an API-key header (`x-api-key`,
 * `Ocp-Apim-Subscription-Key`, any header named like a secret).
 */
export function headerCredential(headerName: string, written: string): CredentialFinding | undefined {
  if (isPlaceholderValue(written)) return undefined;
  if (isAuthorizationHeaderName(headerName)) {
    const encoded = encodedBasicCredentialsInText(written);
    const judgement = encoded && judgeSecret(written.slice(encoded.start, encoded.end), 'basic-header');
    return encoded && judgement
      ? secretFinding({ what: 'basic-credentials', valueRange: encoded, judgement })
      : undefined;
  }
  const kind = secretKindOfName(headerName.trim());
  const judgement = kind && judgeSecret(written, 'key-header', headerName.trim());
  return kind && judgement
    ? secretFinding({ what: kind, valueRange: { start: 0, end: written.length }, judgement })
    : undefined;
}

/** The literal password of `EncodeBase64("user:password")` / `btoa(…)` (offsets into `written`). */
export function basicInputCredential(written: string): CredentialFinding | undefined {
  const password = basicPasswordInText(written);
  const judgement = password && judgeSecret(written.slice(password.start, password.end), 'basic-input');
  return password && judgement
    ? secretFinding({ what: 'basic-credentials', valueRange: password, judgement })
    : undefined;
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

const BARE_TOKEN_LINE = /^(\s*(?:bearer[ \t]+)?)([A-Za-z0-9\-._~+/]{20,}=*)\s*;?\s*$/i;
/** Fewest characters of a token pasted alone with no `Bearer` before it and no JWT shape. */
const BARE_TOKEN_MIN_LENGTH = 24;

/**
 * A token pasted on a line of its own, outside any string (what a parser reads as a broken statement): a JWT,
 * `Bearer <token>`, or 24+ token characters that look generated. Offsets are into `text` (the token only).
 */
export function bareTokenLine(text: string): { readonly range: TextRange; readonly jwt: boolean } | undefined {
  if (text.length < 20 || text.includes('\n')) return undefined;
  const match = BARE_TOKEN_LINE.exec(text);
  if (!match) return undefined;
  const token = match[2]!;
  const start = match[1]!.length;
  const range = { start, end: start + token.length };
  const jwts = findJwts(token);
  if (jwts.length > 0 && jwts[0]!.range.start === 0) return { range, jwt: true };
  const bearer = match[1]!.trim() !== '';
  if (bearer ? DIGIT.test(token) && LETTER.test(token) : looksRandom(token, BARE_TOKEN_MIN_LENGTH))
    return { range, jwt: false };
  return undefined;
}

export function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}
