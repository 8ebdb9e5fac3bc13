import { FoldingRangeKind, type FoldingRange, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../common/settings';
import type { DocumentAnalyses } from './document-analysis';
import { requireDocumentUri } from './params';

export type FoldingHandler = (params: unknown) => FoldingRange[] | null;

/**
 * `textDocument/foldingRange`: line ranges of multi-line regions. The closing line stays visible when it
 * starts with the closing token (`}`, END SNIPPET, `</ActionStruct>`), as VS Code's own JSON folding does.
 */
export function createFoldingHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): FoldingHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/foldingRange', params);
    const current = documents.get(uri);
    if (!current) return null;
    // Folding does not depend on settings: any analysis of this version will do.
    const analysis = analyses.get(current).anyAnalysis(DEFAULT_SETTINGS);
    if (!analysis) return null;
    const text = current.getText();
    const seen = new Set<string>();
    const ranges: FoldingRange[] = [];
    for (const region of analysis.foldingRegions()) {
      const start = current.positionAt(region.range.start).line;
      const endPosition = current.positionAt(region.range.end);
      const lineStart = current.offsetAt({ line: endPosition.line, character: 0 });
      const closesAtLineStart =
        region.kind === 'block' && /^[ \t]*$/.test(text.slice(lineStart, Math.max(lineStart, region.range.end - 1)));
      const end = closesAtLineStart || endPosition.character === 0 ? endPosition.line - 1 : endPosition.line;
      if (end <= start) continue;
      const key = `${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ranges.push(
        region.kind === 'comment'
          ? { startLine: start, endLine: end, kind: FoldingRangeKind.Comment }
          : { startLine: start, endLine: end },
      );
    }
    return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  };
}
