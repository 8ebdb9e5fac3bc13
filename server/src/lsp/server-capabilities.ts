import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import type { ClientFeatures } from './client-features';
import { CODE_ACTION_KINDS } from './code-actions';
import { DIAGNOSTIC_SOURCE } from './to-diagnostic';

/** What the server offers; pull diagnostics only to clients that pull (the others get pushed ones). */
export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    foldingRangeProvider: true,
    codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS], resolveProvider: false },
  };
  if (features.pullDiagnostics) {
    capabilities.diagnosticProvider = {
      identifier: DIAGNOSTIC_SOURCE,
      interFileDependencies: false,
      workspaceDiagnostics: false,
    };
  }
  return capabilities;
}
