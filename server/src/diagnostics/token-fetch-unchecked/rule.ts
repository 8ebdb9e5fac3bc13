import type {
  CodeUnit,
  Condition,
  FlowEvent,
  FlowModel,
  RestCallEvent,
  TokenAcquireEvent,
} from '../../analysis/model/flow-model';
import {
  branchTakesErrorPath,
  conditionsContaining,
  copiesOf,
  eventsOfKind,
  firstAfter,
  isInBranch,
  responseAcquisitionsOf,
  someOf,
  statusChecksIn,
  statusChecksOf,
  tokenUsesOf,
} from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { authoredName } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'token-fetch-unchecked';

/**
 * Where the token from a response is first relied on: sent (token-use) or stored for later (a persistent
 * copy). Without either, the read itself.
 */
function firstReliance(unit: CodeUnit, acquisition: TokenAcquireEvent): FlowEvent {
  const { names, copies } = copiesOf(unit, acquisition.variable, acquisition.order);
  // The earliest of the later uses of the token or its copies, and of its persistent copies. An event's order is its
  // position in the unit, so each name's uses come in increasing order and the first later one is its earliest.
  let first: FlowEvent | undefined;
  for (const name of names) {
    const use = firstAfter(tokenUsesOf(unit, name), acquisition.order);
    if (use && (!first || use.order < first.order)) first = use;
  }
  for (const copy of copies) if (copy.persistent && (!first || copy.order < first.order)) first = copy;
  return first ?? acquisition;
}

function guardedBy(event: FlowEvent, conditionId: number): boolean {
  return isInBranch(event.guards, conditionId);
}

/**
 * The branches of a status check of a token request that a failure takes: the ELSE of `= 200`, the THEN of `!= 200`
 * or of `= 400`/`= 401`, either branch of a range test (whose direction the model does not record).
 */
function failureBranches(condition: Condition): ('then' | 'else')[] {
  const status = condition.statusCheck!;
  if (status.rangeComparison) return ['then', 'else'];
  if (status.notEquals.length > 0 || status.equals.some((code) => code >= 400)) return ['then'];
  return status.equals.length > 0 ? ['else'] : [];
}

/** A failure of the call takes an error path (an error variable, RETURN, a cleared token) in this check. */
function handlesFailure(unit: CodeUnit, condition: Condition): boolean {
  return failureBranches(condition).some((branch) => branchTakesErrorPath(unit, condition.id, branch));
}

/**
 * A status check of the token request around the token's reliance (or its read), or before it with a failure branch
 * that takes an error path: `IF tokenProxy.StatusCode != 200 { }` before the read checks nothing.
 */
function statusChecked(
  unit: CodeUnit,
  call: RestCallEvent,
  acquisition: TokenAcquireEvent,
  reliance: FlowEvent,
): boolean {
  return someOf(
    statusChecksIn(unit, call),
    (condition) =>
      guardedBy(reliance, condition.id) ||
      guardedBy(acquisition, condition.id) ||
      (condition.range.start < reliance.range.start && handlesFailure(unit, condition)),
  );
}

/** `IF accessToken = "" { …error path… }` before the use, or the use inside a test that the token is present. */
function presenceChecked(unit: CodeUnit, acquisition: TokenAcquireEvent, reliance: FlowEvent): boolean {
  const { names } = copiesOf(unit, acquisition.variable, acquisition.order);
  for (const check of eventsOfKind(unit, 'token-presence-check')) {
    if (check.order <= acquisition.order || !names.has(check.variable)) continue;
    for (const condition of conditionsContaining(unit, check.range)) {
      if (guardedBy(reliance, condition.id)) return true;
      const before = check.order <= reliance.order || reliance === acquisition;
      if (
        before &&
        (branchTakesErrorPath(unit, condition.id, 'then') || branchTakesErrorPath(unit, condition.id, 'else'))
      )
        return true;
    }
  }
  return false;
}

export function checkTokenFetchUnchecked(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  for (const unit of model.units) {
    findings.push(...emptyFailureBranches(unit));
    const calls = new Map(eventsOfKind(unit, 'rest-call').map((call) => [call.id, call]));
    for (const acquisition of eventsOfKind(unit, 'token-acquire')) {
      if (acquisition.source !== 'response' || acquisition.fromCall === undefined) continue;
      const call = calls.get(acquisition.fromCall);
      if (!call?.isTokenRequest) continue;
      const reliance = firstReliance(unit, acquisition);
      if (statusChecked(unit, call, acquisition, reliance) || presenceChecked(unit, acquisition, reliance)) continue;
      const name = authoredName(context.text, acquisition.range, acquisition.variable);
      findings.push(
        finding(
          CODE,
          acquisition.range,
          `${name} is read from the token response, but nothing checks that the token request succeeded: after a ` +
            `400, 401, ` +
            `429 or 5xx it is empty, and every call that sends it fails with 401. Check the token request's status ` +
            `code ` +
            `first and take an error path (clear the token, set an error variable) when it is not 200.`,
          { unit, acquisition, call },
          [{ range: call.range, message: 'the token request' }],
        ),
      );
    }
  }
  return findings;
}

/**
 * A token request whose token this unit never reads, checked by conditions whose failure branch does nothing (empty,
 * or comments only): a failed request goes unnoticed here, and whatever reads the response later reads no token.
 */
function emptyFailureBranches(unit: CodeUnit): RuleFinding<typeof CODE>[] {
  const found: RuleFinding<typeof CODE>[] = [];
  for (const call of eventsOfKind(unit, 'rest-call')) {
    if (!call.isTokenRequest || responseAcquisitionsOf(unit, call.id).length > 0) continue;
    const checks = statusChecksOf(unit, call);
    if (checks.length === 0 || checks.some((condition) => handlesFailure(unit, condition))) continue;
    found.push(
      finding(
        CODE,
        call.range,
        'The status of this token request is checked, but the branch a failure takes does nothing about it (it is ' +
          'empty, holds only comments, or only success is handled): after a 400, 401, 429 or 5xx the response holds ' +
          'no token, and whatever reads it later ' +
          'sends an empty one. Take an error path there: clear the cached token and set an error variable.',
        { unit, call },
      ),
    );
  }
  return found;
}
