import type { Settings } from '../../common/settings';
import type { Steps } from '../../common/steps';
import type { TextRange } from '../../common/text-range';
import { commonPrefixLength, commonSuffixLength } from '../../common/common-ends';
import { forEachChild, type AstNode, type Program, type Statement } from '../../syntax/snippet/ast';
import type { Condition, FlowEvent, FlowModel, TokenUseEvent } from '../model/flow-model';
import type { Writable } from './flow-state';
import type { SnippetFacts } from './facts';
import {
  FACT_BASE,
  FACT_INDEX,
  type FactSource,
  type Patch,
  type RecordedDraft,
  type StatementRecord,
} from './statement-record';
import { readStatement } from './statements';
import { TOP, type UnitBuild } from './unit-build';

/**
 * An edit of a `.snippet` reads again only the top-level statements it touched, and those whose recorded reads now
 * answer differently; every other statement's events, conditions and writes to the state are taken over from the
 * previous version's record, each range moved past the edit (statement-record.ts says why that gives what reading
 * the statement again would). Property tests compare with a from-scratch build after every edit of random sequences.
 */

/** What a `.snippet` model build keeps for the build of the document's next version. */
export interface SnippetModelMemo {
  readonly settings: Settings;
  readonly code: string;
  readonly facts: SnippetFacts;
  /** By top-level statement, in source order. */
  readonly records: readonly StatementRecord[];
}

const memos = new WeakMap<FlowModel, SnippetModelMemo>();

export function rememberSnippetModel(model: FlowModel, memo: SnippetModelMemo): void {
  memos.set(model, memo);
}

export function snippetModelMemoOf(model: FlowModel): SnippetModelMemo | undefined {
  return memos.get(model);
}

/**
 * Where the previous version's offsets are in the new text. The changed span is widened by one character on each
 * side, so that a range that ends where text was inserted (or starts there) counts as touched: every offset kept
 * lies clearly before the edit or clearly after it.
 */
export class EditMap {
  /** Offsets up to here are the same in both versions. */
  private readonly before: number;
  /** Offsets from here on (in the previous version) move by `delta`. */
  private readonly after: number;
  readonly delta: number;

  constructor(previous: string, next: string) {
    const prefix = commonPrefixLength(previous, next);
    const suffix = commonSuffixLength(previous, next, Math.min(previous.length, next.length) - prefix);
    this.before = Math.max(0, prefix - 1);
    this.after = previous.length - Math.max(0, suffix - 1);
    this.delta = next.length - previous.length;
  }

  /** A previous range in the new text, or undefined when the edit touched it. */
  range(start: number, end: number): TextRange | undefined {
    if (end <= this.before) return { start, end };
    if (start >= this.after) return { start: start + this.delta, end: end + this.delta };
    return undefined;
  }

  /** A previous offset (a sort key) in the new text, or undefined when the edit touched it. */
  offset(at: number): number | undefined {
    if (at <= this.before) return at;
    if (at >= this.after) return at + this.delta;
    return undefined;
  }

  /** How far a new range moved from where it was in the previous text, or undefined when the edit touched it. */
  shiftOf(start: number, end: number): number | undefined {
    if (end <= this.before) return 0;
    if (start >= this.after + this.delta) return this.delta;
    return undefined;
  }
}

/** The previous version's records, how its offsets moved, and which facts answer differently now. */
export interface EarlierStatements {
  readonly records: readonly StatementRecord[];
  readonly edit: EditMap;
  /** By fact index (`FACT_INDEX`): the names whose answer changed (null: whether it is empty). */
  readonly changedFacts: readonly (ReadonlySet<unknown> | undefined)[];
}

export function earlierStatementsOf(memo: SnippetModelMemo, code: string, facts: SnippetFacts): EarlierStatements {
  return { records: memo.records, edit: new EditMap(memo.code, code), changedFacts: changedFacts(memo.facts, facts) };
}

/**
 * The names each fact answers differently for in the new version (by `FACT_INDEX`, as extract.ts hands the facts to
 * the unit: the document tables of a `.snippet` are its own facts).
 */
function changedFacts(earlier: SnippetFacts, now: SnippetFacts): (Set<unknown> | undefined)[] {
  const out: (Set<unknown> | undefined)[] = [];
  const names = (index: number, a: ReadonlySet<string>, b: ReadonlySet<string>): void => {
    if (a === b) return;
    const changed = new Set<unknown>();
    for (const name of a) if (!b.has(name)) changed.add(name);
    for (const name of b) if (!a.has(name)) changed.add(name);
    if ((a.size === 0) !== (b.size === 0)) changed.add(null);
    if (changed.size > 0) out[index] = changed;
  };
  const values = <V>(index: number, a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): void => {
    if (a === b) return;
    const changed = new Set<unknown>();
    for (const [name, value] of a) if (b.get(name) !== value || !b.has(name)) changed.add(name);
    for (const name of b.keys()) if (!a.has(name)) changed.add(name);
    if ((a.size === 0) !== (b.size === 0)) changed.add(null);
    if (changed.size > 0) out[index] = changed;
  };
  names(FACT_INDEX.nowVariables, earlier.nowVariables, now.nowVariables);
  names(FACT_INDEX.expiryVariables, earlier.expiryVariables, now.expiryVariables);
  names(FACT_INDEX.dueTimes, earlier.dueTimes, now.dueTimes);
  names(FACT_INDEX.lifetimeVariables, earlier.lifetimeVariables, now.lifetimeVariables);
  names(FACT_INDEX.tokenFunctions, earlier.tokenFunctions, now.tokenFunctions);
  names(FACT_INDEX.calledInLoops, earlier.calledInLoops, now.calledInLoops);
  names(FACT_INDEX.tokenVariables, earlier.tokenVariables, now.tokenVariables);
  values(FACT_INDEX.nowUnits, earlier.nowUnits, now.nowUnits);
  values(FACT_INDEX.documentConstants, earlier.constantAssignments, now.constantAssignments);
  names(FACT_INDEX.documentJitter, earlier.jitterVariables, now.jitterVariables);
  values(FACT_INDEX.documentStrings, earlier.stringAssignments, now.stringAssignments);
  names(FACT_INDEX.documentAssigned, earlier.assignedNames, now.assignedNames);
  return out;
}

/** Top-level statements read or taken over between two pause points. */
const STATEMENTS_PER_STEP = 64;

/**
 * Reads the program's top-level statements, recording each, and takes each one over from the previous version's
 * record where it can.
 *
 * What may differ from the previous version at the statement being read is kept as a set of keys per table (and the
 * facts that answer differently): a key goes in when a statement read again writes it, or a previous statement that
 * was not taken over had written it, and comes out when a statement taken over writes it, or reads it and finds what
 * was recorded. Every key outside the set holds what it held at the same point of the previous version, so a recorded
 * read of such a key needs no check: only reads of keys in the set are asked again.
 */
export function* readRecordedStatements(
  build: UnitBuild,
  program: Program,
  earlier: EarlierStatements | undefined,
  records: StatementRecord[],
): Steps<void> {
  const body = program.body;
  const replay = earlier ? new Replay(build, program, earlier.edit, earlier.changedFacts) : undefined;
  const list = earlier?.records ?? [];
  /** Previous records before this one were taken over, or their writes are in the changed set. */
  let settled = 0;
  let next = 0;
  for (let i = 0; i < body.length; i++) {
    const s = body[i]!;
    let record: StatementRecord | undefined;
    if (earlier && replay) {
      const shift = earlier.edit.shiftOf(s.range.start, s.range.end);
      if (shift !== undefined) {
        const start = s.range.start - shift;
        while (next < list.length && list[next]!.start < start) next++;
        const candidate = list[next];
        if (candidate && candidate.start === start && candidate.end === s.range.end - shift) {
          // The previous statements in between were not taken over: what they wrote may differ now.
          for (; settled < next; settled++) replay.changed(list[settled]!.writes);
          settled = next + 1;
          record = replay.of(candidate, s);
          if (!record) replay.changed(candidate.writes);
        }
      }
    }
    if (!record) {
      record = readRecorded(build, s);
      replay?.changed(record.writes);
    }
    records.push(record);
    if (i % STATEMENTS_PER_STEP === STATEMENTS_PER_STEP - 1 && i + 1 < body.length) yield;
  }
}

let statementsRead = 0;

/** How many top-level statements have been read with the recorder on in this process (tests: which were taken over). */
export function recordedStatementsRead(): number {
  return statementsRead;
}

/** Reads one top-level statement with the recorder on, and makes its record. */
function readRecorded(build: UnitBuild, s: Statement): StatementRecord {
  statementsRead++;
  const recorder = build.recorder!;
  const ids = build.options.ids;
  const idsBefore = ids.marks();
  const firstDraft = build.draftCount;
  const firstCondition = build.conditions.length;
  recorder.begin();
  build.state.recorder = recorder;
  try {
    readStatement(build, s, TOP);
  } finally {
    build.state.recorder = undefined;
  }
  const writes = recorder.writesIn(build.state);
  if (!recorder.replayable) {
    return {
      start: s.range.start,
      end: s.range.end,
      replayable: false,
      idsBefore,
      idsAfter: ids.marks(),
      reads: [],
      writes,
      drafts: [],
      conditions: [],
      patches: [],
    };
  }
  return {
    start: s.range.start,
    end: s.range.end,
    replayable: true,
    idsBefore,
    idsAfter: ids.marks(),
    reads: recorder.reads,
    writes,
    drafts: build.draftsFrom(firstDraft).map(({ event, key }) => ({ event, key, patchable: patchableOf(event) })),
    conditions: build.conditions.slice(firstCondition),
    patches: recorder.patches,
  };
}

/** A value a record cannot be moved with (it reached into the edit, or into something not taken over). */
const UNMOVABLE = Symbol('unmovable');

/** Takes statements over from the previous version's records into one build. */
class Replay {
  /** The previous version's events taken over so far, and their copies in this build. */
  private readonly copies = new Map<FlowEvent, FlowEvent>();
  // Per statement (cleared by `of`): events read from the state that were made by statements read again (the
  // recorded one and the one now), the statement's own events and their copies, and lists copied once.
  private readonly matches = new Map<FlowEvent, FlowEvent>();
  private readonly made = new Map<FlowEvent, FlowEvent>();
  private readonly lists = new Map<object, unknown>();
  /** The statement being taken over, as this version's tree has it. */
  private statement: Statement | undefined;

  /** By table index, then by fact index: the keys that may differ from the previous version here (null: emptiness). */
  private readonly dirty: (Set<unknown> | undefined)[] = [];
  /** Dirty keys of the statement being taken over that it read and found as recorded. */
  private readonly confirmed: unknown[] = [];

  constructor(
    private readonly build: UnitBuild,
    private readonly program: Program,
    private readonly edit: EditMap,
    changedFacts: readonly (ReadonlySet<unknown> | undefined)[],
  ) {
    changedFacts.forEach((names, index) => {
      if (names) this.dirty[index] = new Set(names);
    });
  }

  /** A statement's writes (`StatementRecord.writes`) may differ from the previous version's from here on. */
  changed(writes: readonly unknown[]): void {
    for (let i = 0; i < writes.length; i += 4) {
      const table = writes[i] as number;
      const set = this.dirty[table] ?? new Set();
      this.dirty[table] = set;
      set.add(writes[i + 1]);
      set.add(null); // whether the table is empty may differ too
    }
  }

  /** Takes the statement over when every read answers as recorded: its new record; undefined to read it again. */
  of(record: StatementRecord, statement: Statement): StatementRecord | undefined {
    const build = this.build;
    const ids = build.options.ids;
    if (!record.replayable || !ids.isAt(record.idsBefore)) return undefined;
    this.statement = statement;
    const { matches, made, lists, dirty, confirmed } = this;
    matches.clear();
    made.clear();
    lists.clear();
    confirmed.length = 0;
    // Only a read of a key that may have changed is asked again. The new record holds what is read now (this
    // version's nodes and events): the list is copied only if a value is an object (most reads answer a name, a
    // number or a flag).
    let reads = record.reads;
    for (let i = 0; i < reads.length; i += 3) {
      const code = record.reads[i] as number;
      const key = record.reads[i + 1];
      const earlier = record.reads[i + 2];
      const keys = dirty[code >> 2];
      let now: unknown;
      if (keys?.has(key)) {
        now = answerOf(build, code, key);
        if (now !== earlier && !this.same(earlier, now)) return undefined;
        if (code >> 2 < FACT_BASE) confirmed.push(code >> 2, key);
      } else if (typeof earlier === 'object' && earlier !== null) {
        now = answerOf(build, code, key);
      } else continue;
      if (now === earlier) continue;
      if (reads === record.reads) reads = record.reads.slice();
      (reads as unknown[])[i + 2] = now;
    }
    const drafts: RecordedDraft[] = new Array(record.drafts.length);
    for (let i = 0; i < drafts.length; i++) {
      const draft = record.drafts[i]!;
      const event = this.moved(draft.event) as Writable<FlowEvent> | typeof UNMOVABLE;
      const key = this.edit.offset(draft.key);
      if (event === UNMOVABLE || key === undefined) return undefined;
      // As it was when its statement ended: later statements patch it again if they still do.
      restorePatchable(event, draft.patchable);
      made.set(draft.event, event);
      drafts[i] = { event, key, patchable: draft.patchable };
    }
    const conditions: Condition[] = new Array(record.conditions.length);
    for (let i = 0; i < conditions.length; i++) {
      const moved = this.moved(record.conditions[i]!) as Condition | typeof UNMOVABLE;
      if (moved === UNMOVABLE) return undefined;
      conditions[i] = moved;
    }
    let writes = record.writes;
    for (let i = 0; i < writes.length; i += 4) {
      const value = record.writes[i + 3];
      if (typeof value !== 'object' || value === null) continue;
      const now = this.translated(value);
      if (now === UNMOVABLE) return undefined;
      if (now === value) continue;
      if (writes === record.writes) writes = record.writes.slice();
      (writes as unknown[])[i + 3] = now;
    }
    let patches = record.patches;
    for (let i = 0; i < patches.length; i++) {
      const patch = record.patches[i]!;
      if (patch.kind === 'token-request') continue;
      const use = this.copies.get(patch.use) ?? matches.get(patch.use);
      if (!use) return undefined;
      if (patches === record.patches) patches = record.patches.slice();
      (patches as Patch[])[i] = { kind: 'use-call', use, callId: patch.callId };
    }

    // Every check passed: the statement's part goes into the build as reading it would have put it.
    for (const draft of drafts) build.pushTakenOver(draft.event, draft.key);
    for (const condition of conditions) build.conditions.push(condition);
    // Only token uses are read from the state later (waiting for their call) or patched by later statements.
    for (const [earlier, copy] of made) if (copy.kind === 'token-use') this.copies.set(earlier, copy);
    for (let i = 0; i < confirmed.length; i += 2) dirty[confirmed[i] as number]!.delete(confirmed[i + 1]);
    const tables = build.state.tables;
    for (let i = 0; i < writes.length; i += 4) {
      const table = tables[writes[i] as number]!;
      const key = writes[i + 1];
      // It now holds what the previous version's statement left there.
      dirty[writes[i] as number]?.delete(key);
      if (table instanceof Map) {
        if (writes[i + 2]) Map.prototype.set.call(table, key, writes[i + 3]);
        else Map.prototype.delete.call(table, key);
      } else if (writes[i + 2]) Set.prototype.add.call(table, key);
      else Set.prototype.delete.call(table, key);
    }
    for (const patch of patches) {
      if (patch.kind === 'token-request') {
        const call = build.calls.get(patch.callId);
        if (call) call.isTokenRequest = true;
      } else {
        (patch.use as Writable<TokenUseEvent>).callId = patch.callId;
      }
    }
    ids.continueAfter(record.idsAfter);
    const shift = this.edit.offset(record.start)! - record.start;
    return {
      start: record.start + shift,
      end: record.end + shift,
      replayable: true,
      idsBefore: record.idsBefore,
      idsAfter: record.idsAfter,
      reads,
      writes,
      drafts,
      conditions,
      patches,
    };
  }

  /**
   * Whether a value read now is the one recorded, moved: the same primitives, lists, maps and objects; a syntax node
   * of the same kind at the moved place (the same text, so the same node); an event taken over from the recorded one,
   * or one with the same fields moved (its `order` is only given when the unit is finished).
   */
  private same(earlier: unknown, now: unknown): boolean {
    if (earlier === now) return true;
    if (typeof earlier !== 'object' || typeof now !== 'object' || earlier === null || now === null) return false;
    if (Array.isArray(earlier)) {
      if (!Array.isArray(now) || now.length !== earlier.length) return false;
      for (let i = 0; i < earlier.length; i++) if (!this.same(earlier[i], now[i])) return false;
      return true;
    }
    if (earlier instanceof Map) {
      if (!(now instanceof Map) || now.size !== earlier.size) return false;
      for (const [key, value] of earlier) if (!now.has(key) || !this.same(value, now.get(key))) return false;
      return true;
    }
    const a = earlier as Record<string, unknown>;
    const b = now as Record<string, unknown>;
    if (isEvent(a)) {
      if ((this.copies.get(a as unknown as FlowEvent) as unknown) === b) return true;
      if (!isEvent(b) || !this.sameFields(a, b, 'order')) return false;
      this.matches.set(a as unknown as FlowEvent, b as unknown as FlowEvent);
      return true;
    }
    if (isNode(a)) {
      const range = a.range as TextRange;
      const moved = this.edit.range(range.start, range.end);
      const at = b.range as TextRange | undefined;
      return moved !== undefined && b.kind === a.kind && at?.start === moved.start && at.end === moved.end;
    }
    if (isRange(a)) {
      const moved = this.edit.range(a.start as number, a.end as number);
      return moved !== undefined && moved.start === b.start && moved.end === b.end;
    }
    return this.sameFields(a, b);
  }

  private sameFields(a: Record<string, unknown>, b: Record<string, unknown>, except?: string): boolean {
    let count = 0;
    for (const key in a) {
      if (key === except) continue;
      count++;
      if (!(key in b) || !this.same(a[key], b[key])) return false;
    }
    for (const key in b) if (key !== except) count--;
    return count === 0;
  }

  /** A copy with every range moved past the edit (a list shared in the record stays shared). */
  private moved(value: object): unknown {
    if (Array.isArray(value)) {
      const known = this.lists.get(value);
      if (known) return known;
      const items: unknown[] = new Array(value.length);
      this.lists.set(value, items);
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) {
          const moved = this.moved(item);
          if (moved === UNMOVABLE) return UNMOVABLE;
          items[i] = moved;
        } else items[i] = item;
      }
      return items;
    }
    if (isRange(value)) return this.edit.range(value.start as number, value.end as number) ?? UNMOVABLE;
    const copy: Record<string, unknown> = { ...value };
    for (const key in copy) {
      const field = copy[key];
      if (typeof field === 'object' && field !== null) {
        const moved = this.moved(field);
        if (moved === UNMOVABLE) return UNMOVABLE;
        copy[key] = moved;
      }
    }
    return copy;
  }

  /**
   * A value the statement left in a table, as this build holds it: a syntax node as the new tree's node at the moved
   * place, an event as its copy here; lists of them likewise. Other values hold no offsets and nothing mutable.
   */
  private translated(value: unknown): unknown {
    if (typeof value !== 'object' || value === null || value instanceof Map) return value;
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const now = this.translated(item);
        if (now === UNMOVABLE) return UNMOVABLE;
        if (now === item) continue;
        out ??= value.slice();
        out[i] = now;
      }
      return out ?? value;
    }
    const object = value as Record<string, unknown>;
    if (isEvent(object)) {
      const event = object as unknown as FlowEvent;
      return this.made.get(event) ?? this.copies.get(event) ?? this.matches.get(event) ?? UNMOVABLE;
    }
    if (isNode(object)) {
      const range = object.range as TextRange;
      const moved = this.edit.range(range.start, range.end);
      if (!moved) return UNMOVABLE;
      // Most often the value the statement itself assigns (`ASSIGN url = "…"`).
      const own = this.statement?.kind === 'Assign' ? this.statement.value : undefined;
      if (own && own.kind === object.kind && own.range.start === moved.start && own.range.end === moved.end) return own;
      return nodeAt(this.program, object.kind as string, moved) ?? UNMOVABLE;
    }
    for (const key in object) {
      const field = object[key];
      if (typeof field === 'object' && field !== null && !(field instanceof Map) && !Array.isArray(field)) {
        // Plain facts (a status source, an expiry fact) hold numbers and names only; anything else is not known here.
        if (isNode(field as Record<string, unknown>) || isEvent(field as Record<string, unknown>) || isRange(field))
          return UNMOVABLE;
      }
    }
    return value;
  }
}

/** The fields later statements may change of an event, as they were when its statement ended. */
export function patchableOf(event: FlowEvent): unknown {
  switch (event.kind) {
    case 'rest-call':
      return event.isTokenRequest;
    case 'token-use':
      return event.callId;
    case 'secret-literal':
      return [event.confidence, event.evidence];
    default:
      return undefined;
  }
}

function restorePatchable(event: Writable<FlowEvent>, patchable: unknown): void {
  switch (event.kind) {
    case 'rest-call':
      event.isTokenRequest = patchable as boolean;
      return;
    case 'token-use':
      if (patchable === undefined) delete event.callId;
      else event.callId = patchable as number;
      return;
    case 'secret-literal': {
      const [confidence, evidence] = patchable as [typeof event.confidence, typeof event.evidence];
      event.confidence = confidence;
      event.evidence = evidence;
      return;
    }
    default:
      return;
  }
}

/** What a recorded read's code asks, asked of this build's tables and facts, without recording it. */
function answerOf(build: UnitBuild, code: number, key: unknown): unknown {
  const index = code >> 2;
  const kind = code & 3;
  if (index < FACT_BASE) {
    const table = build.state.tables[index]!;
    if (table instanceof Map) {
      if (kind === 0) return Map.prototype.get.call(table, key);
      return Map.prototype.has.call(table, key);
    }
    if (kind === 1) return Set.prototype.has.call(table, key);
    return SET_SIZE.call(table) === 0;
  }
  const source: FactSource = build.factSources[index - FACT_BASE]!;
  if (kind === 0) return (source as { get(name: unknown): unknown }).get(key);
  if (kind === 1) return (source as { has(name: unknown): boolean }).has(key);
  return (source as { size: number }).size === 0;
}

const SET_SIZE = Object.getOwnPropertyDescriptor(Set.prototype, 'size')!.get as (this: Set<unknown>) => number;

/** An event of the model (every event names its unit). */
function isEvent(value: Record<string, unknown>): boolean {
  return typeof value.kind === 'string' && typeof value.unit === 'number';
}

/** A syntax node (a kind and a range, no unit). */
function isNode(value: Record<string, unknown>): boolean {
  return typeof value.kind === 'string' && typeof value.range === 'object' && value.unit === undefined;
}

/** `{ start, end }` and nothing else. */
function isRange(value: object): value is { start: unknown; end: unknown } {
  let keys = 0;
  for (const key in value) {
    if (++keys > 2 || (key !== 'start' && key !== 'end')) return false;
  }
  return keys === 2;
}

/** The node of this kind with exactly this range, found by descending from the top-level statement holding it. */
function nodeAt(program: Program, kind: string, range: TextRange): AstNode | undefined {
  const body = program.body;
  let low = 0;
  let high = body.length - 1;
  let node: AstNode | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const s = body[middle]!;
    if (s.range.end < range.end) low = middle + 1;
    else if (s.range.start > range.start) high = middle - 1;
    else {
      node = s;
      break;
    }
  }
  for (let depth = 0; node && depth < 512; depth++) {
    if (node.kind === kind && node.range.start === range.start && node.range.end === range.end) return node;
    SEARCH.range = range;
    SEARCH.found = undefined;
    forEachChild(node, holdingChild);
    node = SEARCH.found;
  }
  return undefined;
}

/** What `holdingChild` looks for, and found (one search at a time: no closure per level). */
const SEARCH: { range: TextRange; found: AstNode | undefined } = { range: { start: 0, end: 0 }, found: undefined };

function holdingChild(child: AstNode): void {
  if (SEARCH.found === undefined && child.range.start <= SEARCH.range.start && child.range.end >= SEARCH.range.end)
    SEARCH.found = child;
}
