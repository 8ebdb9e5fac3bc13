import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CoverIndex } from '../../../server/src/analysis/model/cover-index';
import type { Guard } from '../../../server/src/analysis/model/flow-model';
import type { ErrorBranch } from '../../../server/src/analysis/model/queries';

/**
 * CoverIndex answers, for many points, what the plain recursive definition answers for the items before each point:
 * the oracle below is that definition (it was the model's code until a unit with a 401 branch after every call made it
 * cubic). Random guard trees, item orders and error branches; every point of every tree.
 */

interface Item {
  readonly order: number;
  readonly guards: readonly Guard[];
}

function sameGuards(a: readonly Guard[], b: readonly Guard[]): boolean {
  return a.length === b.length && a.every((g, i) => g.conditionId === b[i]!.conditionId && g.branch === b[i]!.branch);
}

function startsWith(guards: readonly Guard[], prefix: readonly Guard[]): boolean {
  return guards.length >= prefix.length && sameGuards(guards.slice(0, prefix.length), prefix);
}

function coveredAt(items: readonly Item[], context: readonly Guard[], errorBranch: ErrorBranch): boolean {
  if (items.some((item) => sameGuards(item.guards, context))) return true;
  const nested = new Set<number>();
  for (const item of items)
    if (item.guards.length > context.length && startsWith(item.guards, context))
      nested.add(item.guards[context.length]!.conditionId);
  const covered = (conditionId: number, branch: 'then' | 'else'): boolean =>
    coveredAt(items, [...context, { conditionId, branch }], errorBranch) || errorBranch(conditionId, branch);
  return [...nested].some((id) => covered(id, 'then') && covered(id, 'else'));
}

function oracle(items: readonly Item[], before: number, point: readonly Guard[], errorBranch: ErrorBranch): boolean {
  const earlier = items.filter((item) => item.order < before);
  for (let depth = 0; depth <= point.length; depth++)
    if (coveredAt(earlier, point.slice(0, depth), errorBranch)) return true;
  return false;
}

/** A nesting of conditions (ids by position) and the items and points placed in it, in source order. */
const guardPath = fc.array(
  fc.record({ conditionId: fc.integer({ min: 1, max: 6 }), branch: fc.constantFrom('then' as const, 'else' as const) }),
  { maxLength: 4 },
);

describe('analysis: CoverIndex', () => {
  it('gives the recursive definition for every point, on random guard trees', () => {
    fc.assert(
      fc.property(
        fc.array(guardPath, { maxLength: 12 }),
        fc.array(guardPath, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('then' as const, 'else' as const)), {
          maxLength: 4,
        }),
        (itemPaths, pointPaths, errors) => {
          const items = itemPaths.map((guards, i) => ({ order: i * 2, guards }));
          const errorBranch: ErrorBranch = (id, branch) => errors.some(([e, b]) => e === id && b === branch);
          const index = new CoverIndex(items, errorBranch);
          for (const point of pointPaths)
            for (let before = 0; before <= items.length * 2 + 1; before++)
              assert.equal(
                index.coversPoint(before, point),
                oracle(items, before, point, errorBranch),
                `point ${JSON.stringify(point)} before ${before}`,
              );
        },
      ),
      { numRuns: 400, seed: 20_261_202 },
    );
  });
});
