import type { Guard } from './flow-model';
import type { ErrorBranch } from './queries';

/**
 * Whether a token's fetches and clears run before a point on every path to it: one stands where the point's guards
 * lead, or some condition on the way has both branches covered (by items below it, or an error path: a branch such
 * as `ELSE { apiError = "TOKEN_HTTP_…" }` never sends a stale token). Asked at every use and call of a unit, so the
 * items are sorted once into a tree by their guards, and each node keeps what a point needs without visiting every
 * item before it: a condition whose items all come before the point counts as it does with all its items (computed
 * once); only the conditions whose items straddle the point (those around it) are looked at again.
 */
export class CoverIndex {
  private readonly root = new CoverNode();

  constructor(
    items: readonly { readonly order: number; readonly guards: readonly Guard[] }[],
    private readonly errorBranch: ErrorBranch,
  ) {
    for (const item of items) this.root.add(item.guards, 0, item.order);
    this.root.settle(errorBranch, 0);
  }

  /** Whether the items with an order below `beforeOrder` run on every path to a point under `pointGuards`. */
  coversPoint(beforeOrder: number, pointGuards: readonly Guard[]): boolean {
    let node: CoverNode | undefined = this.root;
    for (let depth = 0; node && depth <= pointGuards.length; depth++) {
      if (node.minOrder < beforeOrder && node.coveredBefore(beforeOrder, this.errorBranch, 0)) return true;
      const guard = pointGuards[depth];
      node = guard && node.child(guard.conditionId)?.below[side(guard.branch)];
    }
    return false;
  }
}

/** The deepest nesting looked at, as in `coversPoint`. */
const MAX_LEVEL = 64;

/** Index of a branch in `CoverCondition.below`. */
function side(branch: 'then' | 'else'): 0 | 1 {
  return branch === 'then' ? 0 : 1;
}

class CoverCondition {
  /** The items under the THEN branch, then under the ELSE branch. */
  readonly below: [CoverNode | undefined, CoverNode | undefined] = [undefined, undefined];
  minOrder = Number.POSITIVE_INFINITY;
  maxOrder = Number.NEGATIVE_INFINITY;
  /** Both branches covered with every item below the condition. */
  coveredAll = false;

  constructor(readonly conditionId: number) {}
}

class CoverNode {
  /** The smallest order of an item standing exactly here (no deeper guard). */
  exactMin = Number.POSITIVE_INFINITY;
  minOrder = Number.POSITIVE_INFINITY;
  maxOrder = Number.NEGATIVE_INFINITY;
  private readonly byId = new Map<number, CoverCondition>();
  /** The conditions below, by their first item. */
  private sorted: CoverCondition[] = [];
  /** Whether no two conditions' item ranges overlap (then at most one straddles a point). */
  private disjoint = true;
  /** The smallest last order of a condition covered with all its items. */
  private coveredChildMax = Number.POSITIVE_INFINITY;

  child(conditionId: number): CoverCondition | undefined {
    return this.byId.get(conditionId);
  }

  add(guards: readonly Guard[], depth: number, order: number): void {
    this.minOrder = Math.min(this.minOrder, order);
    this.maxOrder = Math.max(this.maxOrder, order);
    const guard = guards[depth];
    if (!guard) {
      this.exactMin = Math.min(this.exactMin, order);
      return;
    }
    let condition = this.byId.get(guard.conditionId);
    if (!condition) {
      condition = new CoverCondition(guard.conditionId);
      this.byId.set(guard.conditionId, condition);
    }
    condition.minOrder = Math.min(condition.minOrder, order);
    condition.maxOrder = Math.max(condition.maxOrder, order);
    const below = condition.below[side(guard.branch)] ?? new CoverNode();
    condition.below[side(guard.branch)] = below;
    below.add(guards, depth + 1, order);
  }

  /** Computes, bottom up, what holds with every item (`coveredAll`) and the lookups a point needs. */
  settle(errorBranch: ErrorBranch, level: number): void {
    this.sorted = [...this.byId.values()].sort((a, b) => a.minOrder - b.minOrder);
    for (let i = 1; i < this.sorted.length; i++)
      if (this.sorted[i]!.minOrder <= this.sorted[i - 1]!.maxOrder) this.disjoint = false;
    for (const condition of this.sorted) {
      for (const below of condition.below) below?.settle(errorBranch, level + 1);
      const covered = (branch: 'then' | 'else'): boolean => {
        const below = condition.below[side(branch)];
        return (
          errorBranch(condition.conditionId, branch) ||
          (below !== undefined && level < MAX_LEVEL && below.coveredAllHere())
        );
      };
      condition.coveredAll = covered('then') && covered('else');
      if (condition.coveredAll) this.coveredChildMax = Math.min(this.coveredChildMax, condition.maxOrder);
    }
  }

  private coveredAllHere(): boolean {
    return this.exactMin !== Number.POSITIVE_INFINITY || this.coveredChildMax !== Number.POSITIVE_INFINITY;
  }

  /** `coveredAt` for the items of this node with an order below `point`. */
  coveredBefore(point: number, errorBranch: ErrorBranch, level: number): boolean {
    if (level > MAX_LEVEL) return false;
    if (this.exactMin < point || this.coveredChildMax < point) return true;
    for (const condition of this.straddling(point)) {
      const covered = (branch: 'then' | 'else'): boolean => {
        if (errorBranch(condition.conditionId, branch)) return true;
        const below = condition.below[side(branch)];
        return below !== undefined && below.minOrder < point && below.coveredBefore(point, errorBranch, level + 1);
      };
      if (covered('then') && covered('else')) return true;
    }
    return false;
  }

  /** The conditions with items both before and at or after `point`. */
  private straddling(point: number): CoverCondition[] {
    if (!this.disjoint) return this.sorted.filter((c) => c.minOrder < point && c.maxOrder >= point);
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle]!.minOrder < point) low = middle + 1;
      else high = middle;
    }
    const last = this.sorted[low - 1];
    return last && last.maxOrder >= point ? [last] : [];
  }
}
