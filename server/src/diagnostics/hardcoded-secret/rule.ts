import type { FlowModel, SecretLiteralEvent } from '../../analysis/model/flow-model';
import { maskSecret } from '../../common/mask';
import type { Finding } from '../finding';
import { allEventsOfKind, scriptText } from '../../analysis/model/queries';
import { finding, type Rule, type RuleContext } from '../rule';

const CODE = 'hardcoded-secret';

const KIND_NAMES: Record<SecretLiteralEvent['what'], string> = {
  'client-secret': 'A client secret',
  password: 'A password',
  'api-key': 'An API key',
  'basic-credentials': 'A user:password pair for Basic authentication',
  secret: 'A secret',
};

/** Every literal credential; the value is shown only masked. */
function check(model: FlowModel, context: RuleContext): Finding[] {
  return allEventsOfKind(model, 'secret-literal').map(({ event }) =>
    finding(
      CODE,
      event.valueRange,
      `${KIND_NAMES[event.what] ?? 'A secret'} is written in the script (${maskSecret(scriptText(context, event.valueRange))}): everyone ` +
        `with script edit rights can read it, and it appears in traces and exports. Keep it outside the script ` +
        `({${context.settings.secretVariableName}} or Integration Hub) and rotate it.`,
    ),
  );
}

export const hardcodedSecret: Rule = { code: CODE, check };
