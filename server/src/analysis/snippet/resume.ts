import type { Settings } from '../../common/settings';
import type * as A from '../../syntax/snippet/ast';
import type { FlowModel } from '../model/flow-model';
import type { SnippetFacts } from './facts';
import type { Checkpoints, UnitBuild } from './unit-build';

/**
 * Resuming a `.snippet` file's lowering from the previous version's. The in-order pass reads the top-level
 * statements one after the other; what it knows before statement i (the state, the events and conditions so far)
 * depends only on statements 0…i-1 and on what the document's facts say of the names they ask about. So when a new
 * version starts with the same statements (the same syntax objects: syntax/snippet/reuse.ts keeps those before an
 * edit), the previous lowering is rolled back to the first statement that is not the same (`UnitBuild.resumed`), or
 * to an earlier one that may ask about a name the facts now say something else of, and only the rest is read. Rules
 * run on the whole unit as before; a property test compares every resumed unit with a lowering from scratch
 * (test/unit/service/incremental-snippet.test.ts).
 *
 * Which statement asks about a name first is not noted while lowering (a note per read cost more than resuming saved
 * on short files). A statement asks only about names written in it or in the statements before it (its own
 * variables, or what the state learned from earlier statements: a URL template's variables, a header's token), and
 * the facts are only asked one name at a time; so the first place the name is written at all, in any case, even
 * inside another word or a comment, is at or before the first statement that asks.
 */

/** The name-keyed collections of the facts the lowering asks about, one name at a time. */
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

/** More names said otherwise than this, and the lowering starts over (each costs a search of the text). */
const MAX_CHANGED_NAMES = 64;

/**
 * The names the two facts say something else of, or undefined when there are more than `MAX_CHANGED_NAMES`. A lookup
 * answers a null (several values) as no value, as `agreedValuesOf` does.
 */
export function namesSaidOtherwise(before: SnippetFacts, after: SnippetFacts): Set<string> | undefined {
  const names = new Set<string>();
  for (const fact of SET_FACTS) {
    const a = before[fact];
    const b = after[fact];
    for (const name of a) if (!b.has(name)) names.add(name);
    for (const name of b) if (!a.has(name)) names.add(name);
    if (names.size > MAX_CHANGED_NAMES) return undefined;
  }
  for (const fact of LOOKUP_FACTS) {
    const a: ReadonlyMap<string, unknown> = before[fact];
    const b: ReadonlyMap<string, unknown> = after[fact];
    // By key, then the value: no entry array per name (this runs over every assigned variable per edit).
    for (const name of a.keys()) if ((b.get(name) ?? undefined) !== (a.get(name) ?? undefined)) names.add(name);
    for (const name of b.keys()) if (!a.has(name) && b.get(name) !== null) names.add(name);
    if (names.size > MAX_CHANGED_NAMES) return undefined;
  }
  return names;
}

/** A folded name as the parser makes them (ASCII), or a member path of them (`r.access_token`). */
const SEARCHABLE_NAME = /^[a-z0-9_$]+(?:\.[a-z0-9_$]+)*$/;

/**
 * Where a name (folded) is first written in `text`, in any case, possibly inside a longer word: its first part, for a
 * member path. 0 for a name that cannot be searched that way (a non-ASCII one: folding and the search's case rules
 * could differ), so that nothing is taken over.
 */
function firstWritten(text: string, name: string): number {
  if (!SEARCHABLE_NAME.test(name)) return 0;
  const first = name.split('.', 1)[0]!;
  const at = text.search(new RegExp(first.replace(/\$/g, '\\$'), 'i'));
  return at < 0 ? text.length : at;
}

/** The index of the first statement that ends after `offset` (the one holding it, or the next). */
function statementAtOrAfter(statements: readonly A.Statement[], offset: number): number {
  let low = 0;
  let high = statements.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (statements[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A finished lowering a later version can resume. */
export interface ResumableLowering {
  readonly build: UnitBuild;
  /** Before each top-level statement, then after the last one. */
  readonly checkpoints: Checkpoints;
  /** The top-level statements it read. */
  readonly statements: readonly A.Statement[];
  readonly facts: SnippetFacts;
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
 * The first top-level statement of `statements` (the code `text`, whose facts are `facts`) whose lowering may differ
 * from `earlier`'s: the first that is not the same syntax object, or the first that may ask about a name the facts
 * now say something else of. 0: nothing to resume.
 */
export function resumePoint(
  earlier: ResumableLowering,
  statements: readonly A.Statement[],
  text: string,
  facts: SnippetFacts,
  settings: Settings,
): number {
  if (earlier.settings !== settings) return 0;
  const n = Math.min(earlier.statements.length, statements.length);
  let point = 0;
  while (point < n && earlier.statements[point] === statements[point]) point++;
  if (point === 0) return 0;
  const names = namesSaidOtherwise(earlier.facts, facts);
  if (!names) return 0;
  for (const name of names) point = Math.min(point, statementAtOrAfter(statements, firstWritten(text, name)));
  return point;
}

let resumed = 0;

/** Top-level statements lowerings were resumed after, in this process: tests check that edits resume. */
export function statementsResumed(): number {
  return resumed;
}

export function noteResumed(statements: number): void {
  resumed += statements;
}
