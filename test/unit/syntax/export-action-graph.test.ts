import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ActionGraph } from '../../../server/src/syntax/export/action-graph';
import type { ActionEdge, ScriptAction } from '../../../server/src/syntax/export/export-model';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { ReferenceActionGraph } from './export-action-graph-reference';

function graphOf(fixture: string): ActionGraph {
  const text = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'export', fixture), 'utf8');
  const result = readExport(text);
  assert.ok(result !== undefined);
  return result.graph;
}

function ids(actions: readonly ScriptAction[] | undefined): number[] | undefined {
  return actions?.map((a) => a.id);
}

function sorted(set: Set<number>): number[] {
  return [...set].sort((a, b) => a - b);
}

function syntheticAction(id: number, type = 'SNIPPET'): ScriptAction {
  return { id, type, caption: `${type} ${id}`, parameters: [], range: { start: id, end: id } };
}

function edge(from: number, to: number, dangling = false): ActionEdge {
  return { from, to, kind: 'default', label: '', dangling, range: { start: 0, end: 0 } };
}

describe('ActionGraph', () => {
  describe('token acquired at BEGIN, used after a menu, a hold and the queue', () => {
    const graph = graphOf('token-at-begin-used-after-menu.xml');

    it('starts at BEGIN', () => {
      assert.equal(graph.entry?.id, 1);
    });

    it('lists successors and predecessors once each, in edge order', () => {
      assert.deepEqual(graph.successors(5), [11, 7, 9]);
      assert.deepEqual(graph.predecessors(5), [3, 11]);
      assert.deepEqual(graph.predecessors(17), [9, 15]);
      assert.deepEqual(graph.successors(17), []);
      assert.equal(graph.outgoing(5).length, 4);
      assert.equal(graph.incoming(11).length, 2);
    });

    it('finds what the token acquisition reaches, through the menu loop', () => {
      assert.deepEqual(sorted(graph.reachableFrom(3)), [3, 5, 7, 9, 11, 13, 15, 17]);
      assert.deepEqual(sorted(graph.reaching(15)), [1, 3, 5, 7, 11, 13, 15]);
    });

    it('lists the actions between the token SNIPPET and its use, the retry loop included', () => {
      assert.deepEqual(ids(graph.actionsBetween(3, 15)), [3, 5, 7, 11, 13, 15]);
      assert.deepEqual(ids(graph.actionsBetween(15, 3)), []);
      assert.deepEqual(ids(graph.actionsBetween(5, 5)), [5, 11]);
      assert.deepEqual(ids(graph.actionsBetween(17, 17)), [17]);
    });

    it('finds a shortest path', () => {
      assert.deepEqual(ids(graph.shortestPath(3, 15)), [3, 5, 7, 13, 15]);
      assert.deepEqual(ids(graph.shortestPath(3, 3)), [3]);
      assert.equal(graph.shortestPath(15, 3), undefined);
    });
  });

  describe('Strategy B: one token SNIPPET reached from several places', () => {
    const graph = graphOf('strategy-b-export.xml');

    it('has two predecessors for the token SNIPPET and loops back to the menu', () => {
      assert.deepEqual(graph.predecessors(6), [5, 7]);
      assert.ok(graph.reachableFrom(6).has(4));
      assert.ok(graph.reachableFrom(6).has(6));
      assert.deepEqual(graph.successors(4), [12, 4, 5, 7]);
    });

    it('lists the actions between two SNIPPETs in file order, around the loop', () => {
      assert.deepEqual(ids(graph.actionsBetween(6, 8)), [4, 5, 7, 6, 8, 10]);
      assert.deepEqual(ids(graph.actionsBetween(2, 12)), [2, 4, 5, 7, 6, 8, 10, 12]);
    });
  });

  it('uses the first action without predecessors when there is no BEGIN', () => {
    const graph = new ActionGraph(
      [syntheticAction(4), syntheticAction(2), syntheticAction(9)],
      [edge(2, 4), edge(4, 9), edge(9, 9)],
    );
    assert.equal(graph.entry?.id, 2);
    const loopOnly = new ActionGraph([syntheticAction(1), syntheticAction(2)], [edge(1, 2), edge(2, 1)]);
    assert.equal(loopOnly.entry?.id, 1);
    assert.equal(new ActionGraph([], []).entry, undefined);
  });

  it('never follows dangling edges and answers empty for unknown ids', () => {
    const graph = new ActionGraph([syntheticAction(1, 'BEGIN'), syntheticAction(2)], [edge(1, 2), edge(2, 77, true)]);
    assert.deepEqual(graph.successors(2), []);
    assert.equal(graph.outgoing(2).length, 1);
    assert.deepEqual(sorted(graph.reachableFrom(1)), [1, 2]);
    assert.deepEqual(sorted(graph.reachableFrom(77)), []);
    assert.deepEqual(graph.actionsBetween(1, 77), []);
    assert.equal(graph.shortestPath(1, 77), undefined);
    assert.equal(graph.action(77), undefined);
  });

  it('keeps the first of two actions with the same id', () => {
    const first = syntheticAction(3);
    const graph = new ActionGraph([first, { ...syntheticAction(3), caption: 'duplicate' }], []);
    assert.equal(graph.action(3), first);
  });

  it('is cycle-safe and iterative on large loops', () => {
    const n = 50_000;
    const actions = Array.from({ length: n }, (_, i) => syntheticAction(i + 1));
    const edges = actions.map((a) => edge(a.id, (a.id % n) + 1));
    const graph = new ActionGraph(actions, edges);
    assert.equal(graph.reachableFrom(1).size, n);
    assert.equal(graph.actionsBetween(10, 5).length, n);
    assert.equal(graph.shortestPath(1, n)?.length, n);
  });

  it('answers as the uncached walks did, on random scripts with loops, duplicates and dangling links', () => {
    const script = fc
      .record({
        ids: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 40 }),
        links: fc.array(fc.tuple(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 45 })), {
          maxLength: 120,
        }),
      })
      .map(({ ids, links }) => ({
        actions: ids.map((id) => syntheticAction(id)),
        edges: links.map(([from, to]) => edge(from, to, !ids.includes(to))),
      }));
    fc.assert(
      fc.property(script, ({ actions, edges }) => {
        const graph = new ActionGraph(actions, edges);
        const reference = new ReferenceActionGraph(actions, edges);
        const asked = [...new Set([...actions.map((a) => a.id), 0, 44])];
        // Twice: the second round is answered from the caches.
        for (let round = 0; round < 2; round++) {
          for (const from of asked) {
            assert.deepEqual(sorted(graph.reachableFrom(from)), sorted(reference.reachableFrom(from)));
            assert.deepEqual(sorted(graph.reaching(from)), sorted(reference.reaching(from)));
            for (const to of asked) {
              assert.deepEqual(ids(graph.actionsBetween(from, to)), ids(reference.actionsBetween(from, to)));
              assert.deepEqual(ids(graph.shortestPath(from, to)), ids(reference.shortestPath(from, to)));
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
