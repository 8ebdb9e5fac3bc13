import type { Notation } from './layout';

/**
 * Every name generated code gives the pieces of one token, derived from the token variable: Studio variables are
 * script-wide and case-insensitive, so two integrations in one script (`crmToken`, `payToken`) must never share a
 * proxy, a result, an expiry, credentials or an error. The fixes of one token (refresh, 401 handler, token check)
 * all call this, so they agree on names whatever order they are applied in.
 */
export interface TokenNames {
  /** The variable that keeps the raw token (`crmToken`, `global:crmToken`, the guide's `strCachedToken`). */
  readonly token: string;
  /** Its expiry, a day count in Snippet (`crmTokenExpiry`; `cachedToken` → `tokenExpiry`, the guide's pair). */
  readonly expiry: string;
  /** The token request's proxy and result (`crmTokenProxy`, `crmTokenResult`): local to the block. */
  readonly proxy: string;
  readonly result: string;
  /** The lifetime in seconds read from `expires_in` (`crmTokenLifetime`). */
  readonly lifetime: string;
  /** Set when the token request or a call with the token fails; "" on success (`crmTokenError`). */
  readonly error: string;
  /** Substitution names of the client credentials, set outside the script (`CRM_CLIENT_ID`, `CRM_CLIENT_SECRET`). */
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Defaults for a token whose name says nothing of its integration (`accessToken`, `cachedToken`, `token`). */
export const DEFAULT_CLIENT_ID_NAME = 'SECURE_CLIENT_ID';
export const DEFAULT_CLIENT_SECRET_NAME = 'SECURE_CLIENT_SECRET';

const GLOBAL = /^global:/i;
/** Words that say "a token" rather than which integration it belongs to. */
const TOKEN_WORDS = /^(?:cached|access|auth|bearer|oauth|token|jwt|value|current|secure)$/i;

/** `crmAccessToken` → `crm`, `strPayToken` → `pay`, `accessToken` → `` (words split at capitals and `_`). */
export function integrationStem(token: string): string {
  const name = token.replace(GLOBAL, '').replace(/^str(?=[A-Z_])/, '');
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .filter((w) => w !== '' && !TOKEN_WORDS.test(w));
  return words.join('_');
}

/**
 * The expiry variable that goes with a token variable: `accessToken` → `accessTokenExpiry`, `cachedToken` →
 * `tokenExpiry`, `strCachedToken` → `strTokenExpiry` (the guide's pair), `global:t` → `global:tExpiry`.
 */
export function expiryNameFor(token: string): string {
  const prefix = GLOBAL.exec(token)?.[0] ?? '';
  const name = token.slice(prefix.length);
  let stem = name.replace(/cached/i, '');
  if (stem === '') stem = name;
  else if (/^[a-z]/.test(name) && stem !== name) stem = stem[0]!.toLowerCase() + stem.slice(1);
  return `${prefix}${stem}Expiry`;
}

/**
 * The names for one token. `secretName` is the client secret's substitution for a token with no integration in its
 * name (the `secretVariableName` setting).
 */
export function tokenNamesFor(token: string, secretName = DEFAULT_CLIENT_SECRET_NAME): TokenNames {
  const prefix = GLOBAL.exec(token)?.[0] ?? '';
  // A token read from a response member (`tokenResult.access_token`) names its pieces after the response.
  const local = token.slice(prefix.length).split('.')[0]!;
  const stem = integrationStem(token).toUpperCase();
  return {
    token,
    expiry: expiryNameFor(`${prefix}${local}`),
    proxy: `${local}Proxy`,
    result: `${local}Result`,
    lifetime: `${local}Lifetime`,
    error: `${prefix}${local}Error`,
    clientId: stem === '' ? DEFAULT_CLIENT_ID_NAME : `${stem}_CLIENT_ID`,
    clientSecret: stem === '' ? secretName : `${stem}_CLIENT_SECRET`,
  };
}

/**
 * The variable a refreshed raw token is kept in when the one the script sends cannot keep it: a whole header
 * (`"{authHeader}"` holding `Bearer …`) or a variable set outside the script (`SECURE_ACCESS_TOKEN`). Derived from
 * that
 * variable, so every fix of it picks the same name: `token` → `cachedToken`, `crmAuth` → `cachedCrmAuth`,
 * `SECURE_ACCESS_TOKEN` → `cachedAccessToken`; the guide's `strToken` → `strCachedToken`.
 */
export function cacheNameFor(variable: string, notation: Notation): string {
  const prefix = GLOBAL.exec(variable)?.[0] ?? '';
  let name = variable.slice(prefix.length).replace(/^SECURE_/i, '');
  if (/^[A-Z0-9_]+$/.test(name)) {
    name = name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  }
  if (/cached/i.test(name)) return `${prefix}${name}`;
  if (notation === 'guide' && /^str[A-Z]/.test(name)) return `${prefix}strCached${name.slice(3)}`;
  return `${prefix}cached${name[0]!.toUpperCase()}${name.slice(1)}`;
}
