import type { Condition, FlowEvent } from '../model/flow-model';
import type { NameLookup, NameSet } from './document-facts';
import type { SnippetFacts } from './facts';
import { READ, type FlowState, type StateRecorder } from './flow-state';
import type { IdMarks } from './model-ids';

/**
 * What reading one top-level statement of a `.snippet` depended on and did, recorded so that the next version of the
 * document can take the statement's part over instead of reading it again (statement-reuse.ts).
 *
 * A statement's part of the unit is a function of its own text, of what it read from the state the statements before
 * it left (`FlowState`'s tables) and from the document-wide facts, of the settings, and of the ids handed out before
 * it. Every read of a table or a fact goes through the recorder below, with its answer; a read of something the same
 * statement wrote before is its own business and is not recorded. So while every recorded read gives the same answer
 * again, reading the statement again would make the same events and leave the same state.
 */

/** One change a statement made to an event that an earlier statement made. */
export type Patch =
  /** Reading `r.access_token` makes the call whose response `r` holds a token request. */
  | { readonly kind: 'token-request'; readonly callId: number }
  /** A call sends the token uses that were waiting for its client. */
  | { readonly kind: 'use-call'; readonly use: FlowEvent; readonly callId: number };

/** An event a statement made: the event itself, and what later statements may change of it as it was then. */
export interface RecordedDraft {
  readonly event: FlowEvent;
  /** Its sort key (see UnitBuild.key). */
  readonly key: number;
  /** See `patchableOf` (statement-reuse.ts). */
  readonly patchable: unknown;
}

/** One top-level statement as it was read. */
export interface StatementRecord {
  /** The statement's range in the code it was read from. */
  readonly start: number;
  readonly end: number;
  /** False when it did something a record cannot replay: then only its writes are kept (what it may change). */
  readonly replayable: boolean;
  readonly idsBefore: IdMarks;
  readonly idsAfter: IdMarks;
  /** What it read before writing it: `code, key, answer` triples (`code` as in `StateRecorder.read`). */
  readonly reads: readonly unknown[];
  /** What it left in the tables: `table, key, present, value` quadruples. */
  readonly writes: readonly unknown[];
  readonly drafts: readonly RecordedDraft[];
  readonly conditions: readonly Condition[];
  readonly patches: readonly Patch[];
}

/** The first index after the state's tables: the facts a statement can ask about, by index (`FACT_INDEX`). */
export const FACT_BASE = 16;

/** The facts a statement's reading asks about by name, by index (a recorded read's code is index × 4 + its kind). */
export const FACT_INDEX = {
  nowVariables: FACT_BASE,
  expiryVariables: FACT_BASE + 1,
  dueTimes: FACT_BASE + 2,
  lifetimeVariables: FACT_BASE + 3,
  tokenFunctions: FACT_BASE + 4,
  calledInLoops: FACT_BASE + 5,
  tokenVariables: FACT_BASE + 6,
  nowUnits: FACT_BASE + 7,
  documentConstants: FACT_BASE + 8,
  documentJitter: FACT_BASE + 9,
  documentStrings: FACT_BASE + 10,
  documentAssigned: FACT_BASE + 11,
} as const;

/** A table of facts as a recorded read asks it again: by name, or whether it is empty. */
export type FactSource = NameSet | NameLookup<unknown>;

/** Records one top-level statement at a time (the state's tables report to it while it is the state's recorder). */
export class StatementRecorder implements StateRecorder {
  reads: unknown[] = [];
  patches: Patch[] = [];
  /** Events made by the statement being read. */
  made = new Set<FlowEvent>();
  /** False once the statement did something a record cannot replay (see `unreplayable`). */
  replayable = true;
  /** Keys written, per open scope (outermost first), per table. */
  private written: (Set<unknown> | undefined)[][] = [[]];

  /** Starts a new statement. */
  begin(): void {
    this.reads = [];
    this.patches = [];
    this.made = new Set();
    this.replayable = true;
    this.written = [[]];
  }

  read(code: number, key: unknown, value: unknown): void {
    const table = code >> 2;
    if (table < FACT_BASE) {
      // What this statement wrote itself (in a scope still open, or outside every scope) is not a dependency.
      for (const level of this.written) if (level[table]?.has(key)) return;
    }
    this.reads.push(code, key, value);
  }

  wrote(table: number, key: unknown): void {
    const level = this.written[this.written.length - 1]!;
    const keys = level[table] ?? new Set();
    level[table] = keys;
    keys.add(key);
  }

  enterScope(): void {
    this.written.push([]);
  }

  leaveScope(): void {
    // What a scope wrote is undone when it ends: later reads of those keys read what was there before.
    this.written.pop();
  }

  /** The statement read a table of facts whole (not by name): its record is not replayed. */
  unreplayable(): void {
    this.replayable = false;
  }

  /** What the statement left in the tables, as `StatementRecord.writes`. */
  writesIn(state: FlowState): unknown[] {
    const out: unknown[] = [];
    const tables = state.tables;
    const outer = this.written[0]!;
    for (let table = 0; table < outer.length; table++) {
      const keys = outer[table];
      if (!keys) continue;
      const t = tables[table]!;
      for (const key of keys) {
        if (t instanceof Map) {
          const present = Map.prototype.has.call(t, key);
          out.push(table, key, present, present ? Map.prototype.get.call(t, key) : undefined);
        } else {
          out.push(table, key, Set.prototype.has.call(t, key), undefined);
        }
      }
    }
    return out;
  }
}

/** A set of facts that reports what is asked of it to the state's recorder. */
class RecordedNames implements ReadonlySet<string> {
  constructor(
    private readonly names: ReadonlySet<string>,
    private readonly index: number,
    private readonly state: FlowState,
  ) {}

  get size(): number {
    const size = this.names.size;
    this.state.recorder?.read(this.index * 4 + READ.empty, null, size === 0);
    return size;
  }

  has(name: string): boolean {
    const answer = this.names.has(name);
    this.state.recorder?.read(this.index * 4 + READ.has, name, answer);
    return answer;
  }

  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    this.whole();
    for (const name of this.names) fn(name, name, this);
  }

  entries(): SetIterator<[string, string]> {
    this.whole();
    return this.names.entries();
  }

  keys(): SetIterator<string> {
    this.whole();
    return this.names.keys();
  }

  values(): SetIterator<string> {
    this.whole();
    return this.names.values();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  private whole(): void {
    (this.state.recorder as StatementRecorder | undefined)?.unreplayable();
  }
}

/** A map of facts by name that reports what is asked of it to the state's recorder. */
class RecordedValues<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly values_: ReadonlyMap<string, V>,
    private readonly index: number,
    private readonly state: FlowState,
  ) {}

  get size(): number {
    const size = this.values_.size;
    this.state.recorder?.read(this.index * 4 + READ.empty, null, size === 0);
    return size;
  }

  get(name: string): V | undefined {
    const answer = this.values_.get(name);
    this.state.recorder?.read(this.index * 4 + READ.get, name, answer);
    return answer;
  }

  has(name: string): boolean {
    const answer = this.values_.has(name);
    this.state.recorder?.read(this.index * 4 + READ.has, name, answer);
    return answer;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    this.whole();
    for (const [key, value] of this.values_) fn(value, key, this);
  }

  entries(): MapIterator<[string, V]> {
    this.whole();
    return this.values_.entries();
  }

  keys(): MapIterator<string> {
    this.whole();
    return this.values_.keys();
  }

  values(): MapIterator<V> {
    this.whole();
    return this.values_.values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  private whole(): void {
    (this.state.recorder as StatementRecorder | undefined)?.unreplayable();
  }
}

/** The facts as a recorded reading sees them: every table asked by name reports to the state's recorder. */
export function recordedFacts(facts: SnippetFacts, state: FlowState): SnippetFacts {
  const names = (set: ReadonlySet<string>, index: number): ReadonlySet<string> => new RecordedNames(set, index, state);
  return {
    ...facts,
    nowVariables: names(facts.nowVariables, FACT_INDEX.nowVariables),
    expiryVariables: names(facts.expiryVariables, FACT_INDEX.expiryVariables),
    dueTimes: names(facts.dueTimes, FACT_INDEX.dueTimes),
    lifetimeVariables: names(facts.lifetimeVariables, FACT_INDEX.lifetimeVariables),
    tokenFunctions: names(facts.tokenFunctions, FACT_INDEX.tokenFunctions),
    calledInLoops: names(facts.calledInLoops, FACT_INDEX.calledInLoops),
    tokenVariables: names(facts.tokenVariables, FACT_INDEX.tokenVariables),
    nowUnits: new RecordedValues(facts.nowUnits, FACT_INDEX.nowUnits, state),
  };
}

/** A document-wide lookup that reports what is asked of it. */
export function recordedLookup<V>(lookup: NameLookup<V>, index: number, state: FlowState): NameLookup<V> {
  return {
    get(name) {
      const answer = lookup.get(name);
      state.recorder?.read(index * 4 + READ.get, name, answer);
      return answer;
    },
  };
}

/** A document-wide set of names that reports what is asked of it. */
export function recordedNameSet(set: NameSet, index: number, state: FlowState): NameSet {
  return {
    get size() {
      const size = set.size;
      state.recorder?.read(index * 4 + READ.empty, null, size === 0);
      return size;
    },
    has(name) {
      const answer = set.has(name);
      state.recorder?.read(index * 4 + READ.has, name, answer);
      return answer;
    },
  };
}
