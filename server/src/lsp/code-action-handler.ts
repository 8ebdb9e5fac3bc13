import {
  ErrorCodes,
  ResponseError,
  type CodeAction,
  type CodeActionContext,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientFeatures } from './client-features';
import { buildCodeActions } from './code-actions';
import type { AnalysisTargets } from './analysis-target';
import { requireDocumentUri, requireRange } from './params';
import type { SettingsStore } from './settings-store';

export type CodeActionHandler = (params: unknown) => Promise<CodeAction[]>;

function requireContext(params: unknown): CodeActionContext {
  const context = (params as { context?: unknown }).context;
  if (typeof context !== 'object' || context === null || !Array.isArray((context as CodeActionContext).diagnostics)) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument/codeAction: context.diagnostics must be an array');
  }
  return context as CodeActionContext;
}

/** `textDocument/codeAction`: nothing for documents that are not open or changed during the request. */
export function createCodeActionHandler(
  documents: TextDocuments<TextDocument>,
  targets: AnalysisTargets,
  settingsStore: SettingsStore,
  features: () => ClientFeatures,
): CodeActionHandler {
  return async (params) => {
    const uri = requireDocumentUri('textDocument/codeAction', params);
    requireRange('textDocument/codeAction', params);
    const context = requireContext(params);
    const version = documents.get(uri)?.version;
    if (version === undefined) return [];
    const settings = await settingsStore.settingsFor(targets.settingsUri(uri));
    const textDocument = documents.get(uri);
    if (!textDocument || textDocument.version !== version) return [];
    const target = targets.of(uri, settings);
    return buildCodeActions({
      textDocument,
      analysis: target?.analysis,
      context,
      documentChanges: features().documentChanges,
      ...(target ? { target } : {}),
    });
  };
}
