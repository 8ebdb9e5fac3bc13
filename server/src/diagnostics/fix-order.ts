import type { RuleCode } from './codes';

/**
 * The order in which fix-all takes the preferred fixes of one pass (within a code, document order): fixes that repair
 * existing token code (check the token response, record its expiry, add a buffer) come before the ones that add new
 * code around it (a refresh block, a 401 handler). With claims (`Fix.claims`), a later fix on the same token code
 * waits for the next pass and is recomputed on the re-analysed text, where the repaired code may already be right:
 * a cached token that gets its expiry needs no second refresh block.
 */
export const FIX_ORDER: readonly RuleCode[] = [
  'hardcoded-secret',
  'hardcoded-token',
  'token-fetch-unchecked',
  'token-expires-in-ignored',
  'resource-token-expiry-untracked',
  'token-expiry-no-buffer',
  'refresh-without-jitter',
  'token-reuse-without-expiry',
  'unchecked-auth-status',
  'token-fetch-in-loop',
  'unfilled-placeholder',
];

/** A code's place in `FIX_ORDER` (syntax errors have no fix). */
export function fixRank(code: string): number {
  const at = (FIX_ORDER as readonly string[]).indexOf(code);
  return at < 0 ? FIX_ORDER.length : at;
}
