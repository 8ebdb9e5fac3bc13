import type { RuleDefinition } from '../definition';
import { uncheckedAuthStatusFixes } from './fix';
import { checkUncheckedAuthStatus } from './rule';

/** unchecked-auth-status: see docs/rules/unchecked-auth-status.md. */
export const uncheckedAuthStatus: RuleDefinition<'unchecked-auth-status'> = {
  code: 'unchecked-auth-status',
  defaultSeverity: 'warning',
  title: 'A REST call whose 401/403 status is never handled.',
  check: checkUncheckedAuthStatus,
  fixes: uncheckedAuthStatusFixes,
};
