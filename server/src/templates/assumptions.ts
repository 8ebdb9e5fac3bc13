/**
 * The Studio facts generated Snippet code relies on, each with the NICE page it comes from (docs/studio-constructs.md
 * lists every construct the templates emit). Templates read these constants only, so a correction is made here once.
 */

/**
 * `utc`: the current UTC time (Reserved Variables). In a numeric expression it is an OLE Automation date, a count of
 * days; compared bare with a number it may be read as text, so generated code keeps it inside arithmetic.
 */
export const SNIPPET_NOW = 'utc';

/** Seconds in a day: Snippet dates are day counts, so a lifetime in seconds becomes `seconds / 86400`. */
export const SECONDS_PER_DAY = 86400;

/**
 * What a never-set or cleared variable is tested against (Expressions: an empty variable in a numeric expression is
 * ignored, so the `= ""` tests come first and say what they mean).
 */
export const SNIPPET_EMPTY = '""';

/**
 * The per-contact value that spreads jittered buffers: no random function is documented, and `ContactID` is
 * (Predefined Variables), so its remainder picks a buffer inside the range.
 */
export const SNIPPET_JITTER_SOURCE = 'ContactID';

/**
 * The one named refresh-buffer setting, in seconds: set once per contact (after BEGIN, or by the first block that
 * needs it) and read by every refresh check, instead of a number inlined in each block.
 */
export const REFRESH_BUFFER_SETTING = 'refreshBufferSeconds';

/**
 * The lifetime assumed when a token response has no `expires_in`: short, so such a token is fetched again soon
 * rather than on every check (an expiry of "now") or kept for an hour it may not have.
 */
export const MISSING_EXPIRES_IN_SECONDS = 600;

/** NICE recommends REST timeouts of two seconds or less; the proxy's own default is 10 s (API calls from SNIPPET). */
export const DEFAULT_PROXY_TIMEOUT_SECONDS = 2;

/**
 * Placeholder endpoints written where the real one is unknown. `.invalid` is reserved (RFC 6761) and never resolves,
 * so nothing (least of all client credentials) is sent anywhere until the author fills it in; the
 * `unfilled-placeholder` diagnostic reports every call to such a host.
 */
export const PLACEHOLDER_TOKEN_URL = 'https://token-endpoint.invalid/oauth/token';
export const PLACEHOLDER_API_URL = 'https://api-endpoint.invalid/v1/resource';

/**
 * The SNIPPET action's MaxStringSize for actions that fetch tokens: token responses and JWTs often exceed 2 KB, and
 * REST responses are capped at 32 KB, so 32K is the size that never cuts one short.
 */
export const TOKEN_ACTION_MAX_STRING_SIZE = 'Limit32K';

/** The comment above a jittered buffer: where the spread comes from. */
export function snippetJitterComment(minSeconds: number, maxSeconds: number): string {
  return (
    `// refresh buffer of ${minSeconds}-${maxSeconds} s, different per contact (the remainder of ` +
    `${SNIPPET_JITTER_SOURCE}), so contacts do not all refresh at once`
  );
}

// The guide's notation follows the guide itself, so these are its own choices rather than Studio facts.

/** The guide's "now" in unix seconds. */
export const GUIDE_NOW_EXPRESSION = 'Math.floor(Date.now() / 1000)';
/** The guide clears an expiry to "0" (its 401 handler: `SET strTokenExpiry = "0";`). */
export const GUIDE_CLEARED_EXPIRY = '"0"';
