import type { CodeUnit, Condition, FlowModel } from '../../analysis/model/flow-model';
import type { RuleFinding } from '../finding';
import {
  branchTakesErrorPath,
  eventsOfKind,
  someOf,
  statusChecksIn,
  statusChecksOf,
} from '../../analysis/model/queries';
import { finding, type RuleContext } from '../rule';

const CODE = 'unchecked-auth-status';

/**
 * A status check tells 401/403 apart from success when it names 401 or 403, or when its failure branch takes
 * an error path: the THEN of `!= 200`, the ELSE of `= 200`, either branch of a range test (`>= 400`,
 * `>= 200 & < 300`), whose direction the model does not record.
 */
function handlesAuthFailure(unit: CodeUnit, condition: Condition): boolean {
  const status = condition.statusCheck;
  if (!status) return false;
  if (status.equals.some((code) => code === 401 || code === 403)) return true;
  if (status.notEquals.length > 0 && branchTakesErrorPath(unit, condition.id, 'then')) return true;
  if (
    status.rangeComparison &&
    (branchTakesErrorPath(unit, condition.id, 'then') || branchTakesErrorPath(unit, condition.id, 'else'))
  )
    return true;
  if (status.equals.length > 0 && branchTakesErrorPath(unit, condition.id, 'else')) return true;
  return false;
}

export function checkUncheckedAuthStatus(model: FlowModel, _context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  for (const unit of model.units) {
    for (const call of eventsOfKind(unit, 'rest-call')) {
      if (call.isTokenRequest) continue;
      if (someOf(statusChecksIn(unit, call), (condition) => handlesAuthFailure(unit, condition))) continue;
      const checks = statusChecksOf(unit, call);
      const message =
        checks.length === 0
          ? 'The status of this call is never checked: a 401/403 (an expired or revoked token) goes unnoticed and ' +
            'the script ' +
            'carries on with empty data. Check the status code after the call; on 401/403 clear the cached token and ' +
            'take an error path.'
          : 'The status of this call is checked, but a 401/403 is not told apart from success: an expired or revoked ' +
            'token ' +
            'goes unnoticed. Handle 401/403 (clear the cached token, set an error variable) or take an error path ' +
            'whenever the call fails.';
      findings.push(finding(CODE, call.range, message, { unit, call, checks }));
    }
  }
  return findings;
}
