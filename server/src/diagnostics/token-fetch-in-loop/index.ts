import type { RuleDefinition } from '../definition';
import { checkTokenFetchInLoop } from './rule';

/** token-fetch-in-loop: see docs/rules/token-fetch-in-loop.md. */
export const tokenFetchInLoop: RuleDefinition<'token-fetch-in-loop'> = {
  code: 'token-fetch-in-loop',
  defaultSeverity: 'information',
  title: 'A token is fetched inside a loop or before each of many calls.',
  check: checkTokenFetchInLoop,
  fixes: {
    none:
      'Advice only: whether to hoist the fetch out of the loop or cache the token (Strategy B) depends on the ' +
      'flow around the loop; the token-reuse fixes write Strategy B where a token is reused.',
  },
};
