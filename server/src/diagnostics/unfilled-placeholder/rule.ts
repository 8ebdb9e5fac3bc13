import type { FlowModel } from '../../analysis/model/flow-model';
import { allEventsOfKind } from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { listForMessage } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'unfilled-placeholder';

/** A URL whose host is under `.invalid` (RFC 6761: reserved, never resolves): the placeholder the fixes write. */
const INVALID_HOST = /^[a-z][\w+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]*\.invalid)\.?(?::\d+)?(?:[/?#]|$)/i;

/** `{NAME}` substitutions of a static URL or body, as written, without `global:`. */
function substitutions(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(/\{\s*(?:global:)?([A-Za-z_][\w$]*)\s*\}/g)].map((m) => m[1]!))];
}

/**
 * A REST call to a placeholder endpoint: a quick fix needed the author's input (the identity provider's endpoint, the
 * client credentials) and wrote a reserved `.invalid` host, which fails closed. The finding keeps the script red in
 * CI (`studio-lint --fix` exits 1) until the endpoint is written, and says what else the request expects.
 */
export function checkUnfilledPlaceholder(model: FlowModel, _context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  for (const { unit, event: call } of allEventsOfKind(model, 'rest-call')) {
    const host = call.url === undefined ? undefined : INVALID_HOST.exec(call.url)?.[1];
    if (host === undefined) continue;
    const inputs = substitutions(call.body).filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name));
    const what = call.isTokenRequest ? "your identity provider's token endpoint" : 'the real endpoint';
    const credentials = inputs.length > 0 ? `, and set ${listForMessage(inputs, 3)} outside the script text` : '';
    findings.push(
      finding(
        CODE,
        call.range,
        `This request goes to ${host}, a placeholder that never resolves: write ${what} here${credentials}. ` +
          'Until then the request fails and nothing that needs its answer is sent.',
        { unit, call },
      ),
    );
  }
  return findings;
}
