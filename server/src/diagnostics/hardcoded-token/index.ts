import type { RuleDefinition } from '../definition';
import { moveSecretFixes } from '../hardcoded-secret/fix';
import { checkHardcodedToken } from './rule';

/** hardcoded-token: see docs/rules/hardcoded-token.md. */
export const hardcodedToken: RuleDefinition<'hardcoded-token'> = {
  code: 'hardcoded-token',
  defaultSeverity: 'error',
  title: 'A bearer token or JWT is written in the script.',
  check: checkHardcodedToken,
  fixes: moveSecretFixes,
};
