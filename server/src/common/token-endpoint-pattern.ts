/**
 * User patterns for token endpoint URLs (`studioTokenLens.tokenEndpointPatterns`). They come from settings files a
 * cloned repository can ship, so they are matched by RE2 (linear time in the URL's length, whatever the pattern)
 * instead of the backtracking JavaScript engine: `(a+)+$` against a long URL would otherwise pin the CPU forever.
 * The syntax is JavaScript's, without what linear-time matching cannot do (lookaround, backreferences).
 */

type Re2 = typeof import('re2js').RE2JS;
let re2: Re2 | undefined;

/** RE2 is loaded on first use: most workspaces set no pattern, and its Unicode tables cost ~30 ms at startup. */
function loadRe2(): Re2 {
  re2 ??= (require('re2js') as typeof import('re2js')).RE2JS;
  return re2;
}

/** Longer patterns are rejected: URL patterns are short, and RE2's compile cost grows with the pattern. */
export const MAX_PATTERN_LENGTH = 256;

export interface UrlMatcher {
  test(url: string): boolean;
}

/** Why a pattern is not used, or undefined when it is fine. */
export function endpointPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'is empty';
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`;
  try {
    new RegExp(pattern, 'i');
  } catch (error) {
    return `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    const RE2JS = loadRe2();
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return (
      'cannot be matched in linear time (lookaround, backreferences and huge repeat counts are not supported): ' +
      reason
    );
  }
  return undefined;
}

/** A case-insensitive linear-time matcher, or undefined for a pattern `endpointPatternProblem` rejects. */
export function compileEndpointPattern(pattern: string): UrlMatcher | undefined {
  if (endpointPatternProblem(pattern) !== undefined) return undefined;
  const RE2JS = loadRe2();
  const compiled = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  return { test: (url) => compiled.test(url) };
}
