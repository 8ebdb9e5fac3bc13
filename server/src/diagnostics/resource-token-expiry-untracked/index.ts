import type { RuleDefinition } from '../definition';
import { resourceTokenExpiryFixes } from './fix';
import { checkResourceTokenExpiry } from './rule';

/** resource-token-expiry-untracked: see docs/rules/resource-token-expiry-untracked.md. */
export const resourceTokenExpiryUntracked: RuleDefinition<'resource-token-expiry-untracked'> = {
  code: 'resource-token-expiry-untracked',
  defaultSeverity: 'warning',
  title: 'The resource token of a two-step exchange has no expiry of its own.',
  check: checkResourceTokenExpiry,
  fixes: resourceTokenExpiryFixes,
};
