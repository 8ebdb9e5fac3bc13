import type { TextRange } from '../common/text-range';

/** What a name stands for. Variables are script-wide; functions and parameters belong to one piece of code. */
export type SymbolKind = 'variable' | 'function' | 'parameter';

/**
 * How an occurrence uses its symbol:
 * - declaration: `FUNCTION f(p)`, `DYNAMIC o`;
 * - write: `x = …`, `FOR i = …`, `FOREACH item IN …`, `SET x = …`;
 * - update: the root of a member or index assignment, `o.a = …`, `x[2] = …` (the variable already exists);
 * - read: everything else.
 */
export type OccurrenceRole = 'declaration' | 'write' | 'update' | 'read';

/**
 * Where an occurrence is: Snippet code (or a `.studio` line or body), a `{name}` substitution in a parameter of
 * another export action (PLAY prompts, URLs), or a bare name in such a parameter (an IF action's expression, an
 * ASSIGN action's variable) that no edit can safely follow.
 */
export type OccurrencePlace = 'code' | 'substitution' | 'outside';

export interface Occurrence {
  /** The symbol's identity: `var:name`, `fn:<unit>:name`, `param:<unit>:<function start>:name` (folded). */
  readonly key: string;
  readonly kind: SymbolKind;
  /** As written, without a `global:` prefix. */
  readonly name: string;
  /** The name in the document (document offsets, `global:` excluded). */
  readonly range: TextRange;
  readonly role: OccurrenceRole;
  readonly place: OccurrencePlace;
  /** The Snippet unit (export action order); -1 outside Snippet code and in the guide's notation. */
  readonly unit: number;
  /** The export action holding the occurrence. */
  readonly actionId?: number;
}

/** The symbols of one document version: every occurrence of every user-defined name, in document order. */
export class SymbolIndex {
  private readonly byKey = new Map<string, Occurrence[]>();

  constructor(readonly occurrences: readonly Occurrence[]) {
    for (const occurrence of occurrences) {
      const list = this.byKey.get(occurrence.key);
      if (list) list.push(occurrence);
      else this.byKey.set(occurrence.key, [occurrence]);
    }
  }

  /** Every occurrence of a symbol, in document order. */
  occurrencesOf(key: string): readonly Occurrence[] {
    return this.byKey.get(key) ?? [];
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** The occurrence whose name touches `offset` (a cursor just after a name counts, as editors expect). */
  at(offset: number): Occurrence | undefined {
    const list = this.occurrences;
    let low = 0;
    let high = list.length - 1;
    let candidate = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (list[middle]!.range.start <= offset) {
        candidate = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    const found = candidate >= 0 ? list[candidate] : undefined;
    return found && offset <= found.range.end ? found : undefined;
  }

  /** The occurrences that define a symbol: declarations and writes, else member updates (`o.a = 1` only). */
  definitionsOf(key: string): Occurrence[] {
    const all = this.occurrencesOf(key);
    const defining = all.filter((o) => o.role === 'declaration' || o.role === 'write');
    return defining.length > 0 ? defining : all.filter((o) => o.role === 'update');
  }

  /** True when the script assigns the symbol somewhere (any write, declaration or member update). */
  isAssigned(key: string): boolean {
    return this.occurrencesOf(key).some((o) => o.role !== 'read');
  }
}

/** Sorts occurrences into document order and drops exact duplicates (one name seen by two passes). */
export function inDocumentOrder(occurrences: Occurrence[]): Occurrence[] {
  // The walks mostly give them in order already: sort only when they are not.
  let sorted = true;
  for (let i = 1; i < occurrences.length && sorted; i++) {
    sorted = occurrences[i - 1]!.range.start <= occurrences[i]!.range.start;
  }
  if (!sorted) occurrences.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const kept: Occurrence[] = [];
  for (const occurrence of occurrences) {
    const last = kept[kept.length - 1];
    if (last && last.range.start === occurrence.range.start && last.range.end === occurrence.range.end) continue;
    kept.push(occurrence);
  }
  return kept;
}

/** The key of a script variable (Studio names are case-insensitive; `global:` names the same variable). */
export function variableKey(name: string): string {
  return `var:${name.replace(/^global:/i, '').toLowerCase()}`;
}
