import type { FlowModel } from '../../analysis/model/flow-model';
import { maskSecret } from '../../common/mask';
import type { Finding } from '../finding';
import { allEventsOfKind, scriptText } from '../../analysis/model/queries';
import { finding, type Rule, type RuleContext } from '../rule';

const CODE = 'hardcoded-token';

/** Every literal bearer token or JWT; the value is shown only masked. */
function check(model: FlowModel, context: RuleContext): Finding[] {
  return allEventsOfKind(model, 'token-literal').map(({ event }) =>
    finding(
      CODE,
      event.valueRange,
      `A ${event.jwt ? 'JWT' : 'bearer token'} is written in the script (${maskSecret(scriptText(context, event.valueRange))}): it is a ` +
        `working credential that everyone with script edit rights can read, and once it expires every call that sends it fails ` +
        `with 401. Fetch tokens at run time (Strategy A or B) and revoke this one.`,
    ),
  );
}

export const hardcodedToken: Rule = { code: CODE, check };
