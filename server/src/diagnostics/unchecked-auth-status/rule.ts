import type { CodeUnit, Condition, FlowModel, RestCallEvent } from '../../analysis/model/flow-model';
import type { RuleFinding } from '../finding';
import {
  branchInvalidatesToken,
  branchTakesErrorPath,
  eventsOfKind,
  someOf,
  statusChecksIn,
  statusChecksOf,
  tokenUsesOfCall,
} from '../../analysis/model/queries';
import { tokenFreshness } from '../../analysis/model/token-origin';
import { authoredName, listForMessage } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'unchecked-auth-status';

type Branch = 'then' | 'else';

/**
 * The branches of a status check a 401/403 takes: the THEN of `= 401`/`= 403` and of `!= 200`, the ELSE of `= 200`,
 * either branch of a range test (`>= 400`, `>= 200 & < 300`), whose direction the model does not record.
 */
function authFailureBranches(condition: Condition): { branches: Branch[]; named: boolean } {
  const status = condition.statusCheck!;
  if (status.equals.some((code) => code === 401 || code === 403)) return { branches: ['then'], named: true };
  if (status.notEquals.length > 0) return { branches: ['then'], named: false };
  if (status.rangeComparison) return { branches: ['then', 'else'], named: false };
  if (status.equals.length > 0) return { branches: ['else'], named: false };
  return { branches: [], named: false };
}

/** How well one status check handles a 401/403. */
type Handling =
  /** The 401/403 branch clears or refreshes the token (and so also takes an error path, or retries). */
  | 'invalidates'
  /** A 401/403 takes an error path (sets an error variable, leaves the snippet), but the token stays as it was. */
  | 'error-path'
  /** A 401/403 goes through a branch that does nothing about it. */
  | 'nothing';

function handlingOf(unit: CodeUnit, condition: Condition): Handling {
  const { branches } = authFailureBranches(condition);
  if (branches.some((branch) => branchInvalidatesToken(unit, condition.id, branch))) return 'invalidates';
  if (branches.some((branch) => branchTakesErrorPath(unit, condition.id, branch))) return 'error-path';
  return 'nothing';
}

/** The status codes someone wrote in commented-out code next to the checks (`//CASE httpStatus = 401`). */
function commentedOutCodes(checks: readonly Condition[]): number[] {
  const codes = new Set<number>();
  for (const check of checks) for (const code of check.statusCheck?.commentedOutCodes ?? []) codes.add(code);
  return [...codes].sort((a, b) => a - b);
}

/**
 * A REST call whose 401/403 is not handled as its token needs. Every call needs an error path for a failure; a call
 * that sends a cached or reused token (Strategy B, Pattern A) also needs its 401/403 to clear (or refresh) that
 * token, or every later call sends the same rejected token and fails the same way. A fresh token per call (Strategy
 * A) or no token at all (an API key) needs only the error path.
 */
export function checkUncheckedAuthStatus(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  for (const unit of model.units) {
    for (const call of eventsOfKind(unit, 'rest-call')) {
      if (call.isTokenRequest) continue;
      // Checks are read lazily, stopping at the first that settles it: many calls can share one status variable.
      if (someOf(statusChecksIn(unit, call), (condition) => handlingOf(unit, condition) === 'invalidates')) continue;
      const uses = tokenUsesOfCall(unit, call.id);
      const cached = tokenFreshness(unit, uses) === 'cached';
      if (!cached && someOf(statusChecksIn(unit, call), (c) => handlingOf(unit, c) === 'error-path')) continue;
      const checks = statusChecksOf(unit, call);
      const handling = checks.map((condition) => handlingOf(unit, condition));
      findings.push(
        finding(CODE, call.range, messageFor(context, unit, call, checks, handling, cached), { unit, call, checks }),
      );
    }
  }
  return findings;
}

function messageFor(
  context: RuleContext,
  unit: CodeUnit,
  call: RestCallEvent,
  checks: readonly Condition[],
  handling: readonly Handling[],
  cached: boolean,
): string {
  const tokens = [...new Set(tokenUsesOfCall(unit, call.id).map((use) => use.variable))].map((variable) =>
    authoredName(context.text, unit.range, variable),
  );
  const token = listForMessage(tokens);
  const commented = commentedOutCodes(checks);
  const note = commented.length > 0 ? commentedOutNote(commented, cached) : '';
  if (checks.length === 0)
    return (
      'The status of this call is never checked: a 401/403 (an expired or revoked token) goes unnoticed and the ' +
      'script carries on with empty data. Check the status code after the call; on 401/403 clear the cached token ' +
      'and take an error path.'
    );
  const named = checks.some((condition) => authFailureBranches(condition).named);
  if (cached && handling.includes('error-path')) {
    const namedErrorPath = checks.some((c, i) => handling[i] === 'error-path' && authFailureBranches(c).named);
    const how = namedErrorPath
      ? 'The 401/403 branch here only takes an error path (an error flag)'
      : 'A 401/403 here only takes the generic error path (an error flag)';
    return (
      `${how}: ${token} is kept for later calls, and nothing clears it, so the next call sends the same rejected ` +
      `token and fails the same way. On 401/403 clear ${token} and its expiry (or refresh it) before taking the ` +
      `error path.${note}`
    );
  }
  const what = named
    ? 'the branch for 401/403 does nothing about it (empty, or comments only)'
    : 'the branch a failure takes does nothing about it (no error path: only success is handled, or the branch is ' +
      'empty)';
  const fix = cached
    ? `On 401/403 clear ${token} and its expiry (or refresh it) and take an error path.`
    : 'Take an error path (set an error variable) when the call fails.';
  return `The status of this call is checked, but ${what}: a 401/403 goes unnoticed and the script carries on. ${fix}${note}`;
}

/** What commented-out 401/403 branches next to the generic one say: the author meant to handle them, and did not. */
function commentedOutNote(codes: readonly number[], cached: boolean): string {
  const several = codes.length > 1;
  const cases = `${listForMessage(codes.map(String))} ${several ? 'CASEs here are' : 'CASE here is'}`;
  const restore = `restore ${several ? 'them' : 'it'}${cached ? ' and clear the token there' : ''}`;
  return ` The ${cases} commented out, so ${several ? 'they fall' : 'it falls'} into the generic branch: ${restore}.`;
}
