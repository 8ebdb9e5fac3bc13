import type { FlowModel } from '../../analysis/model/flow-model';
import { allEventsOfKind } from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { authoredName } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'token-expiry-no-buffer';

/** An expiry check with no buffer: the token counts as valid up to its last second by the host's clock. */
export function checkTokenExpiryNoBuffer(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  const stored = allEventsOfKind(model, 'expiry-set').filter(({ event }) => !event.clears);
  for (const unit of model.units) {
    for (const condition of unit.conditions) {
      const expiry = condition.expiryCheck;
      if (expiry?.buffer.kind !== 'none') continue;
      const name = authoredName(context.text, expiry.comparisonRange, expiry.expiryVariable);
      findings.push(
        finding(
          CODE,
          expiry.comparisonRange,
          `This check compares the time with the expiry (${name}) directly; refresh ` +
            `${context.settings.bufferSeconds} s before it ` +
            `to absorb clock drift between the Studio host and the identity provider.`,
          {
            unit,
            condition,
            check: expiry,
            stores: stored.filter(({ event }) => event.variable === expiry.expiryVariable),
          },
        ),
      );
    }
  }
  return findings;
}
