import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type {
  CodeUnit,
  FlowEvent,
  Guard,
  RestCallEvent,
  StatusCopyEvent,
  TokenAcquireEvent,
} from '../../../server/src/analysis/model/flow-model';
import {
  branchTakesErrorPath,
  copiesOf,
  eventsOfKind,
  firstAfter,
  isInBranch,
  mutuallyExclusive,
  responseAcquisitionsOf,
  statusCopiesOf,
  tokenUsesOf,
  tokenUsesOfCall,
} from '../../../server/src/analysis/model/queries';

// The per-unit indexes must answer exactly as a scan of the unit's events does (the scans below are the definitions).

const names = fc.constantFrom('t', 'token', 'copy', 'api', 'r');
const range = fc.tuple(fc.nat(399), fc.nat(40)).map(([start, length]) => ({ start, end: start + length }));
const guard: fc.Arbitrary<Guard> = fc.record({
  conditionId: fc.nat(4),
  branch: fc.constantFrom('then' as const, 'else' as const),
});
const base = { range, guards: fc.array(guard, { maxLength: 3 }), inLoop: fc.boolean() };
const event = fc.oneof(
  fc.record({
    ...base,
    kind: fc.constant('rest-call' as const),
    id: fc.nat(6),
    client: names,
    isTokenRequest: fc.boolean(),
    authorizationVariables: fc.constant([]),
    statementRange: range,
  }),
  fc.record({
    ...base,
    kind: fc.constant('token-acquire' as const),
    variable: names,
    source: fc.constantFrom('function' as const, 'response' as const, 'alias' as const, 'cache-read' as const),
    fromCall: fc.option(fc.nat(6), { nil: undefined }),
    fromVariable: fc.option(names, { nil: undefined }),
    persistent: fc.boolean(),
  }),
  fc.record({
    ...base,
    kind: fc.constant('token-use' as const),
    variable: names,
    callId: fc.option(fc.nat(6), { nil: undefined }),
  }),
  fc.record({
    ...base,
    kind: fc.constant('expiry-set' as const),
    variable: names,
    fromExpiresIn: fc.boolean(),
    clears: fc.boolean(),
  }),
  fc.record({
    ...base,
    kind: fc.constant('status-copy' as const),
    variable: names,
    client: names,
    callId: fc.option(fc.nat(6), { nil: undefined }),
  }),
  fc.record({ ...base, kind: fc.constant('error-path' as const) }),
) as fc.Arbitrary<Omit<FlowEvent, 'unit' | 'order'>>;
const unit: fc.Arbitrary<CodeUnit> = fc.array(event, { maxLength: 30 }).map((events) => ({
  id: 0,
  label: 'snippet',
  range: { start: 0, end: 400 },
  events: events.map((e, order) => ({ ...e, unit: 0, order }) as FlowEvent),
  conditions: [],
}));

function scanStatusCopiesOf(u: CodeUnit, call: RestCallEvent): StatusCopyEvent[] {
  const calls = new Map(eventsOfKind(u, 'rest-call').map((c) => [c.id, c]));
  return eventsOfKind(u, 'status-copy').filter((copy) => {
    if (copy.order <= call.order) return false;
    if (copy.callId === call.id) return true;
    if (copy.callId === undefined) return copy.client === call.client;
    const other = calls.get(copy.callId);
    return other !== undefined && other.client === call.client && mutuallyExclusive(other, call);
  });
}

function scanCopiesOf(
  u: CodeUnit,
  variable: string,
  fromOrder: number,
): { names: Set<string>; copies: TokenAcquireEvent[] } {
  const found = new Set([variable]);
  const copies: TokenAcquireEvent[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of eventsOfKind(u, 'token-acquire')) {
      if (e.order <= fromOrder || found.has(e.variable)) continue;
      if (
        (e.source === 'alias' || e.source === 'cache-read') &&
        e.fromVariable !== undefined &&
        found.has(e.fromVariable)
      ) {
        found.add(e.variable);
        copies.push(e);
        grew = true;
      }
    }
  }
  return { names: found, copies };
}

describe('model queries: per-unit indexes', () => {
  it('answer as a scan of the events does', () => {
    fc.assert(
      fc.property(unit, (u) => {
        for (const call of eventsOfKind(u, 'rest-call')) {
          assert.deepEqual(statusCopiesOf(u, call), scanStatusCopiesOf(u, call));
        }
        for (let id = 0; id <= 6; id++) {
          assert.deepEqual(
            tokenUsesOfCall(u, id),
            eventsOfKind(u, 'token-use').filter((use) => use.callId === id),
          );
          assert.deepEqual(
            responseAcquisitionsOf(u, id),
            eventsOfKind(u, 'token-acquire').filter((a) => a.source === 'response' && a.fromCall === id),
          );
        }
        for (let conditionId = 0; conditionId <= 4; conditionId++) {
          for (const branch of ['then', 'else'] as const) {
            const scanned = u.events.some(
              (e) =>
                (e.kind === 'error-path' || (e.kind === 'expiry-set' && e.clears)) &&
                isInBranch(e.guards, conditionId, branch),
            );
            assert.equal(branchTakesErrorPath(u, conditionId, branch), scanned);
          }
        }
        for (const name of ['t', 'token', 'copy', 'api', 'r']) {
          const uses = eventsOfKind(u, 'token-use').filter((use) => use.variable === name);
          assert.deepEqual(tokenUsesOf(u, name), uses);
          for (let order = -1; order <= u.events.length; order++) {
            assert.equal(
              firstAfter(uses, order),
              uses.find((use) => use.order > order),
            );
            assert.deepEqual(copiesOf(u, name, order), scanCopiesOf(u, name, order));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
