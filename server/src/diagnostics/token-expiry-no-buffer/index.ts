import type { RuleDefinition } from '../definition';
import { tokenExpiryNoBufferFixes } from './fix';
import { checkTokenExpiryNoBuffer } from './rule';

/** token-expiry-no-buffer: see docs/rules/token-expiry-no-buffer.md. */
export const tokenExpiryNoBuffer: RuleDefinition<'token-expiry-no-buffer'> = {
  code: 'token-expiry-no-buffer',
  defaultSeverity: 'warning',
  title: 'An expiry check has no safety buffer against clock drift.',
  check: checkTokenExpiryNoBuffer,
  fixes: tokenExpiryNoBufferFixes,
};
