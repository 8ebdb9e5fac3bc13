import type { CodeUnit, FlowModel, RestCallEvent, TokenAcquireEvent } from '../../analysis/model/flow-model';
import type { RuleFinding } from '../finding';
import { eventsOfKind, isExpiryGuarded } from '../../analysis/model/queries';
import { finding, type RuleContext } from '../rule';

const CODE = 'token-fetch-in-loop';
/** From this many unconditional fetches in one unit on, Strategy A costs more than a cache. */
const MANY_FETCHES = 3;

type Fetch = RestCallEvent | TokenAcquireEvent;

/** Token fetches of a unit: token requests, token functions, and token reads whose request is unknown. */
function fetchesOf(unit: CodeUnit): Fetch[] {
  const calls = new Set(eventsOfKind(unit, 'rest-call').map((call) => call.id));
  const fetches: Fetch[] = eventsOfKind(unit, 'rest-call').filter((call) => call.isTokenRequest);
  for (const acquisition of eventsOfKind(unit, 'token-acquire')) {
    if (acquisition.source === 'function') fetches.push(acquisition);
    else if (
      acquisition.source === 'response' &&
      (acquisition.fromCall === undefined || !calls.has(acquisition.fromCall))
    )
      fetches.push(acquisition);
  }
  return fetches.sort((a, b) => a.order - b.order);
}

export function checkTokenFetchInLoop(model: FlowModel, _context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  for (const unit of model.units) {
    // Strategy B refreshes inside an expiry check run only when the token is due.
    const fetches = fetchesOf(unit).filter((fetch) => !isExpiryGuarded(unit, fetch.guards));
    for (const fetch of fetches) {
      if (!fetch.inLoop) continue;
      findings.push(
        finding(
          CODE,
          fetch.range,
          'A new token is fetched on every pass of this loop: each fetch adds a 100–300 ms round-trip and loads the ' +
            'identity ' +
            "provider's token endpoint. Fetch the token once before the loop, or refresh it only when it is due " +
            '(Strategy B).',
          { unit, fetches: [fetch] },
        ),
      );
    }
    if (fetches.length >= MANY_FETCHES) {
      const [first, ...rest] = fetches;
      findings.push(
        finding(
          CODE,
          first!.range,
          `This code fetches a new token ${fetches.length} times in one run, once before each call (Strategy A): ` +
            `every fetch adds a ` +
            '100–300 ms round-trip. Cache the token with its expiry and refresh it only when it is due (Strategy B).',
          { unit, fetches },
          rest.map((fetch) => ({ range: fetch.range, message: 'another token fetch' })),
        ),
      );
    }
  }
  return findings;
}
