import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { CodeUnit, Condition, FlowEvent, FlowModel, Guard } from '../../../server/src/analysis/model/flow-model';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import type { RuleCode } from '../../../server/src/diagnostics/codes';
import { RULES } from '../../../server/src/diagnostics/registry';
import { runRules } from '../../../server/src/diagnostics/run-rules';
import { createRuleContext } from '../../../server/src/service/rule-context';
import { assertRangeInside } from '../../helpers/range-checks';

const TEXT = 'x'.repeat(400);
const names = fc.constantFrom('t', 'token', 'cachedtoken', 'exp', 'code', 'api', 'r');
const range = fc
  .tuple(fc.nat(399), fc.nat(40))
  .map(([start, length]) => ({ start, end: Math.min(400, start + length) }));
const guard: fc.Arbitrary<Guard> = fc.record({
  conditionId: fc.nat(5),
  branch: fc.constantFrom('then' as const, 'else' as const),
});
const base = { range, guards: fc.array(guard, { maxLength: 3 }), inLoop: fc.boolean() };

/** Any event, wired loosely: ids, names and guards may point at nothing, as in a model built from broken code. */
const event: fc.Arbitrary<Omit<FlowEvent, 'unit' | 'order'>> = fc.oneof(
  fc.record({
    ...base,
    kind: fc.constant('rest-call' as const),
    id: fc.nat(5),
    client: names,
    isTokenRequest: fc.boolean(),
    authorizationVariables: fc.array(names, { maxLength: 2 }),
    statementRange: range,
    body: fc.option(fc.constantFrom('grant_type=client_credentials', 'subject_token={t}'), { nil: undefined }),
  }),
  fc.record({
    ...base,
    kind: fc.constant('token-acquire' as const),
    variable: names,
    source: fc.constantFrom('function' as const, 'response' as const, 'alias' as const, 'cache-read' as const),
    fromCall: fc.option(fc.nat(5), { nil: undefined }),
    fromVariable: fc.option(names, { nil: undefined }),
    persistent: fc.boolean(),
  }),
  fc.record({
    ...base,
    kind: fc.constant('token-use' as const),
    variable: names,
    callId: fc.option(fc.nat(5), { nil: undefined }),
  }),
  fc.record({
    ...base,
    kind: fc.constant('expiry-set' as const),
    variable: names,
    fromExpiresIn: fc.boolean(),
    constantSeconds: fc.option(fc.nat(7200), { nil: undefined }),
    constantRange: fc.option(range, { nil: undefined }),
    fromCall: fc.option(fc.nat(5), { nil: undefined }),
    clears: fc.boolean(),
  }),
  fc.record({
    ...base,
    kind: fc.constant('status-copy' as const),
    variable: names,
    client: names,
    callId: fc.option(fc.nat(5), { nil: undefined }),
  }),
  fc.record({ ...base, kind: fc.constant('error-path' as const) }),
  fc.record({ ...base, kind: fc.constant('token-presence-check' as const), variable: names }),
  fc.record({ ...base, kind: fc.constant('long-running' as const), label: fc.string({ maxLength: 80 }) }),
  fc.record({
    ...base,
    kind: fc.constant('secret-literal' as const),
    what: fc.constantFrom(
      'client-secret' as const,
      'password' as const,
      'api-key' as const,
      'basic-credentials' as const,
      'secret' as const,
    ),
    valueRange: range,
    confidence: fc.constantFrom('high' as const, 'low' as const),
    evidence: fc.record({
      place: fc.constantFrom(
        'form-field' as const,
        'json-field' as const,
        'key-header' as const,
        'basic-header' as const,
        'basic-input' as const,
        'url-userinfo' as const,
        'assigned' as const,
        'text' as const,
      ),
      name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      shape: fc.constantFrom('known-prefix' as const, 'random' as const, 'password-like' as const, 'other' as const),
      prefixOf: fc.option(fc.constant('a Stripe secret key'), { nil: undefined }),
    }),
  }),
  fc.record({ ...base, kind: fc.constant('token-literal' as const), valueRange: range, jwt: fc.boolean() }),
) as fc.Arbitrary<Omit<FlowEvent, 'unit' | 'order'>>;

const condition: fc.Arbitrary<Condition> = fc.record({
  id: fc.nat(5),
  range,
  reads: fc.array(names, { maxLength: 3 }),
  expiryCheck: fc.option(
    fc.record({
      expiryVariable: names,
      buffer: fc.oneof(
        fc.constant({ kind: 'none' as const }),
        fc.record({ kind: fc.constant('constant' as const), seconds: fc.nat(600) }),
        fc.record({ kind: fc.constant('variable' as const), variable: names }),
        fc.constant({ kind: 'jittered' as const }),
      ),
      refreshBranch: fc.constantFrom('then' as const, 'else' as const),
      comparisonRange: range,
    }),
    { nil: undefined },
  ),
  statusCheck: fc.option(
    fc.record({
      callId: fc.option(fc.nat(5), { nil: undefined }),
      equals: fc.array(fc.constantFrom(200, 401, 403)),
      notEquals: fc.array(fc.constantFrom(200)),
      rangeComparison: fc.boolean(),
    }),
    { nil: undefined },
  ),
}) as fc.Arbitrary<Condition>;

const model: fc.Arbitrary<FlowModel> = fc
  .array(fc.tuple(fc.array(event, { maxLength: 12 }), fc.array(condition, { maxLength: 4 })), {
    minLength: 1,
    maxLength: 3,
  })
  .map((units) => {
    const built: CodeUnit[] = units.map(([events, conditions], id) => ({
      id,
      label: id === 0 ? 'script' : `SNIPPET action ${id} "A"`,
      range: { start: 0, end: 400 },
      events: events.map((e, order) => ({ ...e, unit: id, order }) as FlowEvent),
      conditions,
    }));
    return {
      units: built,
      flow: {
        predecessors: (unit: number) => built.filter((u) => u.id <= unit).map((u) => u.id),
        longRunningBetween: () => built.flatMap((u) => u.events.filter((e) => e.kind === 'long-running')),
      },
    } as FlowModel;
  });

describe('rules on arbitrary models', () => {
  it('never throw, stay inside the document, and report each code + range once, in order', () => {
    const context = createRuleContext(TEXT, 'snippet', DEFAULT_SETTINGS);
    fc.assert(
      fc.property(model, (m) => {
        for (const code of Object.keys(RULES) as RuleCode[]) {
          for (const f of RULES[code].check(m, context)) {
            assert.equal(f.code, code);
            assertRangeInside(f.range, TEXT.length, f.code);
            assert.ok(f.message.length > 0);
          }
        }
        const all = runRules(m, context);
        const keys = all.map((f) => `${f.code}@${f.range.start}:${f.range.end}`);
        assert.equal(new Set(keys).size, keys.length);
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.range.start <= all[i]!.range.start);
      }),
      { numRuns: 300 },
    );
  });
});
