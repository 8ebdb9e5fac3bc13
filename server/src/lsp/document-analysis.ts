import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../common/settings';
import { runSteps, type Steps } from '../common/steps';
import { Analysis } from '../service';
import { documentNameOf } from './document-name';
import { createLanguageModelCache, type LanguageModelCache } from './language-model-cache';

/**
 * One version of an open document: parsed once (on first use), analysed once per settings object. Settings objects
 * are cached per resource and replaced when configuration changes, so identity tells whether an analysis is current.
 */
export class DocumentVersion {
  /** null: not parsed yet; undefined: not one of our documents (e.g. XML that is not a Studio export). */
  private current: Analysis | undefined | null = null;
  /** The previous version's analysis until this version is parsed: an export's unchanged SNIPPET actions keep it. */
  private previous: Analysis | undefined;

  constructor(
    readonly name: string,
    private readonly textDocument: TextDocument,
    previous?: DocumentVersion,
  ) {
    this.previous = previous?.current ?? undefined;
  }

  /** The analysis under these settings; undefined when the document is not ours (it is ignored silently). */
  analysis(settings: Settings): Analysis | undefined {
    return runSteps(this.analysisSteps(settings));
  }

  /**
   * `analysis` in steps (an export's parse yields between SNIPPET actions): the pull runs it in slices. Dropped
   * half-way, it leaves the version unparsed; when another request parsed it meanwhile, that analysis stays.
   */
  *analysisSteps(settings: Settings): Steps<Analysis | undefined> {
    if (this.current === null) {
      const { languageId } = this.textDocument;
      const input = { name: this.name, languageId, text: this.textDocument.getText() };
      const parsed = yield* Analysis.steps(input, settings, this.previous);
      if (this.current === null) this.current = parsed;
      this.previous = undefined;
    }
    if (this.current) this.current = this.current.withSettings(settings);
    return this.current;
  }

  /** The latest analysis under any settings, for answers that do not depend on them (folding). */
  anyAnalysis(fallback: Settings): Analysis | undefined {
    return this.current === null ? this.analysis(fallback) : this.current;
  }
}

export type DocumentAnalyses = LanguageModelCache<DocumentVersion>;

const MAX_CACHED_DOCUMENTS = 10;

/**
 * The text the cached analyses may cover in all, in characters (the most recent one is kept whatever its size). An
 * analysis keeps about 28 bytes of heap per character of text (parse 19, model 7, findings 2: 1.5 MiB for a 2,000-line
 * snippet, 14 MiB for 20,000 lines), so ten large documents would hold 140 MiB; this keeps it under 60 MiB. Ten
 * 2,000-line documents (53 KB each) or three of 20,000 lines (534 KB) stay within it.
 */
const MAX_CACHED_TEXT = 2 * 1024 * 1024;

/** The last few document versions, by URI (the JSON language server's languageModelCache). */
export function createDocumentAnalyses(): DocumentAnalyses {
  return createLanguageModelCache(
    { maxEntries: MAX_CACHED_DOCUMENTS, maxWeight: MAX_CACHED_TEXT, weigh: (document) => document.getText().length },
    (textDocument, previous) => new DocumentVersion(documentNameOf(textDocument.uri), textDocument, previous),
  );
}
