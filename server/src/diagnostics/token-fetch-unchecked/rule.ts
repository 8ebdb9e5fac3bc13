import type { CodeUnit, FlowEvent, FlowModel, RestCallEvent, TokenAcquireEvent } from '../../analysis/model/flow-model';
import {
  branchTakesErrorPath,
  conditionsContaining,
  copiesOf,
  eventsOfKind,
  firstAfter,
  isInBranch,
  someOf,
  statusChecksIn,
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

/** A status check of the token request before the token is relied on, or around it. */
function statusChecked(
  unit: CodeUnit,
  call: RestCallEvent,
  acquisition: TokenAcquireEvent,
  reliance: FlowEvent,
): boolean {
  return someOf(
    statusChecksIn(unit, call),
    (condition) =>
      condition.range.start < reliance.range.start ||
      guardedBy(reliance, condition.id) ||
      guardedBy(acquisition, condition.id),
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
