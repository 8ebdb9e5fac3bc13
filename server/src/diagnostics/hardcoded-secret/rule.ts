import type { FlowModel, SecretLiteralEvent } from '../../analysis/model/flow-model';
import { maskSecret } from '../../common/mask';
import { allEventsOfKind } from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { finding, type RuleContext } from '../rule';

const CODE = 'hardcoded-secret';

const KIND_NAMES: Record<SecretLiteralEvent['what'], string> = {
  'client-secret': 'A client secret',
  password: 'A password',
  'api-key': 'An API key',
  'basic-credentials': 'A user:password pair for Basic authentication',
  secret: 'A secret',
};

/** Every literal credential; the value is shown only masked. */
export function checkHardcodedSecret(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  return allEventsOfKind(model, 'secret-literal').map(({ unit, event }) =>
    finding(
      CODE,
      event.valueRange,
      `${KIND_NAMES[event.what] ?? 'A secret'} is written in the script ` +
        `(${maskSecret(context.scriptText(event.valueRange))}): everyone ` +
        `with script edit rights can read it, and it appears in traces and exports. Keep it outside the script text ` +
        `({${context.settings.secretVariableName}}, listed in the script's Variables tab so traces redact it; or ` +
        'Integration Hub, where a CONNECTAUTH action makes the request) and rotate it.',
      { unit, literal: event },
    ),
  );
}
