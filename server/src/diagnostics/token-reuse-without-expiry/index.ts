import type { RuleDefinition } from '../definition';
import { tokenReuseFixes } from './fix';
import { checkTokenReuse } from './rule';

/** token-reuse-without-expiry: see docs/rules/token-reuse-without-expiry.md. */
export const tokenReuseWithoutExpiry: RuleDefinition<'token-reuse-without-expiry'> = {
  code: 'token-reuse-without-expiry',
  defaultSeverity: 'warning',
  title: 'A token acquired once is reused later with no expiry check (Pattern A).',
  check: checkTokenReuse,
  fixes: tokenReuseFixes,
};
