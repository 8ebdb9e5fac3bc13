import type { RuleDefinition } from '../definition';
import { tokenExpiresInIgnoredFixes } from './fix';
import { checkExpiresInIgnored } from './rule';

/** token-expires-in-ignored: see docs/rules/token-expires-in-ignored.md. */
export const tokenExpiresInIgnored: RuleDefinition<'token-expires-in-ignored'> = {
  code: 'token-expires-in-ignored',
  defaultSeverity: 'warning',
  title: "A token's expiry ignores the response's expires_in, or a cached token has no expiry.",
  check: checkExpiresInIgnored,
  fixes: tokenExpiresInIgnoredFixes,
};
