import type { Location, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri, requirePosition } from './params';
import { toLspRange } from './ranges';

export type DefinitionHandler = (params: unknown) => Location[] | null;

/** `textDocument/definition`: where the variable or FUNCTION under the cursor is assigned or declared. */
export function createDefinitionHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): DefinitionHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/definition', params);
    const position = requirePosition('textDocument/definition', params);
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return null;
    const ranges = open.analysis.definitionAt(open.document.offsetAt(position));
    return ranges.map((range) => ({ uri, range: toLspRange(open.document, range) }));
  };
}
