import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * A value computed from one version of a document, kept for the few most recently used documents
 * (the JSON language server's `languageModelCache`). Hover, code actions and diagnostics of one
 * version share one parse; a new version or language id recomputes it.
 */
export interface LanguageModelCache<T> {
  get(document: TextDocument): T;
  onDocumentRemoved(uri: string): void;
  dispose(): void;
}

/** How much is kept: at most `maxEntries` values, and (optionally) values whose documents weigh `maxWeight` in all. */
export interface CacheLimits {
  readonly maxEntries: number;
  /** The total weight kept; the most recently used value is kept whatever it weighs. */
  readonly maxWeight?: number;
  /** A document's weight, taken when its value is computed (e.g. its length: what it keeps grows with it). */
  readonly weigh?: (document: TextDocument) => number;
}

interface Entry<T> {
  readonly version: number;
  readonly languageId: string;
  readonly weight: number;
  readonly model: T;
}

export function createLanguageModelCache<T>(
  limits: CacheLimits,
  /** `previous`: the value of this document's last cached version, for computations that reuse what did not change. */
  compute: (document: TextDocument, previous: T | undefined) => T,
): LanguageModelCache<T> {
  const { maxEntries, maxWeight = Number.POSITIVE_INFINITY, weigh } = limits;
  // A Map iterates in insertion order: re-inserting on every hit makes the first key the least recently used.
  const entries = new Map<string, Entry<T>>();
  let totalWeight = 0;
  const remove = (uri: string): void => {
    const entry = entries.get(uri);
    if (!entry) return;
    totalWeight -= entry.weight;
    entries.delete(uri);
  };
  return {
    get(document) {
      const hit = entries.get(document.uri);
      if (hit && hit.version === document.version && hit.languageId === document.languageId) {
        entries.delete(document.uri);
        entries.set(document.uri, hit);
        return hit.model;
      }
      const model = compute(document, hit?.languageId === document.languageId ? hit.model : undefined);
      remove(document.uri);
      const weight = weigh?.(document) ?? 0;
      entries.set(document.uri, { version: document.version, languageId: document.languageId, weight, model });
      totalWeight += weight;
      while (entries.size > maxEntries || (entries.size > 1 && totalWeight > maxWeight)) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        remove(oldest);
      }
      return model;
    },
    onDocumentRemoved(uri) {
      remove(uri);
    },
    dispose() {
      entries.clear();
      totalWeight = 0;
    },
  };
}
