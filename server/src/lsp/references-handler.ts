import type { Location } from 'vscode-languageserver';
import type { AnalysisTargets } from './analysis-target';
import { requireDocumentUri, requirePosition } from './params';

export type ReferencesHandler = (params: unknown) => Location[] | null;

/**
 * `textDocument/references`: every use of the symbol under the cursor in its document (from a SNIPPET action's tab,
 * in the whole export).
 */
export function createReferencesHandler(targets: AnalysisTargets): ReferencesHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/references', params);
    const position = requirePosition('textDocument/references', params);
    const context = (params as { context?: { includeDeclaration?: unknown } }).context;
    const open = targets.anyOf(uri);
    if (!open) return null;
    const ranges = open.analysis.referencesAt(open.offsetAt(position), context?.includeDeclaration !== false);
    return ranges.map((range) => open.location(range));
  };
}
