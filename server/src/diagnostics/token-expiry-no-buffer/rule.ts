import type { FlowModel } from '../../analysis/model/flow-model';
import type { Finding } from '../finding';
import { authoredName } from '../../analysis/model/queries';
import { finding, type Rule, type RuleContext } from '../rule';

const CODE = 'token-expiry-no-buffer';

/** An expiry check with no buffer: the token counts as valid up to its last second by the host's clock. */
function check(model: FlowModel, context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const unit of model.units) {
    for (const condition of unit.conditions) {
      const expiry = condition.expiryCheck;
      if (expiry?.buffer.kind !== 'none') continue;
      const name = authoredName(context.text, expiry.comparisonRange, expiry.expiryVariable);
      findings.push(
        finding(
          CODE,
          expiry.comparisonRange,
          `This check compares the time with the expiry (${name}) directly; refresh ${context.settings.bufferSeconds} s before it ` +
            `to absorb clock drift between the Studio host and the identity provider.`,
        ),
      );
    }
  }
  return findings;
}

export const tokenExpiryNoBuffer: Rule = { code: CODE, check };
