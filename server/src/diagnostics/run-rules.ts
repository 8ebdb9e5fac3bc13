import type { FlowModel } from '../analysis/model/flow-model';
import { reportInternalError } from '../common/internal-errors';
import { runSteps, type Steps } from '../common/steps';
import type { RuleCode } from './codes';
import type { RuleFinding } from './finding';
import { RULES } from './registry';
import type { RuleContext } from './rule';

/**
 * Runs every rule that is not turned off over the flow model. Findings appear once per code and range, sorted by
 * position. A rule that throws is a bug: it is reported and the other rules' findings are kept.
 */
export function runRules(model: FlowModel, context: RuleContext): RuleFinding[] {
  return runSteps(runRulesSteps(model, context));
}

/** `runRules` in steps: one rule each. */
export function* runRulesSteps(model: FlowModel, context: RuleContext): Steps<RuleFinding[]> {
  const seen = new Set<string>();
  const findings: RuleFinding[] = [];
  for (const code of Object.keys(RULES) as RuleCode[]) {
    if (context.settings.rules[code] === 'off') continue;
    let produced: readonly RuleFinding[];
    try {
      produced = RULES[code].check(model, context);
    } catch (error) {
      reportInternalError(`rule ${code}`, error);
      produced = [];
    }
    for (const found of produced) {
      const key = `${found.code}@${found.range.start}:${found.range.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(found);
    }
    yield;
  }
  return findings.sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code),
  );
}
