import type { ParsedDocument } from '../documents/parsed-document';
import { actionParameterOccurrences } from './action-parameters';
import { type SnippetUnit, snippetUnitsOf } from './code-units';
import { guideOccurrences } from './guide-symbols';
import { type ObjectMembers, objectMembersOf } from './object-members';
import { snippetOccurrences } from './snippet-symbols';
import { inDocumentOrder, SymbolIndex } from './symbol-index';

/**
 * What the authoring features share for one parsed document: its units of Snippet code, its symbol index and what
 * its variables hold. Each part is computed on first use and kept for as long as the parsed document lives (one per
 * document version; analyses of the same version under other settings share it).
 */
export class AuthoringDocument {
  private unitsCache: SnippetUnit[] | undefined;
  private indexCache: SymbolIndex | undefined;
  private membersCache: ObjectMembers | undefined;
  private readonly memos = new Map<string, unknown>();

  constructor(readonly document: ParsedDocument) {}

  get text(): string {
    return this.document.text;
  }

  get units(): readonly SnippetUnit[] {
    this.unitsCache ??= snippetUnitsOf(this.document);
    return this.unitsCache;
  }

  get index(): SymbolIndex {
    this.indexCache ??= this.buildIndex();
    return this.indexCache;
  }

  get members(): ObjectMembers {
    this.membersCache ??= objectMembersOf(this.units);
    return this.membersCache;
  }

  /** A whole-document answer (the Outline, the semantic tokens), computed once for this document version. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  private buildIndex(): SymbolIndex {
    const { document } = this;
    if (document.kind === 'guide') return new SymbolIndex(inDocumentOrder(guideOccurrences(document)));
    const occurrences = snippetOccurrences(this.units, document.text);
    if (document.kind === 'export') {
      const assigned = new Set<string>();
      for (const o of occurrences) if (o.kind === 'variable' && o.role !== 'read') assigned.add(o.key);
      occurrences.push(...actionParameterOccurrences(document, assigned));
    }
    return new SymbolIndex(inDocumentOrder(occurrences));
  }
}

const CACHE = new WeakMap<ParsedDocument, AuthoringDocument>();

/** The authoring model of a parsed document, built once per parsed document. */
export function authoringOf(document: ParsedDocument): AuthoringDocument {
  let found = CACHE.get(document);
  if (!found) {
    found = new AuthoringDocument(document);
    CACHE.set(document, found);
  }
  return found;
}
