import type { Settings } from '../../common/settings';
import type * as A from '../../syntax/snippet/ast';
import type { FlowModel } from '../model/flow-model';
import { agreedValuesOf, type NameLookup, type NameSet } from './document-facts';
import type { LoweringFacts, SnippetFacts } from './facts';
import type { Checkpoint, UnitBuild, UnitOptions } from './unit-build';

/**
 * Resuming a `.snippet` file's lowering from the previous version's. The in-order pass reads the top-level
 * statements one after the other; what it knows before statement i (the state, the events and conditions so far)
 * depends only on statements 0…i-1 and on the answers they got from the facts. So when a new version starts with the
 * same statements (the same syntax objects: syntax/snippet/reuse.ts keeps those before an edit) and the facts give
 * those statements the same answers, the previous lowering is rolled back to the first statement that differs
 * (`UnitBuild.resumed`) and only the rest is read. Rules run on the whole unit as before; a property test compares
 * every resumed unit with a lowering from scratch (test/unit/service/incremental-snippet.test.ts).
 *
 * What the previous lowering's facts were asked is noted per name, with the first top-level statement that asked
 * (`NameReads`): a name whose answer differs in the new facts moves the resume point up to that statement.
 */

/** A name-keyed collection of the facts, as the lowering reads it. */
const SET_FACTS = [
  'nowVariables',
  'tokenVariables',
  'expiryVariables',
  'dueTimes',
  'lifetimeVariables',
  'tokenFunctions',
  'calledInLoops',
  'jitterVariables',
  'assignedNames',
] as const;
const LOOKUP_FACTS = ['nowUnits', 'constantAssignments', 'stringAssignments'] as const;
type SetFact = (typeof SET_FACTS)[number];
type LookupFact = (typeof LOOKUP_FACTS)[number];
type FactName = SetFact | LookupFact;

/** The key a read of a set's size is noted under (no variable name is empty). */
const SIZE = '';

/** Which top-level statement is being read: what a read is noted against. */
interface Cursor {
  at: number;
}

/** The names one collection of the facts was asked about, each with the first top-level statement that asked. */
class NameReads {
  readonly first = new Map<string, number>();

  constructor(private readonly cursor: Cursor) {}

  note(name: string): void {
    if (!this.first.has(name)) this.first.set(name, this.cursor.at);
  }

  /** Forgets what statements from `index` on asked: they are read again. */
  forgetFrom(index: number): void {
    for (const [name, at] of this.first) if (at >= index) this.first.delete(name);
  }
}

class NotedSet implements NameSet {
  constructor(
    private readonly names: NameSet,
    private readonly reads: NameReads,
  ) {}

  get size(): number {
    this.reads.note(SIZE);
    return this.names.size;
  }

  has(name: string): boolean {
    this.reads.note(name);
    return this.names.has(name);
  }
}

class NotedLookup<V> implements NameLookup<V> {
  constructor(
    private readonly values: NameLookup<V>,
    private readonly reads: NameReads,
  ) {}

  get(name: string): V | undefined {
    this.reads.note(name);
    return this.values.get(name);
  }
}

/** Every read of the facts by one lowering and the ones it resumes, per collection. */
export class FactReads {
  private readonly cursor: Cursor = { at: 0 };
  private readonly reads = Object.fromEntries(
    [...SET_FACTS, ...LOOKUP_FACTS].map((name) => [name, new NameReads(this.cursor)]),
  ) as Record<FactName, NameReads>;

  /** The top-level statement the next reads come from. */
  readingStatement(index: number): void {
    this.cursor.at = index;
  }

  forgetFrom(index: number): void {
    for (const name of [...SET_FACTS, ...LOOKUP_FACTS]) this.reads[name].forgetFrom(index);
  }

  /** The first top-level statement that read a name whose answer differs between `before` and `after`. */
  firstAffected(before: SnippetFacts, after: SnippetFacts, limit: number): number {
    let first = limit;
    const affected = (reads: NameReads, name: string): void => {
      const at = reads.first.get(name);
      if (at !== undefined && at < first) first = at;
    };
    for (const fact of SET_FACTS) {
      const reads = this.reads[fact];
      const a = before[fact];
      const b = after[fact];
      if (a === b) continue;
      if (a.size !== b.size) affected(reads, SIZE);
      for (const name of a) if (!b.has(name)) affected(reads, name);
      for (const name of b) if (!a.has(name)) affected(reads, name);
    }
    for (const fact of LOOKUP_FACTS) {
      const reads = this.reads[fact];
      const a: ReadonlyMap<string, unknown> = before[fact];
      const b: ReadonlyMap<string, unknown> = after[fact];
      if (a === b) continue;
      // A null (several values) reads as no value, as `agreedValuesOf` answers.
      for (const [name, value] of a) if ((b.get(name) ?? undefined) !== (value ?? undefined)) affected(reads, name);
      for (const [name, value] of b) if (!a.has(name) && value !== null) affected(reads, name);
    }
    return first;
  }

  /** The facts and the document-wide lookups of one code, each read noted against the statement being read. */
  noting(facts: SnippetFacts): { facts: LoweringFacts; options: Omit<UnitOptions, 'settings' | 'ids' | 'facts'> } {
    const set = (fact: SetFact): NameSet => new NotedSet(facts[fact], this.reads[fact]);
    return {
      facts: {
        nowVariables: set('nowVariables'),
        nowUnits: new NotedLookup(facts.nowUnits, this.reads.nowUnits),
        tokenVariables: set('tokenVariables'),
        expiryVariables: set('expiryVariables'),
        dueTimes: set('dueTimes'),
        lifetimeVariables: set('lifetimeVariables'),
        tokenFunctions: set('tokenFunctions'),
        calledInLoops: set('calledInLoops'),
        valueSummaries: facts.valueSummaries,
        restCallLoopBodies: facts.restCallLoopBodies,
      },
      options: {
        documentConstants: new NotedLookup(agreedValuesOf(facts.constantAssignments), this.reads.constantAssignments),
        documentJitter: set('jitterVariables'),
        documentStrings: new NotedLookup(agreedValuesOf(facts.stringAssignments), this.reads.stringAssignments),
        documentAssigned: set('assignedNames'),
      },
    };
  }
}

/** A finished lowering a later version can resume. */
export interface ResumableLowering {
  readonly build: UnitBuild;
  /** Before each top-level statement, then after the last one. */
  readonly checkpoints: Checkpoint[];
  /** The top-level statements it read. */
  readonly statements: readonly A.Statement[];
  readonly facts: SnippetFacts;
  readonly reads: FactReads;
  readonly settings: Settings;
}

/** By the model it made. Taken once: resuming uses the lowering up (its state is rolled back in place). */
const RESUMABLE = new WeakMap<FlowModel, ResumableLowering>();

export function keepResumable(model: FlowModel, lowering: ResumableLowering): void {
  RESUMABLE.set(model, lowering);
}

export function takeResumable(model: FlowModel): ResumableLowering | undefined {
  const lowering = RESUMABLE.get(model);
  RESUMABLE.delete(model);
  return lowering;
}

/**
 * The first top-level statement of `statements` whose lowering may differ from `earlier`'s: the first that is not the
 * same syntax object, or the first whose reads of the facts get another answer now. 0: nothing to resume.
 */
export function resumePoint(
  earlier: ResumableLowering,
  statements: readonly A.Statement[],
  facts: SnippetFacts,
  settings: Settings,
): number {
  if (earlier.settings !== settings) return 0;
  const n = Math.min(earlier.statements.length, statements.length);
  let same = 0;
  while (same < n && earlier.statements[same] === statements[same]) same++;
  return same === 0 ? 0 : earlier.reads.firstAffected(earlier.facts, facts, same);
}

let resumed = 0;

/** Top-level statements lowerings were resumed after, in this process: tests check that edits resume. */
export function statementsResumed(): number {
  return resumed;
}

export function noteResumed(statements: number): void {
  resumed += statements;
}
