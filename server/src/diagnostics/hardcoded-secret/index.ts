import type { RuleDefinition } from '../definition';
import { moveSecretFixes } from './fix';
import { checkHardcodedSecret } from './rule';

/** hardcoded-secret: see docs/rules/hardcoded-secret.md. */
export const hardcodedSecret: RuleDefinition<'hardcoded-secret'> = {
  code: 'hardcoded-secret',
  defaultSeverity: 'error',
  title: 'A client secret, password or API key is written in the script.',
  check: checkHardcodedSecret,
  fixes: moveSecretFixes,
};
