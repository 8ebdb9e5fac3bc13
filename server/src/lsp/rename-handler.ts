import {
  ErrorCodes,
  type PrepareRenameResult,
  ResponseError,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri, requirePosition } from './params';
import { toLspRange, toLspTextEdit } from './ranges';

export type PrepareRenameHandler = (params: unknown) => PrepareRenameResult | null;
export type RenameHandler = (params: unknown) => WorkspaceEdit | null;

/**
 * `textDocument/prepareRename`: the name's range and text, or an error whose message says why this cannot be renamed
 * (a keyword, a built-in, a dynamic object's member…): editors show that message, where `null` would only say no.
 */
export function createPrepareRenameHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
): PrepareRenameHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/prepareRename', params);
    const position = requirePosition('textDocument/prepareRename', params);
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return null;
    const result = open.analysis.prepareRename(open.document.offsetAt(position));
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    return { range: toLspRange(open.document, result.range), placeholder: result.placeholder };
  };
}

/**
 * `textDocument/rename`: one edit per occurrence in the document (every SNIPPET action of an export, `{name}`
 * substitutions of its other actions), versioned when the client takes `documentChanges`. A name collision or a
 * reserved word is refused with a message.
 */
export function createRenameHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  documentChanges: () => boolean,
): RenameHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/rename', params);
    const position = requirePosition('textDocument/rename', params);
    const newName = (params as { newName?: unknown }).newName;
    if (typeof newName !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/rename: newName must be a string');
    }
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return null;
    const result = open.analysis.rename(open.document.offsetAt(position), newName);
    if (!result.ok) throw new ResponseError(ErrorCodes.InvalidRequest, result.message);
    const edits = result.edits.map((edit) => toLspTextEdit(open.document, edit));
    if (documentChanges()) {
      return { documentChanges: [{ textDocument: { uri, version: open.document.version }, edits }] };
    }
    return { changes: { [uri]: edits } };
  };
}
