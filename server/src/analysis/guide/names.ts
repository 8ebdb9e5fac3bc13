/**
 * What variable names say in the guide's notation. Studio names are case-insensitive, so every name the model
 * hands out is folded: lower case, no `global:` prefix.
 */

export function foldName(name: string): string {
  return name.replace(/^global:/i, '').toLowerCase();
}

/** Ends that make a `…token…` name something other than a token: `tokenUrl`, `tokenReq`, `tokenExpiry`, … */
const NOT_A_TOKEN_END =
  /(?:url|uri|endpoint|type|req|request|resp|response|data|result|body|proxy|expiry|expires?|expiration|exp|expiresin|expires_in|ttl|lifetime|time|timestamp|scope|count|status|error|err|name|host|path|header|headers|len|length|age)$/;

/** Names that hold a token: `strToken`, `accessToken`, `tokenValue`, `strCachedToken`, `bearer`, `jwt`. */
export function isTokenName(name: string): boolean {
  const n = foldName(name);
  if (!/token|bearer|jwt/.test(n)) return false;
  return !NOT_A_TOKEN_END.test(n);
}

/**
 * Names that hold an expiry time (`strTokenExpiry`, `clientExpiry`, `expiresAt`, `tokExp`); `expires_in` is a lifetime,
 * not one.
 */
export function isExpiryName(name: string): boolean {
  const n = foldName(name);
  if (/expires_?in$/.test(n)) return false;
  return /expir|expires_?at|exp_?(?:time|at|ts)$|valid_?until|(?:^|_|tok|token|access|cache|cached|client|resource|bearer)exp$/.test(
    n,
  );
}

/** Names of error variables: `strApiError`, `err`, `authFailure`. */
export function isErrorName(name: string): boolean {
  const n = foldName(name);
  return /error|fail|(?:^|_)err(?:$|_|msg|code)|^err|err$/.test(n);
}

/** Names that say "the current time": `now`, `currentTime`, `nowSeconds`, `utc`. */
export function isNowName(name: string): boolean {
  const n = foldName(name);
  return /^(?:now|now_?(?:s|sec|secs|seconds|ms|ts|time|unix|epoch|utc)|current_?(?:time|timestamp|ts|epoch|unix)(?:_?(?:s|sec|secs|seconds|ms))?|time_?now|unix_?(?:now|time)|epoch_?now|utc|utc_?now)$/.test(
    n,
  );
}

/** Names of jittered or random quantities: `jitter`, `refreshJitter`, `randomBuffer`. */
export function isJitterName(name: string): boolean {
  return /jitter|random/.test(foldName(name));
}

/** Well-known globals of the JavaScript-like bodies: never script variables, never condition reads. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'math',
  'date',
  'json',
  'parseint',
  'parsefloat',
  'number',
  'string',
  'boolean',
  'array',
  'object',
  'undefined',
  'nan',
  'infinity',
  'console',
  'cxone',
  'btoa',
  'atob',
  'encodeuricomponent',
  'decodeuricomponent',
  'encodeuri',
  'decodeuri',
  'isnan',
  'isfinite',
  'regexp',
  'error',
  'buffer',
  'null',
  'true',
  'false',
]);
