import type { FlowModel, SecretLiteralEvent } from '../../analysis/model/flow-model';
import { maskSecret } from '../../common/mask';
import { quoteSource } from '../../common/quote-source';
import { allEventsOfKind } from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { finding, type RuleContext } from '../rule';
import { secureNameFor } from './secure-name';

const CODE = 'hardcoded-secret';

const KIND_NAMES: Record<SecretLiteralEvent['what'], string> = {
  'client-secret': 'A client secret',
  password: 'A password',
  'api-key': 'An API key',
  'basic-credentials': 'A user:password pair for Basic authentication',
  secret: 'A secret',
};

/** Why the literal is taken for a secret, in words (names as written, quoted safely; never the value). */
export function secretReason(literal: SecretLiteralEvent): string {
  const { place, shape, prefixOf } = literal.evidence;
  const name = quoteSource(literal.evidence.name ?? '');
  const assigned = name === '' ? '' : ` assigned to ${name}`;
  if (shape === 'known-prefix' && (place === 'assigned' || place === 'text'))
    return `a value with the prefix of ${prefixOf ?? 'a vendor key'}${assigned}`;
  switch (place) {
    case 'form-field':
      return `the value of the ${name}= field`;
    case 'json-field':
      return `the value of the "${name}" field of a JSON body`;
    case 'key-header':
      return `the value of the ${name} header`;
    case 'basic-header':
      return 'Basic credentials (base64 of user:password) in the Authorization header';
    case 'basic-input':
      return 'the password of a user:password pair encoded for Basic authentication';
    case 'url-userinfo':
      return 'a password in a URL (user:password@host)';
    case 'assigned':
      return shape === 'random' ? `a high-entropy value${assigned}` : `a password-like value${assigned}`;
    case 'text':
      return 'a value in the script text';
  }
}

/**
 * Every literal credential; the value is shown only masked. A secret only its name points at (low confidence) is a
 * warning, and fix-all leaves it to the author.
 */
export function checkHardcodedSecret(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  return allEventsOfKind(model, 'secret-literal').map(({ unit, event }) => {
    const masked = maskSecret(context.scriptText(event.valueRange));
    // The name the quick fix moves it to.
    const before = context.scriptText({ start: Math.max(0, event.valueRange.start - 16), end: event.valueRange.start });
    const secure = secureNameFor(event.what, context.settings, before).name;
    const keep =
      `Keep it outside the script text ({${secure}}, listed in the script's Variables tab so traces redact it; or ` +
      'Integration Hub, where a CONNECTAUTH action makes the request) and rotate it.';
    if (event.confidence === 'low') {
      const found = finding(
        CODE,
        event.valueRange,
        `This may be ${KIND_NAMES[event.what].toLowerCase()} written in the script (${masked}): ` +
          `${secretReason(event)}, and only the name says it is a secret. If it is one, everyone with script edit ` +
          `rights can read it and it appears in traces and exports. ${keep} If it is not, rename the variable. ` +
          'fix-all and --fix leave it to you.',
        { unit, literal: event },
      );
      return { ...found, severity: 'warning' as const };
    }
    return finding(
      CODE,
      event.valueRange,
      `${KIND_NAMES[event.what]} is written in the script (${masked}), ${secretReason(event)}: everyone ` +
        `with script edit rights can read it, and it appears in traces and exports. ${keep}`,
      { unit, literal: event },
    );
  });
}
