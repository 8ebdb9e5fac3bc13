import type { Settings } from '../../common/settings';
import { shiftedRange, type TextRange } from '../../common/text-range';
import type { CodeUnit, FlowModel } from '../model/flow-model';
import type { NameLookup, NameSet } from '../snippet/document-facts';
import type { IdMarks } from '../snippet/model-ids';

/**
 * What one export model build keeps for the build of the document's next version: an edit inside one SNIPPET action
 * then lowers that action only, and every other unit is the earlier one moved by the edit's length change.
 *
 * A unit depends on its action's code, on the answers it had from the document-wide facts (every action's constants,
 * strings, jitter and assigned names), on the settings, and on the ids handed out before it. When all of them are as
 * they were, lowering it again would give the same unit with every range moved by the same amount: the code's offset
 * map depends on the `<string>` content as written (entities, CDATA, line ends) and nothing else.
 */
export interface ExportModelMemo {
  readonly settings: Settings;
  /** By unit, in file order. */
  readonly actions: readonly ActionUnitRecord[];
}

/** The facts every unit of an export is lowered with. */
export interface DocumentFacts {
  readonly documentConstants: ReadonlyMap<string, number>;
  readonly documentJitter: ReadonlySet<string>;
  readonly documentStrings: ReadonlyMap<string, string>;
  readonly documentAssigned: ReadonlySet<string>;
}

/** One SNIPPET action's unit and what it was lowered from. */
export interface ActionUnitRecord {
  /** The `<string>` content as the file writes it (the code's offset map is a function of it). */
  readonly source: string;
  readonly contentStart: number;
  readonly label: string;
  readonly idsBefore: IdMarks;
  readonly idsAfter: IdMarks;
  /** What lowering it asked of the document-wide facts, and the answers. */
  readonly reads: readonly FactRead[];
  readonly unit: CodeUnit;
}

const memos = new WeakMap<FlowModel, ExportModelMemo>();

export function rememberExportModel(model: FlowModel, memo: ExportModelMemo): void {
  memos.set(model, memo);
}

/** The memo of an export model built by `extractExportModelSteps`; undefined for any other model. */
export function exportModelMemoOf(model: FlowModel): ExportModelMemo | undefined {
  return memos.get(model);
}

/** The earlier unit, when this action's unit would be lowered to the same one (moved); else undefined. */
export function reusableUnit(
  earlier: ActionUnitRecord | undefined,
  current: { source: string; contentStart: number; label: string; unitId: number; idsBefore: IdMarks },
  facts: DocumentFacts,
): CodeUnit | undefined {
  if (
    !earlier ||
    earlier.unit.id !== current.unitId ||
    earlier.label !== current.label ||
    earlier.idsBefore.conditions !== current.idsBefore.conditions ||
    earlier.idsBefore.calls !== current.idsBefore.calls ||
    earlier.source !== current.source ||
    !sameAnswers(earlier.reads, facts)
  ) {
    return undefined;
  }
  return movedUnit(earlier.unit, current.contentStart - earlier.contentStart);
}

/** One answer a unit's lowering had from the document-wide facts. */
interface FactRead {
  readonly table: keyof DocumentFacts;
  readonly name: string;
  readonly answer: unknown;
}

/** The facts as one unit's lowering sees them, and every answer they gave it. */
export interface RecordedFacts {
  readonly facts: {
    readonly documentConstants: NameLookup<number>;
    readonly documentStrings: NameLookup<string>;
    readonly documentJitter: NameSet;
    readonly documentAssigned: NameSet;
  };
  readonly reads: readonly FactRead[];
}

/**
 * The document facts, recording what is asked of them: a unit lowered again would ask the same questions in the same
 * order until an answer differs, so it comes out the same while every recorded answer stays (`sameAnswers`).
 */
export function recordingFacts(facts: DocumentFacts): RecordedFacts {
  const reads: FactRead[] = [];
  const lookup = <V>(table: 'documentConstants' | 'documentStrings', map: ReadonlyMap<string, V>): NameLookup<V> => ({
    get(name) {
      const answer = map.get(name);
      reads.push({ table, name, answer });
      return answer;
    },
  });
  const nameSet = (table: 'documentJitter' | 'documentAssigned', set: ReadonlySet<string>): NameSet => ({
    size: set.size,
    has(name) {
      const answer = set.has(name);
      reads.push({ table, name, answer });
      return answer;
    },
  });
  return {
    facts: {
      documentConstants: lookup('documentConstants', facts.documentConstants),
      documentStrings: lookup('documentStrings', facts.documentStrings),
      documentJitter: nameSet('documentJitter', facts.documentJitter),
      documentAssigned: nameSet('documentAssigned', facts.documentAssigned),
    },
    reads,
  };
}

/** Whether the facts give every recorded answer again. */
export function sameAnswers(reads: readonly FactRead[], facts: DocumentFacts): boolean {
  for (const { table, name, answer } of reads) {
    const now =
      table === 'documentConstants' || table === 'documentStrings' ? facts[table].get(name) : facts[table].has(name);
    if (now !== answer) return false;
  }
  return true;
}

/**
 * The unit with every range moved by `delta`. Every `{ start, end }` in a unit is a document range (ARCHITECTURE.md,
 * invariant 2), wherever it sits (an event's range, a condition's comparison, a secret's value), so the copy moves
 * them all without knowing the fields; a list shared inside the unit (one guard list for a branch's events) stays
 * shared in the copy. Units hold no cycles.
 */
export function movedUnit(unit: CodeUnit, delta: number): CodeUnit {
  if (delta === 0) return unit;
  return moved(unit, delta, new Map()) as CodeUnit;
}

/** `{ start, end }` with numbers and nothing else (counted without making a key list: this runs per event). */
function isRange(value: object): value is TextRange {
  let keys = 0;
  for (const key in value) {
    if (++keys > 2 || (key !== 'start' && key !== 'end')) return false;
  }
  return keys === 2 && typeof (value as TextRange).start === 'number' && typeof (value as TextRange).end === 'number';
}

function moved(value: object, delta: number, lists: Map<object, unknown[]>): unknown {
  if (Array.isArray(value)) {
    const known = lists.get(value);
    if (known) return known;
    const items: unknown[] = new Array(value.length);
    lists.set(value, items);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      items[i] = typeof item === 'object' && item !== null ? moved(item, delta, lists) : item;
    }
    return items;
  }
  if (isRange(value)) return shiftedRange(value, delta);
  // A spread copies an object literal in one step; then only its object fields are visited.
  const copy: Record<string, unknown> = { ...value };
  for (const key in copy) {
    const field = copy[key];
    if (typeof field === 'object' && field !== null) copy[key] = moved(field, delta, lists);
  }
  return copy;
}
