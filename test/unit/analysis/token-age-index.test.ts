import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { RecentCache } from '../../../server/src/analysis/export/recent-cache';
import { TokenAges } from '../../../server/src/analysis/export/token-age';
import type { ActionEdge, ScriptAction } from '../../../server/src/syntax/export/export-model';
import { ActionGraph } from '../../../server/src/syntax/export/read-export';
import { referenceTokenAge } from './token-age-reference';

/**
 * TokenAges (one pass per acquiring action, then each use from it) gives, for every pair of actions, the TokenAge the
 * first algorithm gives (token-age-reference.ts: one walk over the graph per pair). Random action graphs of IVR
 * actions: menus with retry loops and self-loops, holds and queues (unbounded), WAITs of a variable, WAITs of equal
 * seconds (ties between longest paths), actions that take no time, dangling links and two actions sharing an id.
 */

const RANGE = { start: 0, end: 0 };

/** An action kind as the generator picks it: a type and its first parameter (a WAIT's seconds, a prompt). */
const ACTION_KINDS: readonly (readonly [string, string])[] = [
  ['SNIPPET', ''],
  ['SNIPPET', ''],
  ['ASSIGN', ''],
  ['PLAY', '"%Please hold while we look up your account."'],
  ['MENU', '"%For billing press 1. For support press 2."'],
  ['WAIT', '30'],
  ['WAIT', '30'],
  ['WAIT', '0'],
  ['WAIT', '3600'],
  ['WAIT', 'retryDelay'],
  ['CAPTURE', ''],
  ['HOLD', ''],
  ['REQAGENT', ''],
  ['HANGUP', ''],
];

function action(id: number, kind: number): ScriptAction {
  const [type, first] = ACTION_KINDS[kind]!;
  return {
    id,
    type,
    caption: `${type} ${id}`,
    parameters: [{ value: first, range: RANGE, elementRange: RANGE }],
    range: RANGE,
  };
}

function edge(from: number, to: number, ids: ReadonlySet<number>): ActionEdge {
  return { from, to, kind: 'branch', label: '1', dangling: !ids.has(to), range: RANGE };
}

/** Up to 12 actions (ids 1…12, some repeated), each with up to 4 links to any id 1…13 (13 is never an action). */
const graphs = fc
  .array(fc.record({ id: fc.integer({ min: 1, max: 12 }), kind: fc.nat(ACTION_KINDS.length - 1) }), {
    minLength: 1,
    maxLength: 12,
  })
  .chain((specs) =>
    fc
      .array(fc.tuple(fc.nat(specs.length - 1), fc.integer({ min: 1, max: 13 })), { maxLength: specs.length * 4 })
      .map((links) => {
        const actions = specs.map((s) => action(s.id, s.kind));
        const ids = new Set(actions.map((a) => a.id));
        return new ActionGraph(
          actions,
          links.map(([from, to]) => edge(actions[from]!.id, to, ids)),
        );
      }),
  );

describe('analysis: TokenAges', () => {
  it('gives the per-pair reference answer for every pair of actions, on random action graphs', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(graphs, (graph) => {
        const ages = new TokenAges(graph);
        // Keeping one acquisition's passes at a time, asked use by use: each is dropped and done again, same answers.
        const forgetful = new TokenAges(graph, 1);
        // Ids 0 and 13 are never actions; 1…12 are, or not.
        const ids = Array.from({ length: 14 }, (_, id) => id);
        const expected = ids.map((from) => ids.map((to) => referenceTokenAge(graph, from, to)));
        for (const from of ids)
          for (const to of ids) {
            const age = expected[from]![to];
            assert.deepEqual(ages.ageAt(from, to), age, `from ${from} to ${to}`);
            seen.add(age === undefined ? 'unreached' : age.kind === 'bounded' ? 'bounded' : age.because);
          }
        for (const to of ids)
          for (const from of ids)
            assert.deepEqual(forgetful.ageAt(from, to), expected[from]![to], `from ${from} to ${to}`);
      }),
      { numRuns: 400, seed: 20_261_203 },
    );
    // The graphs reach every kind of answer, so the comparison above covers each branch.
    assert.deepEqual([...seen].sort(), ['action', 'bounded', 'loop', 'unreached']);
  });
});

describe('analysis: RecentCache (what TokenAges keeps)', () => {
  it('keeps at most its capacity, dropping the least recently used value and making it again when asked', () => {
    const cache = new RecentCache<number, string>(2);
    const made: number[] = [];
    const get = (key: number): string =>
      cache.get(key, () => {
        made.push(key);
        return `value ${key}`;
      });
    assert.deepEqual(
      [get(1), get(2), get(1), get(3), get(1), get(2)],
      ['value 1', 'value 2', 'value 1', 'value 3', 'value 1', 'value 2'],
    );
    // 2 was the least recently used when 3 came in; 3 when 2 came back.
    assert.deepEqual(made, [1, 2, 3, 2]);
  });
});
