import type { Location } from 'vscode-languageserver';
import type { AnalysisTargets } from './analysis-target';
import { requireDocumentUri, requirePosition } from './params';

export type DefinitionHandler = (params: unknown) => Location[] | null;

/**
 * `textDocument/definition`: where the variable or FUNCTION under the cursor is assigned or declared (from a SNIPPET
 * action's tab, in the tab or in the export).
 */
export function createDefinitionHandler(targets: AnalysisTargets): DefinitionHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/definition', params);
    const position = requirePosition('textDocument/definition', params);
    const open = targets.anyOf(uri);
    if (!open) return null;
    return open.analysis.definitionAt(open.offsetAt(position)).map((range) => open.location(range));
  };
}
