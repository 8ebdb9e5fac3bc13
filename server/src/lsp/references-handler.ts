import type { Location, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri, requirePosition } from './params';
import { toLspRange } from './ranges';

export type ReferencesHandler = (params: unknown) => Location[] | null;

/** `textDocument/references`: every use of the symbol under the cursor in its document. */
export function createReferencesHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): ReferencesHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/references', params);
    const position = requirePosition('textDocument/references', params);
    const context = (params as { context?: { includeDeclaration?: unknown } }).context;
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return null;
    const ranges = open.analysis.referencesAt(open.document.offsetAt(position), context?.includeDeclaration !== false);
    return ranges.map((range) => ({ uri, range: toLspRange(open.document, range) }));
  };
}
