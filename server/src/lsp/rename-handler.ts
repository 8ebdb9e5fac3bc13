import { ErrorCodes, type PrepareRenameResult, ResponseError, type WorkspaceEdit } from 'vscode-languageserver';
import type { AnalysisTargets } from './analysis-target';
import { requireDocumentUri, requirePosition } from './params';

export type PrepareRenameHandler = (params: unknown) => PrepareRenameResult | null;
export type RenameHandler = (params: unknown) => WorkspaceEdit | null;

/**
 * `textDocument/prepareRename`: the name's range and text, or an error whose message says why this cannot be renamed
 * (a keyword, a built-in, a dynamic object's member…): editors show that message, where `null` would only say no.
 */
export function createPrepareRenameHandler(targets: AnalysisTargets): PrepareRenameHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/prepareRename', params);
    const position = requirePosition('textDocument/prepareRename', params);
    const open = targets.anyOf(uri);
    if (!open) return null;
    const result = open.analysis.prepareRename(open.offsetAt(position));
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    const range = open.rangeHere(result.range);
    if (!range) return null;
    return { range, placeholder: result.placeholder };
  };
}

/**
 * `textDocument/rename`: one edit per occurrence in the document (every SNIPPET action of an export, `{name}`
 * substitutions of its other actions; from a SNIPPET action's tab, the tab and its export), versioned when the client
 * takes `documentChanges`. A name collision or a
 * reserved word is refused with a message.
 */
export function createRenameHandler(targets: AnalysisTargets, documentChanges: () => boolean): RenameHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/rename', params);
    const position = requirePosition('textDocument/rename', params);
    const newName = (params as { newName?: unknown }).newName;
    if (typeof newName !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/rename: newName must be a string');
    }
    const open = targets.anyOf(uri);
    if (!open) return null;
    const result = open.analysis.rename(open.offsetAt(position), newName);
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    // From a SNIPPET action's tab, the edits go to the tab and to the export's other actions.
    const edit = open.workspaceEdit(result.edits, documentChanges());
    if (!edit)
      throw new ResponseError(ErrorCodes.InternalError, 'the rename could not be placed in the tab and export');
    return edit;
  };
}
