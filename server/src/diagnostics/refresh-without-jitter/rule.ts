import type { FlowModel } from '../../analysis/model/flow-model';
import type { RuleFinding } from '../finding';
import { authoredName } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'refresh-without-jitter';

/**
 * An expiry check whose buffer is the same for every contact: a constant, or a variable set to one.
 * A variable whose value the model does not know (set elsewhere, or per contact) is not reported.
 */
export function checkRefreshWithoutJitter(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  const { minSeconds, maxSeconds } = context.settings.jitter;
  for (const unit of model.units) {
    for (const condition of unit.conditions) {
      const expiry = condition.expiryCheck;
      if (!expiry) continue;
      const buffer = expiry.buffer;
      let fixed: string;
      if (buffer.kind === 'constant') fixed = `a fixed ${buffer.seconds} s`;
      else if (buffer.kind === 'variable' && buffer.constantSeconds !== undefined) {
        fixed =
          `a fixed ${buffer.constantSeconds} s ` +
          `(${authoredName(context.text, expiry.comparisonRange, buffer.variable)})`;
      } else continue;
      findings.push(
        finding(
          CODE,
          // On the buffer (what the jitter fix replaces); on the comparison when the extractor has no buffer range.
          expiry.bufferRange ?? expiry.comparisonRange,
          `Every contact refreshes its token ${fixed} before expiry, so contacts that started together refresh at ` +
            `the same ` +
            `moment and the identity provider may answer 429. Choose the buffer per contact, between ${minSeconds} ` +
            `and ${maxSeconds} s.`,
          { unit, condition, check: expiry },
        ),
      );
    }
  }
  return findings;
}
