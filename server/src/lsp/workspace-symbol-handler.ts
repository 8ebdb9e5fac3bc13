import { ErrorCodes, ResponseError, type SymbolInformation, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { matchingSymbols } from '../service';
import type { DocumentAnalyses } from './document-analysis';
import { symbolKindOf } from './document-symbol-handler';
import { openAnalysis } from './open-analysis';
import { toLspRange } from './ranges';

export type WorkspaceSymbolHandler = (params: unknown) => SymbolInformation[];

/** `workspace/symbol`: the Outline entries of every open document whose names match the query. */
export function createWorkspaceSymbolHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): WorkspaceSymbolHandler {
  return (params) => {
    const query = (params as { query?: unknown } | null)?.query;
    if (typeof query !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'workspace/symbol: query must be a string');
    }
    const found: SymbolInformation[] = [];
    for (const document of documents.all()) {
      const open = openAnalysis(documents, analyses, document.uri);
      if (!open) continue;
      for (const match of matchingSymbols(open.analysis.documentSymbols(), query)) {
        found.push({
          name: match.name,
          kind: symbolKindOf(match.kind),
          location: { uri: document.uri, range: toLspRange(open.document, match.range) },
          ...(match.containerName === undefined ? {} : { containerName: match.containerName }),
        });
      }
    }
    return found;
  };
}
