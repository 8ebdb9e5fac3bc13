/**
 * What a variable's name says it holds: a token, an expiry time, a lifetime, an error, a random spread. Both notations
 * ask these questions, so a name means the same in `.snippet`, `.studio` and an export's SNIPPET actions.
 *
 * Every function takes a folded name (see `foldName`): Studio names are case-insensitive, so `strToken`,
 * `STRTOKEN` and `global:strToken` are one variable. Folding loses the camel case, so the patterns match words
 * inside a lower-case name rather than at word boundaries.
 *
 * Patterns live at module level: a regular expression literal inside a function makes a new object on every call,
 * and these run for every name of a document.
 */

const GLOBAL_PREFIX = /^global:/i;

/** A name as the model keeps it: lower case, without a `global:` prefix. */
export function foldName(name: string): string {
  return name.replace(GLOBAL_PREFIX, '').toLowerCase();
}

// ---------------------------------------------------------------- tokens

/** The words that make a name a token's: `accessToken`, `bearer`, `crmJwt`. */
const TOKEN_WORD = /token|bearer|jwt/;
const TOKEN_WORDS = ['token', 'bearer', 'jwt'] as const;

/**
 * Words after the last token word that make the name something about a token rather than the token itself: its URL,
 * request, response, expiry, lifetime, status, error, header, length, refresh settings… (`tokenUrl`,
 * `tokenRequestBody`, `accessTokenExpiresAt`, `tokenStatusCode`, `tokenErrorMsg`, `tokenAge`,
 * `tokenRefreshBufferSec`). Words before the token word only say which token it is (`accountToken`, `securityToken`,
 * `updatedToken`, `jsonWebToken`, `validToken`).
 */
const NOT_A_TOKEN_QUALIFIER = new RegExp(
  [
    ...['url', 'uri', 'endpoint', 'host', 'path', 'scope', 'type', 'header', 'proxy', 'req', 'resp', 'result'],
    ...['body', 'data', 'input', 'json', 'payload', 'param', 'parm', 'obj', 'secret', 'name', 'status', 'err', 'fail'],
    ...['exp', 'ttl', 'lifetime', 'valid', 'time', 'date', 'age$', 'count', 'len', 'size'],
    // Settings of the refresh (`tokenRefreshBufferSec`, `tokenSkewSeconds`, `tokenRetries`), not the token.
    ...['buffer', 'refresh', 'margin', 'skew', 'jitter', 'retr', 'attempt', 'secs?$', 'seconds?', 'mins?$', 'minute'],
    ...['ms$', 'flag', 'due', 'needed'],
  ].join('|'),
);

/** Names of variables that hold a token: `accessToken`, `strCachedToken`, `tokenValue`, `bearer`, `crmJwt`. */
export function isTokenVariableName(folded: string): boolean {
  if (!TOKEN_WORD.test(folded)) return false;
  let qualifierStart = 0;
  for (const word of TOKEN_WORDS) {
    const at = folded.lastIndexOf(word);
    if (at >= 0) qualifierStart = Math.max(qualifierStart, at + word.length);
  }
  return !NOT_A_TOKEN_QUALIFIER.test(folded.slice(qualifierStart));
}

const TOKENISH_WORD = /token|auth|jwt|bearer|access|cred/;

/**
 * Names that suggest a token or something about it (`clientTokenExpiry`, `authValidTo`): a time such a name holds,
 * compared with now, is an expiry, where `now > closingTime` is a business-hours check.
 */
export function isTokenishName(folded: string): boolean {
  return TOKENISH_WORD.test(folded);
}

// ---------------------------------------------------------------- time

/** Lifetimes in seconds (`expires_in`, `tokenExpiresInSeconds`, `tokenLifetime`), not points in time. */
const LIFETIME_NAME = /expires_?in|lifetime/;
/**
 * Expiry times: `tokenExpiry`, `expiresAt`, `tokenValidUntil`, `tokExp`, `jwtExp`, `expTs`, `tokenTtl`, `cacheTtl`.
 * A bare `exp` counts (the JWT claim); `…exp` only after a word that says whose expiry it is (not `regexp`).
 */
const EXPIRY_NAME = new RegExp(
  [
    'expir',
    'valid_?(?:until|till)',
    'exp_?(?:time|at|ts)$',
    '(?:^|_|tok|token|access|auth|cache|cached|client|resource|bearer|jwt)exp$',
    '(?:^|_|token|access|auth|cache)ttl',
    'ttl(?:$|_|end|at|time)',
  ].join('|'),
);

/** A piece of every alternative of EXPIRY_NAME (one short pattern is faster than several `includes`). */
const EXPIRY_PART = /exp|ttl|valid/;

export function isLifetimeName(folded: string): boolean {
  return LIFETIME_NAME.test(folded);
}

/** Names of expiry times (see EXPIRY_NAME); a lifetime (`expires_in`) is not one. */
export function isExpiryName(folded: string): boolean {
  // Every alternative of EXPIRY_NAME holds `exp`, `valid` or `ttl`: most names are ruled out without the patterns.
  if (!EXPIRY_PART.test(folded)) return false;
  return !LIFETIME_NAME.test(folded) && EXPIRY_NAME.test(folded);
}

// ---------------------------------------------------------------- errors

const ERROR_WORD = /error|fail|(?:^|_)err|err(?:$|_|msg|code|text|message|desc|flag|no|or)/;
const REFERRER_WORD = /referr/;
const ERROR_PART = /err|fail/;

/** Error variables: `apiError`, `strApiError`, `errMsg`, `authErr`, `httpErrCode`, `tokenFailed`. Not `referrer`. */
export function isErrorVariableName(folded: string): boolean {
  // Every alternative of ERROR_WORD holds `err` or `fail`.
  if (!ERROR_PART.test(folded)) return false;
  return ERROR_WORD.test(folded) && !REFERRER_WORD.test(folded);
}

// ---------------------------------------------------------------- random spreads

const RANDOM_WORD = /jitter|random|(?:^|_)rand(?:$|_|om|int|num)|^rnd/;
/** Values that differ per contact: what a `%` spread of a buffer is taken from (`ContactID % 361`). */
const PER_CONTACT_NAME = /^(?:contactid|mastercontactid|masterid|sessionid|callid|ani|dnis)$/;

/** Random or jitter sources, as variables or functions: `jitter`, `refreshJitter`, `randomBuffer`, `rand()`. */
export function isRandomName(folded: string): boolean {
  // Every alternative of RANDOM_WORD holds `jitter`, `rand` or `rnd`.
  if (!folded.includes('r')) return false;
  return RANDOM_WORD.test(folded);
}

/** Studio variables that differ per contact (`ContactID`, `ANI`): a `%` of one spreads buffers like jitter does. */
export function isPerContactName(folded: string): boolean {
  return PER_CONTACT_NAME.test(folded);
}
