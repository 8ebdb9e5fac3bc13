import type { Connection, SemanticTokens, SemanticTokensDelta, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DecodeJwtRequestType, handleDecodeJwt } from './decode-jwt-handler';
import {
  OPEN_SNIPPET_ACTION_REQUEST,
  OpenSnippetActionRequestType,
  requireSaveParams,
  requireUriParams,
  SAVE_SNIPPET_ACTION_REQUEST,
  SaveSnippetActionRequestType,
  SCRIPT_FLOW_REQUEST,
  ScriptFlowRequestType,
  SNIPPET_ACTIONS_REQUEST,
  SnippetActionsRequestType,
} from './snippet-action-requests';
import type { LanguageServer } from './language-server';
import { runSafe, runSafeNotification } from './run-safe';
import { SimulateRequestType } from './simulate-handler';

/**
 * Every message the server handles, on one screen. Requests go through `runSafe`, notifications through
 * `runSafeNotification`.
 */
export function registerHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  server: LanguageServer,
): void {
  connection.onInitialize((params) => server.initialize(params));
  connection.onInitialized(() => runSafeNotification('initialized', () => server.initialized()));
  connection.onShutdown(() => server.shutdown());

  documents.onDidOpen(({ document }) => runSafeNotification('textDocument/didOpen', () => server.didOpen(document)));
  documents.onDidChangeContent(({ document }) =>
    runSafeNotification('textDocument/didChange', () => server.didChangeContent(document)),
  );
  documents.onDidClose(({ document }) => runSafeNotification('textDocument/didClose', () => server.didClose(document)));
  connection.onDidChangeConfiguration((params) =>
    runSafeNotification('workspace/didChangeConfiguration', () => server.didChangeConfiguration(params)),
  );

  connection.languages.diagnostics.on((params, token) =>
    runSafe('textDocument/diagnostic', token, () => server.diagnostic(params, token)),
  );
  connection.onHover((params, token) => runSafe('textDocument/hover', token, () => server.hover(params)));
  connection.onFoldingRanges((params, token) =>
    runSafe('textDocument/foldingRange', token, () => server.foldingRange(params)),
  );
  connection.onCodeAction((params, token) =>
    runSafe('textDocument/codeAction', token, () => server.codeAction(params)),
  );
  connection.onDocumentSymbol((params, token) =>
    runSafe('textDocument/documentSymbol', token, () => server.documentSymbol(params)),
  );
  connection.onWorkspaceSymbol((params, token) =>
    runSafe('workspace/symbol', token, () => server.workspaceSymbol(params)),
  );
  connection.onDefinition((params, token) =>
    runSafe('textDocument/definition', token, () => server.definition(params)),
  );
  connection.onReferences((params, token) =>
    runSafe('textDocument/references', token, () => server.references(params)),
  );
  connection.onDocumentHighlight((params, token) =>
    runSafe('textDocument/documentHighlight', token, () => server.documentHighlight(params)),
  );
  connection.onPrepareRename((params, token) =>
    runSafe('textDocument/prepareRename', token, () => server.prepareRename(params)),
  );
  connection.onRenameRequest((params, token) => runSafe('textDocument/rename', token, () => server.rename(params)));
  connection.onCompletion((params, token) =>
    runSafe('textDocument/completion', token, () => server.completion(params)),
  );
  connection.onSignatureHelp((params, token) =>
    runSafe('textDocument/signatureHelp', token, () => server.signatureHelp(params)),
  );
  const tokens = server.semanticTokens;
  connection.languages.semanticTokens.on((params, token) =>
    runSafe<SemanticTokens, void>('textDocument/semanticTokens/full', token, () => tokens.full(params)),
  );
  connection.languages.semanticTokens.onDelta((params, token) =>
    runSafe<SemanticTokens | SemanticTokensDelta, void>('textDocument/semanticTokens/full/delta', token, () =>
      tokens.delta(params),
    ),
  );
  connection.languages.semanticTokens.onRange((params, token) =>
    runSafe<SemanticTokens, void>('textDocument/semanticTokens/range', token, () => tokens.range(params)),
  );
  connection.onDocumentFormatting((params, token) =>
    runSafe('textDocument/formatting', token, () => server.formatting(params)),
  );
  connection.onDocumentRangeFormatting((params, token) =>
    runSafe('textDocument/rangeFormatting', token, () => server.rangeFormatting(params)),
  );
  connection.onRequest(DecodeJwtRequestType, (params, token) =>
    runSafe(DecodeJwtRequestType.method, token, () => handleDecodeJwt(params)),
  );
  connection.onRequest(SimulateRequestType, (params, token) =>
    runSafe(SimulateRequestType.method, token, () => server.simulate(params)),
  );
  const actions = server.snippetActions;
  connection.onCodeLens((params, token) => runSafe('textDocument/codeLens', token, () => actions.codeLens(params)));
  connection.onRequest(SnippetActionsRequestType, (params, token) =>
    runSafe(SNIPPET_ACTIONS_REQUEST, token, () =>
      actions.snippetActions(requireUriParams(SNIPPET_ACTIONS_REQUEST, params)),
    ),
  );
  connection.onRequest(OpenSnippetActionRequestType, (params, token) =>
    runSafe(OPEN_SNIPPET_ACTION_REQUEST, token, () =>
      actions.openSnippetAction(requireUriParams(OPEN_SNIPPET_ACTION_REQUEST, params)),
    ),
  );
  connection.onRequest(SaveSnippetActionRequestType, (params, token) =>
    runSafe(SAVE_SNIPPET_ACTION_REQUEST, token, () => actions.saveSnippetAction(requireSaveParams(params))),
  );
  connection.onRequest(ScriptFlowRequestType, (params, token) =>
    runSafe(SCRIPT_FLOW_REQUEST, token, () => actions.scriptFlow(requireUriParams(SCRIPT_FLOW_REQUEST, params))),
  );
}
