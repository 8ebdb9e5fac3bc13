/**
 * Every point the generated Snippet code relies on that is inferred from NICE's documentation rather than
 * confirmed on a live tenant (marked "(?)" in the docs). Templates read these constants only, so a correction
 * is made here once.
 */

/** (?) `utc` read as a number is the current UTC time as an OLE Automation date (a count of days). */
export const SNIPPET_NOW = 'utc';

/** Seconds in a day: Snippet dates are day counts, so a lifetime in seconds becomes `seconds / 86400`. */
export const SECONDS_PER_DAY = 86400;

/**
 * (?) What a never-set or cleared variable is tested against. Comparing an empty string with a number is taken
 * to be false rather than an error, so the `= ""` tests come before the time comparison.
 */
export const SNIPPET_EMPTY = '""';

/**
 * (?) The per-contact value that spreads jittered buffers: Snippet has no documented random function, so the
 * contact's `ContactID` modulo the range length picks a buffer inside the range.
 */
export const SNIPPET_JITTER_SOURCE = 'ContactID';

/** The comment above a Snippet refresh block: it states the day-count assumption where the code relies on it. */
export const SNIPPET_DAY_COUNT_COMMENT =
  '// cached token with proactive refresh; times are day counts (seconds / 86400)';

/** The comment above a Snippet jittered buffer (the jitter source is an assumption). */
export function snippetJitterComment(minSeconds: number, maxSeconds: number): string {
  return (
    `// refresh buffer of ${minSeconds}-${maxSeconds} s, different per contact; no random function is ` +
    `documented, so ${SNIPPET_JITTER_SOURCE} spreads contacts (?)`
  );
}

// The guide's notation follows the guide itself, so these are its own choices rather than inferences.

/** The guide's "now" in unix seconds. */
export const GUIDE_NOW_EXPRESSION = 'Math.floor(Date.now() / 1000)';
/** The guide clears an expiry to "0" (its 401 handler: `SET strTokenExpiry = "0";`). */
export const GUIDE_CLEARED_EXPIRY = '"0"';
