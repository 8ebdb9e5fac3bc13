import type { RuleDefinition } from '../definition';
import { refreshWithoutJitterFixes } from './fix';
import { checkRefreshWithoutJitter } from './rule';

/** refresh-without-jitter: see docs/rules/refresh-without-jitter.md. */
export const refreshWithoutJitter: RuleDefinition<'refresh-without-jitter'> = {
  code: 'refresh-without-jitter',
  defaultSeverity: 'hint',
  title: 'A fixed refresh buffer makes many contacts refresh at the same instant.',
  check: checkRefreshWithoutJitter,
  fixes: refreshWithoutJitterFixes,
};
