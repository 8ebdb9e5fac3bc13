import type { RuleDefinition } from '../definition';
import { checkUnfilledPlaceholder } from './rule';

/** unfilled-placeholder: see docs/rules/unfilled-placeholder.md. */
export const unfilledPlaceholder: RuleDefinition<'unfilled-placeholder'> = {
  code: 'unfilled-placeholder',
  defaultSeverity: 'error',
  title: 'A quick fix left a placeholder (a .invalid endpoint) that only the author can fill in.',
  check: checkUnfilledPlaceholder,
  fixes: {
    none:
      "Only the author knows the identity provider's endpoint and where the credentials are kept; the placeholder " +
      'fails closed until then.',
  },
};
