import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DecodeJwtRequestType, handleDecodeJwt } from './decode-jwt-handler';
import type { LanguageServer } from './language-server';
import { runSafe, runSafeNotification } from './run-safe';

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
  connection.onRequest(DecodeJwtRequestType, (params, token) =>
    runSafe(DecodeJwtRequestType.method, token, () => handleDecodeJwt(params)),
  );
}
