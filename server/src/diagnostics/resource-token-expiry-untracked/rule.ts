import type { CodeUnit, FlowModel, RestCallEvent } from '../../analysis/model/flow-model';
import {
  allEventsOfKind,
  copiesOf,
  eventsOfKind,
  guardConditions,
  presenceChecksIn,
  responseAcquisitionsOf,
  tokenUsesOfCall,
} from '../../analysis/model/queries';
import type { RuleFinding } from '../finding';
import { authoredName } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'resource-token-expiry-untracked';

/** `{name}` / `{global:name}` substitutions of a static body, folded. */
function substitutions(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/\{\s*(?:global:)?([A-Za-z_][\w$]*)\s*\}/gi)].map((m) => m[1]!.toLowerCase());
}

const EXCHANGE_BODY = /grant-type:(?:token-exchange|jwt-bearer)|[?&"'\s]subject_token=/i;

/** A token request that carries another token (header or body): a two-step exchange. */
function isExchange(unit: CodeUnit, call: RestCallEvent, tokenVariables: ReadonlySet<string>): boolean {
  if (!call.isTokenRequest) return false;
  if (call.authorizationVariables.length > 0) return true;
  if ([...(call.bodyVariables ?? []), ...substitutions(call.body)].some((v) => tokenVariables.has(v))) return true;
  if (tokenUsesOfCall(unit, call.id).length > 0) return true;
  return call.body !== undefined && EXCHANGE_BODY.test(` ${call.body}`);
}

/**
 * Expiry variables named after the token: strResourceToken → strResourceTokenExpiry, resourceToken → resourceExpiry.
 */
function namesExpiryOf(expiryVariable: string, tokenNames: ReadonlySet<string>): boolean {
  for (const name of tokenNames) {
    const stem = name.replace(/token$/, '');
    if (expiryVariable.includes(name) || (stem.length >= 3 && expiryVariable.includes(stem))) return true;
  }
  return false;
}

export function checkResourceTokenExpiry(model: FlowModel, context: RuleContext): RuleFinding<typeof CODE>[] {
  const findings: RuleFinding<typeof CODE>[] = [];
  const expirySets = allEventsOfKind(model, 'expiry-set')
    .map(({ event }) => event)
    .filter((event) => !event.clears);
  const tokenVariables = new Set<string>();
  for (const { event } of allEventsOfKind(model, 'token-acquire')) tokenVariables.add(event.variable);
  for (const { event } of allEventsOfKind(model, 'token-use')) tokenVariables.add(event.variable);
  const readBack = new Set(
    allEventsOfKind(model, 'token-acquire')
      .filter(({ event }) => event.source === 'cache-read')
      .map(({ event }) => event.fromVariable ?? ''),
  );
  // A document that tracks no expiry at all is Strategy A (or Pattern A, reported by other rules).
  const tracksSomeExpiry =
    expirySets.length > 0 || model.units.some((unit) => unit.conditions.some((c) => c.expiryCheck !== undefined));

  for (const unit of model.units) {
    for (const call of eventsOfKind(unit, 'rest-call')) {
      if (!isExchange(unit, call, tokenVariables)) continue;
      const resource = responseAcquisitionsOf(unit, call.id)[0];
      if (!resource) continue;
      const { names, copies } = copiesOf(unit, resource.variable, resource.order);
      const tracked = expirySets.some(
        (set) =>
          set.fromCall === call.id ||
          (set.fromCall === undefined &&
            (set.fromExpiresIn || set.constantSeconds !== undefined) &&
            namesExpiryOf(set.variable, names)),
      );
      if (tracked) continue;
      const kept =
        tracksSomeExpiry ||
        [resource, ...copies].some((a) =>
          guardConditions(unit, a.guards).some(
            (c) => c.expiryCheck !== undefined || presenceChecksIn(unit, c).length > 0,
          ),
        ) ||
        [...names].some((name) => readBack.has(name));
      if (!kept) continue;
      const name = authoredName(context.text, resource.range, resource.variable);
      findings.push(
        finding(
          CODE,
          resource.range,
          `${name} comes from a token exchange and has no expiry of its own: resource tokens often live shorter ` +
            `than the ` +
            `client token, so it can expire while the client token is still valid. Store its expiry from this ` +
            `exchange's ` +
            `expires_in and refresh it with its own buffered check.`,
          { unit, acquisition: resource, exchange: call },
          [{ range: call.range, message: 'the exchange that issues it' }],
        ),
      );
    }
  }
  return findings;
}
