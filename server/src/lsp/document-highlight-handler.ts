import { type DocumentHighlight, DocumentHighlightKind, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri, requirePosition } from './params';
import { toLspRange } from './ranges';

export type DocumentHighlightHandler = (params: unknown) => DocumentHighlight[] | null;

/** `textDocument/documentHighlight`: the symbol's assignments (write) and reads in the document. */
export function createDocumentHighlightHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): DocumentHighlightHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/documentHighlight', params);
    const position = requirePosition('textDocument/documentHighlight', params);
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return null;
    return open.analysis.highlightsAt(open.document.offsetAt(position)).map((highlight) => ({
      range: toLspRange(open.document, highlight.range),
      kind: highlight.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  };
}
