import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import type { ClientFeatures } from './client-features';
import { CODE_ACTION_KINDS } from './code-actions';
import { COMPLETION_TRIGGERS } from './completion-handler';
import { SEMANTIC_TOKENS_LEGEND } from './semantic-tokens-handler';
import { SIGNATURE_TRIGGERS } from './signature-help-handler';
import { DIAGNOSTIC_SOURCE } from './to-diagnostic';

/** What the server offers; pull diagnostics only to clients that pull (the others get pushed ones). */
export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    foldingRangeProvider: true,
    codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS], resolveProvider: false },
    documentSymbolProvider: { label: 'Studio script' },
    workspaceSymbolProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: { prepareProvider: true },
    completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS], resolveProvider: false },
    signatureHelpProvider: { triggerCharacters: [...SIGNATURE_TRIGGERS], retriggerCharacters: [','] },
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    // "Edit SNIPPET action … as Snippet" over each SNIPPET action of an export.
    codeLensProvider: { resolveProvider: false },
  };
  if (features.pullDiagnostics) {
    capabilities.diagnosticProvider = {
      identifier: DIAGNOSTIC_SOURCE,
      // A SNIPPET action's tab is analysed with its export: an edit of the export changes the tab's diagnostics.
      interFileDependencies: true,
      workspaceDiagnostics: false,
    };
  }
  return capabilities;
}
