import type { RuleDefinition } from '../definition';
import { tokenFetchUncheckedFixes } from './fix';
import { checkTokenFetchUnchecked } from './rule';

/** token-fetch-unchecked: see docs/rules/token-fetch-unchecked.md. */
export const tokenFetchUnchecked: RuleDefinition<'token-fetch-unchecked'> = {
  code: 'token-fetch-unchecked',
  defaultSeverity: 'warning',
  title: 'A token response is used without checking that the token call succeeded.',
  check: checkTokenFetchUnchecked,
  fixes: tokenFetchUncheckedFixes,
};
