import {
  type SemanticTokens,
  SemanticTokensBuilder,
  type SemanticTokensLegend,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../service';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri, requireRange } from './params';

export type SemanticTokensHandler = (params: unknown) => SemanticTokens;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

/**
 * `textDocument/semanticTokens/full` and `/range`: the core's tokens (document offsets, never across a line break)
 * encoded relative to each other, lines and UTF-16 columns from the open document's own line table.
 */
export function createSemanticTokensHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  method: 'textDocument/semanticTokens/full' | 'textDocument/semanticTokens/range',
): SemanticTokensHandler {
  return (params) => {
    const uri = requireDocumentUri(method, params);
    const range = method === 'textDocument/semanticTokens/range' ? requireRange(method, params) : undefined;
    const builder = new SemanticTokensBuilder();
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return builder.build();
    const { document } = open;
    const from = range ? document.offsetAt(range.start) : 0;
    const to = range ? document.offsetAt(range.end) : Number.POSITIVE_INFINITY;
    for (const token of open.analysis.semanticTokens()) {
      if (token.end <= from || token.start >= to) continue;
      const start = document.positionAt(token.start);
      builder.push(start.line, start.character, token.end - token.start, token.type, token.modifiers);
    }
    return builder.build();
  };
}
