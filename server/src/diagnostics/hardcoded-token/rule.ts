import type { FlowModel } from '../../analysis/model/flow-model';
import { maskSecret } from '../../common/mask';
import { allEventsOfKind } from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { finding, type RuleContext } from '../rule';

const CODE = 'hardcoded-token';

/** Every literal bearer token or JWT; the value is shown only masked. */
export function checkHardcodedToken(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  return allEventsOfKind(model, 'token-literal').map(({ unit, event }) =>
    finding(
      CODE,
      event.valueRange,
      `A ${event.jwt ? 'JWT' : 'bearer token'} is written in the script ` +
        `(${maskSecret(context.scriptText(event.valueRange))}): it is a ` +
        `working credential that everyone with script edit rights can read, and once it expires every call that ` +
        `sends it fails ` +
        `with 401. Fetch tokens at run time (Strategy A or B) and revoke this one.`,
      { unit, literal: event },
    ),
  );
}
