import type { ClientCapabilities } from 'vscode-languageserver';

/** What the connected client can do, read once at initialize. */
export interface ClientFeatures {
  /** `textDocument/diagnostic`: the client pulls; otherwise the server pushes. */
  readonly pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`: the server may ask the client to pull again. */
  readonly diagnosticRefresh: boolean;
  /** `workspace/configuration`: settings are read per resource. */
  readonly configuration: boolean;
  /** Versioned `documentChanges` in workspace edits; otherwise plain `changes`. */
  readonly documentChanges: boolean;
  /** A tree of document symbols; otherwise a flat list with container names. */
  readonly hierarchicalDocumentSymbols: boolean;
  /** Completion items with `${1:placeholder}` snippets. */
  readonly completionSnippets: boolean;
}

/**
 * Reads a nested capability without trusting the client's object shape (the JSON server's
 * `getClientCapability`): `true` or an object (a capability with options) means supported; a
 * missing step or any other value means not.
 */
export function clientCapability(capabilities: ClientCapabilities | undefined, path: string): boolean {
  let value: unknown = capabilities;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value === true || (typeof value === 'object' && value !== null);
}

export function readClientFeatures(capabilities: ClientCapabilities | undefined): ClientFeatures {
  return {
    pullDiagnostics: clientCapability(capabilities, 'textDocument.diagnostic'),
    diagnosticRefresh: clientCapability(capabilities, 'workspace.diagnostics.refreshSupport'),
    configuration: clientCapability(capabilities, 'workspace.configuration'),
    documentChanges: clientCapability(capabilities, 'workspace.workspaceEdit.documentChanges'),
    hierarchicalDocumentSymbols: clientCapability(
      capabilities,
      'textDocument.documentSymbol.hierarchicalDocumentSymbolSupport',
    ),
    completionSnippets: clientCapability(capabilities, 'textDocument.completion.completionItem.snippetSupport'),
  };
}
