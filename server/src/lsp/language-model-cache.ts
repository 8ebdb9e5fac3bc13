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

interface Entry<T> {
  readonly version: number;
  readonly languageId: string;
  readonly model: T;
}

export function createLanguageModelCache<T>(
  maxEntries: number,
  /** `previous`: the value of this document's last cached version, for computations that reuse what did not change. */
  compute: (document: TextDocument, previous: T | undefined) => T,
): LanguageModelCache<T> {
  // A Map iterates in insertion order: re-inserting on every hit makes the first key the least recently used.
  const entries = new Map<string, Entry<T>>();
  return {
    get(document) {
      const hit = entries.get(document.uri);
      if (hit && hit.version === document.version && hit.languageId === document.languageId) {
        entries.delete(document.uri);
        entries.set(document.uri, hit);
        return hit.model;
      }
      const model = compute(document, hit?.languageId === document.languageId ? hit.model : undefined);
      entries.delete(document.uri);
      entries.set(document.uri, { version: document.version, languageId: document.languageId, model });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return model;
    },
    onDocumentRemoved(uri) {
      entries.delete(uri);
    },
    dispose() {
      entries.clear();
    },
  };
}
