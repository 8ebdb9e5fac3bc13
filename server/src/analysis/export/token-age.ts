import type { ActionGraph } from '../../syntax/export/read-export';
import type { TokenAge } from '../model/token-age';
import { ActionIndex } from './action-index';
import { AgesFrom } from './ages-from';
import { RecentCache } from './recent-cache';

/**
 * Actions' worth of answers kept (an acquisition keeps about 25 bytes per action of the graph, so about 100 MB): with
 * 2,000 actions every acquisition is kept; with 40,000, the 100 most recently asked about.
 */
const KEPT_ACTIONS = 4_000_000;

/**
 * The worst-case age of a token acquired in action `from` when action `to` sends it: the longest simulated time
 * between the end of `from` and the start of `to` over every path of the action graph, each action on the way taking
 * its default duration (analysis/vocabulary/action-durations.ts, the simulator's). Paths go no further back than
 * `from`: running it again acquires the token again.
 *
 * Unbounded when an action with no upper bound (queue, agent, hold…) lies on some path (the first such action in file
 * order is named), or when a path can go round a loop (a MENU's retry branch; the first action in file order on such
 * a loop is named). Undefined when `to` cannot be reached from `from`.
 *
 * One pass over the graph per acquiring action, kept (ages-from.ts), so a rule asking about every use of every token
 * costs that pass per acquisition plus each answer's path, not a walk over the graph per pair. `keptActions` bounds
 * what is kept: the passes of at most that many actions' worth of acquisitions (the rest are done again if asked).
 */
export class TokenAges {
  private readonly index: ActionIndex;
  private readonly byAcquisition: RecentCache<number, AgesFrom>;

  constructor(graph: ActionGraph, keptActions = KEPT_ACTIONS) {
    this.index = new ActionIndex(graph);
    this.byAcquisition = new RecentCache(Math.max(1, Math.floor(keptActions / Math.max(1, this.index.size))));
  }

  /** The age at `to` of a token acquired in `from` (action ids); undefined when either is not an action. */
  ageAt(from: number, to: number): TokenAge | undefined {
    const start = this.index.indexOf(from);
    const end = this.index.indexOf(to);
    if (start === undefined || end === undefined) return undefined;
    return this.byAcquisition.get(start, () => new AgesFrom(this.index, start)).ageAt(end);
  }
}

/** One question (see TokenAges): for many, keep a TokenAges per graph. */
export function worstCaseTokenAge(graph: ActionGraph, from: number, to: number): TokenAge | undefined {
  return new TokenAges(graph).ageAt(from, to);
}
