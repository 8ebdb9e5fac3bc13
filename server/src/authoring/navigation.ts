import type { TextRange } from '../common/text-range';
import type { AuthoringDocument } from './authoring-document';
import type { Occurrence } from './symbol-index';

/** A highlighted use of the symbol under the cursor: written (assigned, declared) or read. */
export interface Highlight {
  readonly range: TextRange;
  readonly kind: 'read' | 'write';
}

/**
 * Where the name at `offset` is defined: its declarations and assignments (for a variable every place that assigns it,
 * in any SNIPPET action of an export), in document order. Empty for built-ins and unresolved names.
 */
export function definitionsAt(model: AuthoringDocument, offset: number): TextRange[] {
  const at = model.index.at(offset);
  if (!at) return [];
  return model.index.definitionsOf(at.key).map((o) => o.range);
}

/** Every use of the symbol at `offset`; its declarations and assignments only when `includeDeclaration`. */
export function referencesAt(model: AuthoringDocument, offset: number, includeDeclaration: boolean): TextRange[] {
  const at = model.index.at(offset);
  if (!at) return [];
  return model.index
    .occurrencesOf(at.key)
    .filter((o) => includeDeclaration || !isDefinition(o))
    .map((o) => o.range);
}

/** The symbol's occurrences in this document, each marked as a write or a read. */
export function highlightsAt(model: AuthoringDocument, offset: number): Highlight[] {
  const at = model.index.at(offset);
  if (!at) return [];
  return model.index.occurrencesOf(at.key).map((o) => ({ range: o.range, kind: o.role === 'read' ? 'read' : 'write' }));
}

function isDefinition(occurrence: Occurrence): boolean {
  return occurrence.role === 'declaration' || occurrence.role === 'write';
}
