import type { SnippetFacts } from './facts';

/**
 * What a whole document says about its variables, merged from the facts of each piece of code (a `.snippet` file has
 * one; an export has one per SNIPPET action): an action may use a buffer or a URL that another one set.
 */

/** Values by variable name, as the in-order pass asks for them (a Map is one). */
export interface NameLookup<V> {
  get(name: string): V | undefined;
}

/** Variable names, as the in-order pass asks about them (a Set is one; `size` 0 lets a reader skip asking). */
export interface NameSet {
  readonly size: number;
  has(name: string): boolean;
}

/**
 * What one piece of code agrees on (`documentStringsOf` / `documentConstantsOf` of that piece alone), read from its
 * facts without a merged copy: a `.snippet` file is one piece, and copying every variable per build showed up.
 */
export function agreedValuesOf<V>(piece: ReadonlyMap<string, V | null>): NameLookup<V> {
  return { get: (name) => piece.get(name) ?? undefined };
}

/** Variables assigned a jittered value anywhere in the document. */
export function documentJitterOf(factsList: readonly SnippetFacts[]): Set<string> {
  return new Set(factsList.flatMap((facts) => [...facts.jitterVariables]));
}

/** Variables a document assigns only one string. */
export function documentStringsOf(factsList: readonly SnippetFacts[]): Map<string, string> {
  return merged(factsList.map((facts) => facts.stringAssignments));
}

/** Variables a document assigns only one constant. */
export function documentConstantsOf(factsList: readonly SnippetFacts[]): Map<string, number> {
  return merged(factsList.map((facts) => facts.constantAssignments));
}

/** The variables every piece agrees on: assigned one value (null in a piece means "several values there"). */
function merged<V>(pieces: readonly ReadonlyMap<string, V | null>[]): Map<string, V> {
  const all = new Map<string, V | null>();
  for (const piece of pieces) {
    for (const [name, value] of piece) {
      const previous = all.get(name);
      all.set(name, value === null || (previous !== undefined && previous !== value) ? null : value);
    }
  }
  const out = new Map<string, V>();
  for (const [name, value] of all) if (value !== null) out.set(name, value);
  return out;
}

/** Variables some piece of code assigns, and names the other pieces (an export's other actions) mention. */
export function documentAssignedOf(factsList: readonly SnippetFacts[], mentioned: Iterable<string> = []): Set<string> {
  const assigned = new Set<string>(mentioned);
  for (const facts of factsList) for (const name of facts.assignedNames) assigned.add(name);
  return assigned;
}
