import type { TextRange } from '../common/text-range';

/**
 * What token endpoints, token requests, secrets and literal tokens look like. Both extractors use
 * these, so the two notations agree on what a token call or a secret is.
 */

/** Built-in token endpoint shapes: …/oauth/token, …/oauth2/token, …/connect/token, …/authentication/…/token, …/token. */
const TOKEN_ENDPOINT = /\/(?:oauth2?\/(?:v\d+\/)?token|connect\/token|authentication\/(?:[^?#\s"']*\/)?token(?:\/[\w-]+)?|token)(?:[?#"'\s]|$)/i;

export function isTokenEndpointUrl(url: string, extraPatterns: readonly string[] = []): boolean {
  if (TOKEN_ENDPOINT.test(url)) return true;
  for (const pattern of extraPatterns) {
    try {
      if (new RegExp(pattern, 'i').test(url)) return true;
    } catch {
      // An invalid user pattern is ignored rather than failing the whole analysis.
    }
  }
  return false;
}

/** A request body that asks for a token: grant_type=client_credentials | password | refresh_token (form or JSON). */
export function isTokenRequestBody(body: string): boolean {
  return /grant_type["']?\s*[=:]\s*["']?(?:client_credentials|password|refresh_token|urn:ietf:params:oauth:grant-type:[\w-]+)/i.test(body);
}

/** Functions named like Get…Token: GetOAuthToken(), getAccessToken(), FetchToken() … */
export function isTokenFunctionName(name: string): boolean {
  return /^(?:get|fetch|acquire|request|obtain|refresh)\w*token$/i.test(name);
}

/** The response member that holds the token. */
export function isAccessTokenMember(name: string): boolean {
  return /^(?:access_?token|id_?token|accessToken)$/i.test(name);
}

export type SecretKind = 'client-secret' | 'password' | 'api-key' | 'secret';

/** Variable or member names that hold credentials. Names holding tokens are for `hardcoded-token`, not here. */
export function secretKindOfName(name: string): SecretKind | undefined {
  const n = name.replace(/^global:/i, '').toLowerCase();
  if (/client_?secret/.test(n)) return 'client-secret';
  if (/(?:^|_)(?:password|passwd|pwd)$|password/.test(n)) return 'password';
  if (/api_?key|apikey|x-api-key|subscription_?key/.test(n)) return 'api-key';
  if (/secret/.test(n) && !/secret_?(?:name|id|path|ref)$/.test(n)) return 'secret';
  return undefined;
}

/**
 * Values that are not real secrets: empty, only substitutions (`{SECURE_CLIENT_SECRET}`), template
 * placeholders (`<YOUR_API_KEY>`, `${X}`, `%X%`), or obvious dummies.
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^(?:\{[^{}]*\})+$/.test(v)) return true;
  if (/^<[^<>]*>$|^\$\{[^}]*\}$|^%[\w.]+%$|^\{\{[^}]*\}\}$/.test(v)) return true;
  if (/^(?:x+|\*+|\.{3}|changeme|change_me|todo|tbd|your[_-]?\w*|placeholder|redacted|secret|password|null|none)$/i.test(v)) return true;
  return false;
}

export interface CredentialInText {
  readonly kind: SecretKind;
  /** Offsets of the literal value inside the searched text. */
  readonly valueRange: TextRange;
}

/**
 * Literal credentials in a form/query string: `client_secret=abc`, `password=abc`, `apiKey=abc`.
 * Values that are substitutions (`{SECURE_CLIENT_SECRET}`) or placeholders are not reported.
 */
export function credentialsInFormText(text: string): CredentialInText[] {
  const found: CredentialInText[] = [];
  const pair = /(?:^|[?&\s"'])([A-Za-z_][\w-]*)=([^&\s"']*)/g;
  for (let match = pair.exec(text); match; match = pair.exec(text)) {
    const kind = secretKindOfName(match[1]!);
    const value = match[2]!;
    if (!kind || isPlaceholderValue(value) || /\{[^}]*\}/.test(value)) continue;
    const start = match.index + match[0].length - value.length;
    found.push({ kind, valueRange: { start, end: start + value.length } });
  }
  return found;
}

/**
 * A literal bearer token: `Bearer <20+ token characters>` with no substitution in it. Returns the
 * token's offsets inside `text` (without the `Bearer ` prefix).
 */
export function bearerTokenInText(text: string): TextRange | undefined {
  const match = /\bBearer[ \t]+([A-Za-z0-9\-._~+/]{20,}=*)/i.exec(text);
  if (!match) return undefined;
  const start = match.index + match[0].length - match[1]!.length;
  return { start, end: start + match[1]!.length };
}

/** `user:password` handed to EncodeBase64 as a literal (Basic credentials). */
export function isLiteralBasicCredentials(text: string): boolean {
  const match = /^([^:{}]+):([^{}]+)$/.exec(text);
  return match !== null && !isPlaceholderValue(match[2]!);
}
