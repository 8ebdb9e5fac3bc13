import type { CodeUnit, FlowModel, TokenAcquireEvent } from '../../analysis/model/flow-model';
import { allEventsOfKind, eventsOfKind, guardConditions, presenceChecksIn } from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { authoredName } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'token-expires-in-ignored';

/** A stored token (not a copy read back from storage) whose only guard is a test that it is present. */
function guardedOnlyByPresenceCheck(unit: CodeUnit, acquisition: TokenAcquireEvent): boolean {
  const conditions = guardConditions(unit, acquisition.guards);
  if (conditions.some((condition) => condition.expiryCheck !== undefined)) return false;
  return conditions.some((condition) => presenceChecksIn(unit, condition).length > 0);
}

export function checkExpiresInIgnored(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  const expirySets = allEventsOfKind(model, 'expiry-set');

  // A fixed lifetime instead of the response's expires_in.
  for (const { unit, event } of expirySets) {
    if (event.clears || event.fromExpiresIn || event.constantSeconds === undefined) continue;
    const name = authoredName(context.text, event.range, event.variable);
    findings.push(
      finding(
        CODE,
        event.constantRange ?? event.range,
        `${name} assumes every token lives ${event.constantSeconds} s; use the token response's expires_in instead, ` +
          `since providers may issue shorter-lived tokens and a dead token would look valid.`,
        { unit, problem: 'fixed-lifetime', expiry: event },
      ),
    );
  }

  // A cached token with no expiry stored anywhere: nothing will ever refresh it.
  if (expirySets.some(({ event }) => !event.clears)) return findings;
  const readBack = new Set(
    allEventsOfKind(model, 'token-acquire')
      .filter(({ event }) => event.source === 'cache-read' && event.fromVariable !== undefined)
      .map(({ event }) => event.fromVariable!),
  );
  for (const unit of model.units) {
    for (const acquisition of eventsOfKind(unit, 'token-acquire')) {
      if (!acquisition.persistent || acquisition.source === 'cache-read') continue;
      if (!guardedOnlyByPresenceCheck(unit, acquisition) && !readBack.has(acquisition.variable)) continue;
      const name = authoredName(context.text, acquisition.range, acquisition.variable);
      findings.push(
        finding(
          CODE,
          acquisition.range,
          `${name} is kept for later use, but no expiry is stored with it, so nothing ever refreshes it and it is ` +
            `sent after ` +
            `it has expired. Store its expiry from the token response's expires_in and check it before each use.`,
          { unit, problem: 'no-expiry', acquisition },
        ),
      );
    }
  }
  return findings;
}
