import type {
  Location,
  Position,
  Range,
  TextDocuments,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, type Settings } from '../common/settings';
import type { Steps } from '../common/steps';
import type { TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import { ActionView, type Analysis } from '../service';
import { parseActionTabUri } from './action-tab-uri';
import type { DocumentAnalyses } from './document-analysis';
import { documentNameOf } from './document-name';
import { toLspRange, toLspTextEdit } from './ranges';

/**
 * What a request about one open document is answered from: its own analysis, or, for a SNIPPET action's tab, the
 * analysis of its export with the tab's text as the action's code. Handlers go through these maps, so a tab answers
 * like a `.snippet` file and points into the export where the answer lies there.
 */
export interface AnalysisTarget {
  readonly document: TextDocument;
  readonly analysis: Analysis;
  /** For a tab: the export document. */
  readonly exportDocument?: TextDocument;
  /** Names what the answers were computed from (versions), for result ids. */
  readonly versionKey: string;
  offsetAt(position: Position): number;
  /** An analysis range in this document, or undefined when it lies elsewhere (in the export, for a tab). */
  rangeHere(range: TextRange): Range | undefined;
  /** An analysis range as a location: in this document or in the export. */
  location(range: TextRange): Location;
  /** Analysis edits as a workspace edit (for a tab, split between the tab and the export); undefined if impossible. */
  workspaceEdit(edits: readonly TextEdit[], documentChanges: boolean): WorkspaceEdit | undefined;
}

function editOf(
  entries: readonly { document: TextDocument; edits: LspTextEdit[] }[],
  documentChanges: boolean,
): WorkspaceEdit {
  const used = entries.filter((entry) => entry.edits.length > 0);
  if (documentChanges) {
    return {
      documentChanges: used.map(({ document, edits }) => ({
        textDocument: { uri: document.uri, version: document.version },
        edits,
      })),
    };
  }
  return { changes: Object.fromEntries(used.map(({ document, edits }) => [document.uri, edits])) };
}

function plainTarget(document: TextDocument, analysis: Analysis): AnalysisTarget {
  return {
    document,
    analysis,
    versionKey: String(document.version),
    offsetAt: (position) => document.offsetAt(position),
    rangeHere: (range) => toLspRange(document, range),
    location: (range) => ({ uri: document.uri, range: toLspRange(document, range) }),
    workspaceEdit: (edits, documentChanges) =>
      editOf([{ document, edits: edits.map((edit) => toLspTextEdit(document, edit)) }], documentChanges),
  };
}

function tabTarget(tab: TextDocument, exportDocument: TextDocument, view: ActionView): AnalysisTarget {
  const location = (range: TextRange): Location => {
    const place = view.place(range);
    const document = place.in === 'tab' ? tab : exportDocument;
    return { uri: document.uri, range: toLspRange(document, place.range) };
  };
  return {
    document: tab,
    analysis: view.analysis,
    exportDocument,
    versionKey: `${tab.version}/${exportDocument.version}`,
    offsetAt: (position) => view.toAnalysis(tab.offsetAt(position)),
    rangeHere: (range) => {
      const inTab = view.inTab(range);
      return inTab && toLspRange(tab, inTab);
    },
    location,
    workspaceEdit: (edits, documentChanges) => {
      const split = view.splitEdits(edits);
      if (!split) return undefined;
      return editOf(
        [
          { document: tab, edits: split.tab.map((edit) => toLspTextEdit(tab, edit)) },
          { document: exportDocument, edits: split.export.map((edit) => toLspTextEdit(exportDocument, edit)) },
        ],
        documentChanges,
      );
    },
  };
}

export interface AnalysisTargets {
  /** The target of an open document under `settings`; undefined when it is not open or not ours. */
  of(uri: string, settings: Settings): AnalysisTarget | undefined;
  /**
   * The target for answers that do not depend on settings (navigation, rename, completion): the latest analysis of
   * any settings, so that asking never replaces the one diagnostics use.
   */
  anyOf(uri: string): AnalysisTarget | undefined;
  /**
   * Parses an open document under `settings` in steps, for `of` to answer at once after (nothing for a SNIPPET
   * action's tab, whose view is made from its export's text when asked).
   */
  parse(uri: string, settings: Settings): Steps<void>;
  /** The settings resource of a document: a tab's are its export's. */
  settingsUri(uri: string): string;
  onDocumentRemoved(uri: string): void;
}

interface CachedView {
  readonly key: string;
  readonly settings: Settings;
  readonly view: ActionView;
}

/**
 * Targets of open documents. A tab whose export is not open (or whose text the export cannot hold) is answered as a
 * `.snippet` file of its own; the last view of each tab is kept while its and its export's versions stay.
 */
export function createAnalysisTargets(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): AnalysisTargets {
  const views = new Map<string, CachedView>();
  const targets: AnalysisTargets = {
    anyOf(uri) {
      const document = documents.get(uri);
      if (!document) return undefined;
      if (parseActionTabUri(uri)) return targets.of(uri, views.get(uri)?.settings ?? DEFAULT_SETTINGS);
      const analysis = analyses.get(document).anyAnalysis(DEFAULT_SETTINGS);
      return analysis && plainTarget(document, analysis);
    },
    of(uri, settings) {
      const document = documents.get(uri);
      if (!document) return undefined;
      const address = parseActionTabUri(uri);
      const exportDocument = address && documents.get(address.exportUri);
      if (address && exportDocument) {
        const key = `${document.version}/${exportDocument.uri}@${exportDocument.version}`;
        let cached = views.get(uri);
        if (!cached || cached.key !== key || cached.settings !== settings) {
          const exportInput = {
            name: documentNameOf(exportDocument.uri),
            languageId: exportDocument.languageId,
            text: exportDocument.getText(),
          };
          // The last view, when only the tab changed since: the export is not read again, only the action lowered.
          const previous = cached?.settings === settings ? cached.view : undefined;
          const view = ActionView.of(exportInput, address.actionId, document.getText(), settings, previous);
          cached = view instanceof ActionView ? { key, settings, view } : undefined;
          if (cached) views.set(uri, cached);
          else views.delete(uri);
        }
        if (cached) return tabTarget(document, exportDocument, cached.view);
      }
      const analysis = analyses.get(document).analysis(settings);
      return analysis && plainTarget(document, analysis);
    },
    *parse(uri, settings) {
      const document = documents.get(uri);
      if (document && !parseActionTabUri(uri)) yield* analyses.get(document).analysisSteps(settings);
    },
    settingsUri(uri) {
      return parseActionTabUri(uri)?.exportUri ?? uri;
    },
    onDocumentRemoved(uri) {
      views.delete(uri);
    },
  };
  return targets;
}
